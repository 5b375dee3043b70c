"""The Word and PDF files of a published document, for anyone without signing in: the file
kept when it was made final (made by the task worker, never in the request), a 202 page while
it is being made, and never a draft's."""

import pytest

from reporting.annual import services as annual_services
from reporting.reviews import services as review_services
from tests.conftest import client_for, run_worker
from tests.reporting.public.factories import final_annual_report, final_review

pytestmark = pytest.mark.django_db

ANNUAL = "/public/documents/2025-2028/2026/"
REVIEW = "/public/documents/2025-2028/final/"


def test_a_published_documents_files_are_served_from_the_kept_files(director, database_queue):
    report = final_annual_report(director)
    annual_services.annual_report_publish(report_id=report.pk, user=director)
    page = client_for(None).get(ANNUAL)
    word = f"{ANNUAL}download/docx/"
    assert word in page.text
    assert f"{ANNUAL}download/pdf/" in page.text
    assert word in client_for(None).get("/public/documents/").text

    preparing = client_for(None).get(word)
    assert preparing.status_code == 202
    # The page of a file being prepared links to nothing that needs a sign-in.
    assert "/reports/" not in preparing.text
    assert "/accounts/" not in preparing.text
    run_worker()
    ready = client_for(None).get(word)
    assert ready.status_code == 200
    assert ready["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ready["Content-Disposition"].startswith("attachment;")
    assert client_for(None).get(f"{ANNUAL}download/xlsx/").status_code == 404


def test_no_file_of_a_draft_or_withdrawn_document(director, chair, database_queue):
    report = final_annual_report(director)
    word = f"{ANNUAL}download/docx/"
    assert client_for(None).get(word).status_code == 404
    annual_services.annual_report_publish(report_id=report.pk, user=director)
    annual_services.annual_report_withdraw(report_id=report.pk, user=director, reason="Wrong.")
    assert client_for(None).get(word).status_code == 404

    review = final_review(chair)
    assert client_for(None).get(f"{REVIEW}download/pdf/").status_code == 404
    review_services.review_publish(review_id=review.pk, user=chair)
    assert client_for(None).get(f"{REVIEW}download/pdf/").status_code == 202
    review_services.review_reopen(review_id=review.pk, user=chair, reason="Redo.")
    assert client_for(None).get(f"{REVIEW}download/pdf/").status_code == 404

"""A change to the data a draft counts queues the making of its files: a report accepted moves
the plan's data version, and once committed every draft document of the plan (the Chair's
review, the program director's annual report) has its files made by the worker, so that a
download finds a kept file instead of answering 202."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from plans.models import StrategicPlan
from reporting.annual import services as annual_services
from reporting.models import EconomyReport
from reporting.reports import services
from reporting.reviews import services as review_services
from reporting.reviews.exports import FORMATS
from tests.conftest import client_for, run_worker
from tests.reporting.annual.factories import URL as ANNUAL
from tests.reporting.annual.factories import build_year
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

REVIEW = "/reviews/2025-2028/midterm/"
# Each draft document, as its tasks name it, with every format it is offered in.
DRAFTS = {
    ("review", (("kind", "midterm"), ("plan", "2025-2028"))): list(FORMATS),
    ("annual", (("plan", "2025-2028"), ("year", 2026))): ["docx", "pdf"],
}


def file_tasks():
    """The tasks making documents' files (an accepted report's e-mail is queued too)."""
    return DBTaskResult.objects.filter(task_path__endswith=".prepare_document_files")


def queued() -> list[tuple]:
    return sorted(
        (
            task["document"],
            tuple(sorted(task["reference"].items())),
            tuple(task["formats"]),
        )
        for task in (row.args_kwargs["kwargs"] for row in file_tasks())
    )


@pytest.mark.usefixtures("database_queue")
def test_accepting_a_report_queues_each_draft_documents_files_once(
    chair, director, django_capture_on_commit_callbacks
):
    build_year()
    plan = StrategicPlan.objects.get(code="2025-2028")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_save(
            plan=plan,
            kind="midterm",
            user=chair,
            expected_version=0,
            executive_summary="Steady progress.",
            area_texts={},
        )
        annual_services.annual_report_save(
            plan=plan,
            year=2026,
            user=director,
            expected_version=0,
            introduction="A year of steady work.",
            comments={},
        )
    run_worker()
    DBTaskResult.objects.all().delete()
    client = client_for(chair)
    # The files kept are of the content before the change: the new content's are not made.
    assert client.get(f"{REVIEW}download/pdf/").status_code == 200
    australia = EconomyReport.objects.get(economy__code="AUS", cycle__year=2025)
    assert australia.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.report_accept(report_id=australia.pk, user=director)
        # A second step committed with it (a report started: the participation moves): the
        # data version moves twice, the files are queued once.
        start_report(User.objects.get(username="delegate-jpn"), "JPN", 2026)
    expected = sorted(
        (document, reference, tuple(formats)) for (document, reference), formats in DRAFTS.items()
    )
    assert queued() == expected

    run_worker()
    assert set(file_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}
    # Every download is the kept file of the new content, at once: nothing more is queued.
    for url, formats in ((REVIEW, DRAFTS[next(iter(DRAFTS))]), (ANNUAL, ["docx", "pdf"])):
        for fmt in formats:
            response = client.get(f"{url}download/{fmt}/")
            assert response.status_code == 200, (url, fmt)
            assert response["Content-Disposition"].startswith("attachment")
    assert file_tasks().count() == 2


@pytest.mark.usefixtures("database_queue")
def test_a_change_to_a_plan_without_drafts_queues_nothing(
    director, django_capture_on_commit_callbacks
):
    build_year()
    australia = EconomyReport.objects.get(economy__code="AUS", cycle__year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_accept(report_id=australia.pk, user=director)
    assert EconomyReport.objects.get(pk=australia.pk).status == "accepted"
    assert not file_tasks().exists()

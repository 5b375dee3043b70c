"""An economy's delegate releases its accepted report and withdraws it; the program director
publishes a final annual report and withdraws it with a reason."""

import pytest

from reporting.annual import services as annual_services
from reporting.reports import services
from reporting.reports.models import ReportStatus
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, start_report
from tests.reporting.public.factories import accepted_report, final_annual_report

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/"
PUBLIC = "/public/reports/2026/CHL/"


def test_release_and_withdraw_keep_their_history(delegate_chl, director):
    report = accepted_report(delegate_chl, director)
    assert report.released_at is None

    released = services.report_release(report_id=report.pk, user=delegate_chl)
    assert released.released_at is not None
    assert released.released_by == delegate_chl
    assert released.is_released

    withdrawn = services.report_withdraw(report_id=report.pk, user=delegate_chl)
    assert withdrawn.released_at is None
    assert withdrawn.released_by is None
    reasons = [h.history_change_reason for h in report.history.order_by("history_date")]
    assert reasons[-2:] == [
        "Released to the public site.",
        f"Withdrawn from the public site by {delegate_chl}.",
    ]


def test_only_an_accepted_report_is_released(delegate_chl, director):
    report = start_report(delegate_chl)
    with pytest.raises(services.ReportError, match="Only an accepted report"):
        services.report_release(report_id=report.pk, user=delegate_chl)
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    with pytest.raises(services.ReportError, match="Only an accepted report"):
        services.report_release(report_id=report.pk, user=delegate_chl)
    report.refresh_from_db()
    assert report.released_at is None


def test_release_twice_and_withdraw_unreleased_are_refused(delegate_chl, director):
    report = accepted_report(delegate_chl, director)
    with pytest.raises(services.ReportError, match="not released"):
        services.report_withdraw(report_id=report.pk, user=delegate_chl)
    services.report_release(report_id=report.pk, user=delegate_chl)
    with pytest.raises(services.ReportError, match="released already"):
        services.report_release(report_id=report.pk, user=delegate_chl)


def test_a_reopened_report_leaves_the_public_site(delegate_chl, director):
    report = accepted_report(delegate_chl, director)
    services.report_release(report_id=report.pk, user=delegate_chl, with_questions=True)
    assert client_for(None).get(PUBLIC).status_code == 200
    make_cycle(2026, is_open=False)

    services.report_reopen(report_id=report.pk, user=director, comment="Fix the figures.")

    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.released_at is None
    # Its questions and answers leave with it, until a new release chooses them again.
    assert not report.questions_released
    assert client_for(None).get(PUBLIC).status_code == 404


def test_the_delegate_previews_then_releases_from_the_pages(delegate_chl, director):
    accepted_report(delegate_chl, director)
    delegate = client_for(delegate_chl)
    assert client_for(None).get(PUBLIC).status_code == 404

    preview = delegate.get(f"{URL}release/")
    assert preview.status_code == 200
    assert "What will be public" in preview.text
    response = delegate.post(f"{URL}release/")
    assert response.status_code == 302
    assert response["Location"] == PUBLIC
    assert client_for(None).get(PUBLIC).status_code == 200

    assert delegate.get(f"{URL}withdraw/").status_code == 200
    assert delegate.post(f"{URL}withdraw/").status_code == 302
    assert client_for(None).get(PUBLIC).status_code == 404


def test_only_the_economys_delegate_releases(delegate_chl, delegate_pe, director, chair):
    accepted_report(delegate_chl, director)
    assert client_for(delegate_pe).post(f"{URL}release/").status_code == 404
    assert client_for(director).post(f"{URL}release/").status_code == 403
    assert client_for(chair).post(f"{URL}release/").status_code == 403
    assert client_for(None).get(PUBLIC).status_code == 404


def test_the_director_publishes_and_withdraws_a_final_annual_report(director):
    report = final_annual_report(director)
    public = "/public/documents/2025-2028/2026/"
    assert client_for(None).get(public).status_code == 404

    annual_services.annual_report_publish(report_id=report.pk, user=director)
    assert client_for(None).get(public).status_code == 200
    with pytest.raises(annual_services.AnnualReportError, match="published already"):
        annual_services.annual_report_publish(report_id=report.pk, user=director)
    with pytest.raises(annual_services.AnnualReportError, match="Say why"):
        annual_services.annual_report_withdraw(report_id=report.pk, user=director, reason=" ")

    annual_services.annual_report_withdraw(
        report_id=report.pk, user=director, reason="A figure was wrong."
    )
    assert client_for(None).get(public).status_code == 404
    assert report.history.first().history_change_reason == (
        "Withdrawn from the public site: A figure was wrong."
    )


def test_a_draft_annual_report_cannot_be_published(director):
    report = final_annual_report(director)
    annual_services.annual_report_publish(report_id=report.pk, user=director)
    annual_services.annual_report_reopen(report_id=report.pk, user=director, reason="Redo.")
    report.refresh_from_db()
    assert report.published_at is None
    with pytest.raises(annual_services.AnnualReportError, match="Only a final report"):
        annual_services.annual_report_publish(report_id=report.pk, user=director)
    assert client_for(None).get("/public/documents/2025-2028/2026/").status_code == 404


def test_publishing_goes_through_a_confirmation_page(director, chair, delegate_chl):
    final_annual_report(director)
    url = "/reports/annual/2025-2028/2026/publish/"
    assert client_for(delegate_chl).get(url).status_code == 403
    assert client_for(chair).get(url).status_code == 403
    boss = client_for(director)
    page = boss.get(url)
    assert page.status_code == 200
    assert "What will be public" in page.text
    assert boss.post(url).status_code == 302
    assert client_for(None).get("/public/documents/2025-2028/2026/").status_code == 200
    withdraw = "/reports/annual/2025-2028/2026/withdraw/"
    assert boss.post(withdraw, {"reason": ""}).status_code == 200
    assert boss.post(withdraw, {"reason": "Wrong year."}).status_code == 302
    assert client_for(None).get("/public/documents/2025-2028/2026/").status_code == 404

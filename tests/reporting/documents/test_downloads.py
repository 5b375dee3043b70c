"""No file is made in a request: the annual report's plain links (as the review's, in
tests/reporting/reviews/test_downloads.py) answer with the file the task worker keeps, or 202 and
a page that asks again by itself; the worker makes the files on every change of the report."""

import pytest
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from plans.models import Meeting, StrategicPlan
from reporting.annual import services as annual_services
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.documents.stored import content_digest, kept_name
from tests.conftest import client_for, run_worker
from tests.reporting.annual.factories import URL, build_year

pytestmark = pytest.mark.django_db


def report() -> AnnualReport:
    return AnnualReport.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), 2026)


def kept(fmt: str, *, final: bool = False) -> bool:
    current = report()
    digest = content_digest(ANNUAL_DOCUMENT, current)
    return default_storage.exists(
        kept_name(ANNUAL_DOCUMENT.root(current), digest, fmt, final=final)
    )


@pytest.fixture
def year():
    build_year()


@pytest.mark.usefixtures("year", "database_queue")
@pytest.mark.parametrize(("fmt", "label"), [("pdf", "PDF"), ("docx", "Word file")])
def test_the_annual_reports_link_never_makes_a_file(director, fmt, label):
    client = client_for(director)
    response = client.get(f"{URL}download/{fmt}/")
    assert response.status_code == 202
    page = response.text
    assert f"<h1>Preparing the {label}</h1>" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert f'<a class="button" href="{URL}download/{fmt}/">Download the {label}</a>' in page
    assert f'<a href="{URL}">Back to the program director' in page
    # The reader may stop the page asking by itself: the button still asks.
    assert f'<a href="{URL}download/{fmt}/?refresh=off">Stop asking by itself</a>' in page
    stopped = client.get(f"{URL}download/{fmt}/?refresh=off")
    assert stopped.status_code == 202
    assert 'http-equiv="refresh"' not in stopped.text
    assert f'<a class="button" href="{URL}download/{fmt}/">Download the {label}</a>' in stopped.text
    assert not kept(fmt)
    assert DBTaskResult.objects.count() == 1
    assert client.get(f"{URL}download/{fmt}/").status_code == 202  # nothing more queued
    assert DBTaskResult.objects.count() == 1

    run_worker()
    assert kept(fmt)
    response = client.get(f"{URL}download/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="smewg-2025-2028-director-report-2026.{fmt}"'
    )


@pytest.mark.usefixtures("year", "database_queue")
def test_saving_freezing_and_reopening_the_report_queue_its_files(
    director, django_capture_on_commit_callbacks
):
    plan = StrategicPlan.objects.get(code="2025-2028")
    with django_capture_on_commit_callbacks(execute=True):
        annual_services.annual_report_save(
            plan=plan,
            year=2026,
            user=director,
            expected_version=0,
            introduction="A year of steady work.",
            comments={},
        )
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"] == {
        "document": "annual",
        "reference": {"plan": "2025-2028", "year": 2026},
        "formats": ["docx", "pdf"],
    }
    run_worker()
    assert [kept("docx"), kept("pdf")] == [True, True]

    with django_capture_on_commit_callbacks(execute=True):
        final = annual_services.annual_report_freeze(
            plan=plan, year=2026, user=director, meeting=Meeting.objects.get(number=60)
        )
    assert not kept("pdf", final=True)
    run_worker()
    assert [kept("docx", final=True), kept("pdf", final=True)] == [True, True]
    assert client_for(director).get(f"{URL}download/pdf/").status_code == 200

    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        annual_services.annual_report_reopen(report_id=final.pk, user=director, reason="Late")
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["formats"] == ["docx", "pdf"]

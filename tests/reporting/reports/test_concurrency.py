"""People writing one report, or one review, at the same moment: real threads, each with its own
database connection, as the server's workers are. PostgreSQL only: SQLite locks the whole
database for a write, so these races cannot happen there (CI runs these on PostgreSQL)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import pytest
from django.db import connections
from rest_framework.test import APIClient

from plans.models import StrategicPlan
from reporting.models import EconomyReport, ReportStatus
from reporting.reports import services
from reporting.reports.sections import SectionForms
from reporting.reviews import services as review_services
from reporting.reviews.models import Review
from tests.conftest import load_demo_catalogue
from tests.reporting.factories import (
    complete_area,
    fill_report,
    make_cycle,
    section_data,
    start_report,
)

# PostgreSQL only: SQLite locks the whole database for a write, so there is no race between
# connections to test. A run on SQLite leaves these out (tests/conftest.py).
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """Transactional tests start from an emptied database."""
    load_demo_catalogue()


def run_together(*jobs: Callable[[], object]) -> list:
    """Each job in its own thread (so its own connection), all at once: their results, or the
    exceptions they raised."""
    results: list = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer is still waiting"
    return results


class PausedWriter:
    """A section's validated forms, saved once `pause` has run: holds the writer inside the
    service, where another request can come in."""

    def __init__(self, forms: SectionForms, pause: Callable[[], None]):
        self.forms = forms
        self.pause = pause
        self.nothing_to_report = forms.nothing_to_report

    def prepare(self) -> None:
        self.forms.prepare()

    def save(self, *args, **kwargs) -> None:
        self.pause()
        self.forms.save(*args, **kwargs)
        self.pause()


def test_a_section_saved_while_the_report_is_submitted_does_not_undo_the_submission(
    delegate_chl,
):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    general = report.sections.select_related("area").get(area__isnull=True)
    general.report = report  # the page's copy, read before the submission
    data = section_data(general, nothing_to_report=None, lessons_learned="Chambers reach more.")
    forms = SectionForms(general, data=data, require_complete=True)
    assert forms.is_valid(), forms.errors()
    saving, submitted = threading.Event(), threading.Event()

    def pause() -> None:
        saving.set()
        submitted.wait(timeout=2)  # a submit that has to wait for the save never comes

    def save():
        return services.section_save(
            section_id=general.pk,
            user=delegate_chl,
            expected_version=forms.version,
            writer=PausedWriter(forms, pause),
            complete=True,
        )

    def submit():
        saving.wait(timeout=10)
        try:
            return services.report_submit(report_id=report.pk, user=delegate_chl)
        finally:
            submitted.set()

    saved, done = run_together(save, submit)

    assert not isinstance(saved, Exception), saved
    assert not isinstance(done, Exception), done
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == delegate_chl
    assert report.lessons_learned == "Chambers reach more."
    assert report.history.first().status == ReportStatus.SUBMITTED


def test_sections_saved_at_once_and_a_submit_neither_deadlock_nor_lose_a_change(delegate_chl):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    sections = list(report.sections.select_related("area").filter(position__in=[1, 2, 3]))
    before = {section.pk: section.version for section in sections}
    # Every writer has written its own rows before any of them goes on (or gives up waiting:
    # writers that take turns never all get here together).
    all_wrote = threading.Barrier(len(sections), timeout=1)

    def pause() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            all_wrote.wait()

    def saver(section):
        section.report = report
        data = complete_area(section, assessment="achieved")
        forms = SectionForms(section, data=data, require_complete=True)
        assert forms.is_valid(), forms.errors()

        def save():
            return services.section_save(
                section_id=section.pk,
                user=delegate_chl,
                expected_version=forms.version,
                writer=PausedWriter(forms, pause),
                complete=True,
            )

        return save

    def submit():
        return services.report_submit(report_id=report.pk, user=delegate_chl)

    *saved, submitted = run_together(*(saver(section) for section in sections), submit)

    assert isinstance(submitted, EconomyReport), submitted
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    for section, result in zip(sections, saved, strict=True):
        section.refresh_from_db()
        assessments = set(
            report.entries.filter(measure__area=section.area).values_list("assessment", flat=True)
        )
        if isinstance(result, services.ReportError):  # came after the submission: refused
            assert "can no longer be changed" in str(result)
            assert section.version == before[section.pk]
            assert assessments == {"progressing"}
        else:
            assert not isinstance(result, Exception), result
            assert section.version == before[section.pk] + 1
            assert assessments == {"achieved"}


def test_first_saves_of_a_review_at_once_create_it_once(chair):
    plan = StrategicPlan.objects.get(code="2025-2028")
    start = threading.Barrier(4, timeout=10)

    def saver(number: int):
        def save():
            start.wait()
            return review_services.review_save(
                plan=plan,
                kind="midterm",
                user=chair,
                expected_version=0,
                executive_summary=f"Summary {number}",
                area_texts={},
            )

        return save

    results = run_together(*(saver(number) for number in range(4)))

    saved = [result for result in results if isinstance(result, Review)]
    stale = [result for result in results if isinstance(result, review_services.StaleReview)]
    assert (len(saved), len(stale)) == (1, 3), results
    review = Review.objects.get(plan=plan, kind="midterm")
    assert (review.version, review.executive_summary) == (1, saved[0].executive_summary)


def test_starts_of_one_report_at_once_through_the_api_create_it_once(delegate_chl):
    make_cycle(2026)
    start = threading.Barrier(5, timeout=10)

    def post():
        client = APIClient()
        client.force_authenticate(delegate_chl)
        start.wait()
        return client.post("/api/reports/", {"year": 2026, "economy": "CHL"}, format="json")

    responses = run_together(*[post] * 5)

    assert sorted(response.status_code for response in responses) == [200, 200, 200, 200, 201]
    report = EconomyReport.objects.get(cycle__year=2026, economy__code="CHL")
    assert report.sections.count() == 6
    assert report.entries.count() == 22
    assert {response.json()["url"] for response in responses} == {
        "http://testserver/api/reports/2026/CHL/"
    }

"""seed_demo's questions: a few on accepted 2025 reports, one waiting for Chile, asked once."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from reporting.models import Answer, Question
from reporting.questions.models import Subject

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> str:
    """seed_demo once for the module, rolled back after its last test."""
    output = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_questions_on_accepted_2025_reports_one_waiting_for_chile(seeded):
    assert "3 asked (one still waiting for Chile's answer)" in seeded
    questions = Question.objects.select_related("report__cycle", "report__economy")
    assert {(q.report.cycle.year, q.report.status) for q in questions} == {(2025, "accepted")}
    waiting = Question.objects.waiting().select_related("report__economy", "asked_by_economy")
    assert [(q.asked_by_economy.code, q.report.economy.code, q.subject) for q in waiting] == [
        ("PE", "CHL", Subject.INITIATIVE)
    ]
    assert waiting[0].initiative.report == waiting[0].report
    assert Answer.objects.count() == 2


def test_a_second_run_asks_nothing_new(seeded, settings):
    before = (Question.objects.count(), Answer.objects.count(), Question.history.count())
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert (Question.objects.count(), Answer.objects.count(), Question.history.count()) == before
    assert "Questions between economies: already there." in output.getvalue()

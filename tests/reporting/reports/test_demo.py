"""seed_demo's cycles and reports: every state in both years, the cases the demo walks through,
complete finished reports, plausible contents, and nothing new on a second run."""

import datetime
import io
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from plans.accounts.roles import Role, identity_of
from plans.models import Delegate, Economy, MeasureOfProgress, ReportedFigure
from reporting.models import (
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportingCycle,
    ReportSection,
    ReportStatus,
)
from reporting.reports import services
from reporting.reports.completeness import report_problems
from tests.plans.results.test_reported_figures import assert_seed_001_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> str:
    """seed_demo once for the module (it writes 37 reports through the forms, which takes
    seconds), in a transaction rolled back after the module's last test; each test runs in a
    savepoint inside it. Returns what the command printed."""
    output = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def statuses(year: int) -> Counter:
    reports = EconomyReport.objects.filter(cycle__year=year)
    return Counter(reports.values_list("status", flat=True))


def report(year: int, code: str) -> EconomyReport:
    return EconomyReport.objects.select_related("cycle").get(cycle__year=year, economy__code=code)


def test_reports_in_every_state_and_some_missing(seeded):
    assert statuses(2025) == {"accepted": 16, "submitted": 2, "returned": 1}
    assert statuses(2026) == {"draft": 5, "submitted": 5, "returned": 3, "accepted": 5}
    economies = Economy.objects.count()
    assert economies == 21
    assert economies - statuses(2025).total() == 2
    assert economies - statuses(2026).total() == 3
    assert "37 demo reports created" in seeded
    assert "2026: 5 draft, 5 submitted, 3 returned, 5 accepted, 3 missing" in seeded


def test_cycles_of_the_plan(seeded):
    cycles = {cycle.year: cycle for cycle in ReportingCycle.objects.all()}
    assert {year: cycle.is_open for year, cycle in cycles.items()} == {
        2025: False,
        2026: True,
        2027: False,
        2028: False,
    }
    assert (cycles[2025].opens, cycles[2025].due, cycles[2025].closes) == (
        datetime.date(2025, 1, 15),
        datetime.date(2025, 10, 31),
        datetime.date(2025, 12, 15),
    )
    assert {cycle.plan.code for cycle in cycles.values()} == {"2025-2028"}


def test_the_cases_the_demo_walks_through(seeded):
    chl_2025, chl_2026 = report(2025, "CHL"), report(2026, "CHL")
    assert chl_2025.status == ReportStatus.ACCEPTED
    assert chl_2026.status == ReportStatus.DRAFT
    assert chl_2026.is_editable
    # delegate-chl continues the draft beside the values of the accepted 2025 report.
    assert services.last_accepted_report(economy=chl_2026.economy, cycle=chl_2026.cycle) == chl_2025
    states = Counter(chl_2026.sections.values_list("state", flat=True))
    assert states == {"completed": 2, "in_progress": 1, "not_started": 3}
    assert chl_2026.created_by.username == "delegate-chl"

    peru = report(2026, "PE")
    assert peru.status == ReportStatus.RETURNED
    assert peru.return_comment.strip()
    assert peru.reviewed_by.username == "director"
    assert peru.is_editable
    assert peru.sections.exclude(return_comment="").count() == 1
    assert [section.awaits_changes for section in peru.sections.all()].count(True) == 1

    usa = report(2026, "USA")
    assert usa.status == ReportStatus.SUBMITTED
    assert usa.submitted_by.username == "delegate-usa"
    assert usa.reviewed_at is None


def test_finished_reports_are_complete_and_drafts_are_not(seeded):
    finished = list(EconomyReport.objects.exclude(status=ReportStatus.DRAFT))
    assert len(finished) == 32
    for finished_report in finished:
        problems = report_problems(finished_report)
        if finished_report.status == ReportStatus.RETURNED:
            # Complete when submitted; now only the commented section waits for its delegate.
            assert [p.field_id for p in problems] == ["id_comments_addressed"], finished_report
        else:
            assert problems == [], finished_report
    for draft in EconomyReport.objects.filter(status=ReportStatus.DRAFT):
        assert report_problems(draft), draft
    # Drafts show every stage of work.
    draft_states = set(
        ReportSection.objects.filter(report__status=ReportStatus.DRAFT).values_list(
            "state", flat=True
        )
    )
    assert draft_states == {"completed", "in_progress", "not_started"}


def test_contents_are_plausible(seeded):
    entries = MeasureEntry.objects.exclude(report__status=ReportStatus.DRAFT)
    percentages = entries.filter(
        measure__kind__in=[MeasureOfProgress.Kind.RATE, MeasureOfProgress.Kind.SHARE],
        value__isnull=False,
    )
    assert percentages.exists()
    assert not percentages.filter(value__gt=100).exists()
    assert not percentages.exclude(unit="%").exists()
    assessed = Counter(entries.values_list("assessment", flat=True))
    assert assessed["progressing"] + assessed["achieved"] > sum(assessed.values()) / 2
    assert {"no_data", "not_started", "not_applicable"} <= set(assessed)
    valued = entries.filter(value__isnull=False)
    assert not valued.filter(reference_year__isnull=True).exists()
    assert not valued.filter(source="").exists()
    assert not entries.exclude(assessment="").filter(narrative="").exists()
    assert ReportSection.objects.filter(nothing_to_report=True).exists()

    initiatives = Initiative.objects.exclude(report__status=ReportStatus.DRAFT)
    assert not initiatives.filter(objectives__isnull=True).exists()
    assert not initiatives.exclude(evidence_url__startswith="https://example.org/").exists()
    assert initiatives.exclude(apec_project_code="").exists()
    assert initiatives.filter(target_groups__slug="women").exists()
    assert len(set(initiatives.values_list("kind", flat=True))) >= 4

    finished = EconomyReport.objects.exclude(status=ReportStatus.DRAFT).select_related("cycle")
    for finished_report in finished:
        assert finished_report.cycle.opens <= finished_report.submitted_at.date()
        assert finished_report.created_at <= finished_report.submitted_at
    on_time = Counter(r.submitted_on_time for r in finished)
    assert 0 < on_time[False] < on_time[True]


def test_2026_values_move_from_2025(seeded):
    pairs = 0
    for entry in MeasureEntry.objects.filter(report__cycle__year=2026, value__isnull=False):
        before = MeasureEntry.objects.filter(
            report__cycle__year=2025,
            report__economy_id=entry.report.economy_id,
            measure=entry.measure,
            value__isnull=False,
        ).first()
        if before is not None and before.value:
            pairs += 1
            assert 0.8 <= entry.value / before.value <= 1.3, (entry, before.value, entry.value)
    assert pairs > 100


def test_a_second_run_changes_nothing(seeded, settings):
    def counts():
        return (
            EconomyReport.objects.count(),
            MeasureEntry.objects.count(),
            Initiative.objects.count(),
            EconomyReport.history.count(),
            MeasureEntry.history.count(),
            ReportingCycle.history.count(),
            User.objects.count(),
            Delegate.history.count(),
        )

    before = counts()
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert counts() == before
    assert "0 demo reports created" in output.getvalue()


def test_seed_001s_reported_figures_come_with_the_demo(seeded, settings):
    """seed_demo loads them (through the catalogue fixtures) where they are missing."""
    ReportedFigure.objects.all().delete()
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    assert_seed_001_figures()


def test_the_directors_decision_to_close_a_cycle_stands(seeded, settings, director):
    cycle = ReportingCycle.objects.get(year=2026)
    services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=False)
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    cycle.refresh_from_db()
    assert not cycle.is_open


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    cycles = ReportingCycle.objects.count()
    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("seed_demo")
    assert ReportingCycle.objects.count() == cycles


def test_demo_accounts_sign_in_with_the_demo_password(seeded):

    # A delegate per economy, and Chile's contributor.
    assert Delegate.objects.count() == 22
    signed_in = Client().post(
        "/accounts/login/", {"username": "delegate-chl", "password": "apec-demo"}
    )
    assert signed_in.status_code == 302
    assert "sessionid" in signed_in.cookies
    identity = identity_of(User.objects.get(username="delegate-chl"))
    assert (identity.is_delegate, identity.economy_code) == (True, "CHL")
    assert identity.label == "Delegate of Chile"
    assert identity_of(User.objects.get(username="director")).roles == {Role.DIRECTOR}
    assert identity_of(User.objects.get(username="chair")).is_chair
    contributor = Client().post(
        "/accounts/login/", {"username": "contributor-chl", "password": "apec-demo"}
    )
    assert contributor.status_code == 302
    identity = identity_of(User.objects.get(username="contributor-chl"))
    assert (identity.is_contributor, identity.is_delegate) == (True, False)
    assert identity.sections == {"1", "2"}

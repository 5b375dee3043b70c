"""seed_demo's commitments: across 2025 and 2026, one done, one overdue, one dropped, Chile's
prefilled in its 2026 draft; made once."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from plans.models import StrategicPlan
from reporting.commitments.figures import commitment_figures
from reporting.commitments.models import Commitment, FollowUp
from reporting.commitments.open import open_commitments
from reporting.models import EconomyReport

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> str:
    """seed_demo once for the module, rolled back after its last test."""
    output = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_commitments_across_2025_and_2026(seeded):
    assert "Commitments in 2025 and 2026 reports: 6 made" in seeded
    assert set(Commitment.objects.values_list("report__cycle__year", flat=True)) == {2025, 2026}
    figures = commitment_figures(plan=StrategicPlan.objects.get(code="2025-2028"), year=2026)
    plan = figures.plan
    # Counted: the five of accepted reports (Chile's 2026 draft does not count); Chile's 2026
    # word is a draft's, so its 2025 commitment has none counted.
    assert (plan.made, plan.done, plan.under_way, plan.dropped, plan.overdue) == (5, 1, 1, 1, 1)
    assert [(item.economy_code, item.due_year) for item in figures.overdue] == [("JPN", 2026)]
    chile = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
    [item] = open_commitments(chile)
    assert item.status == "under_way"
    assert item.commitment.history.first().history_user.username == "delegate-chl"


def test_a_second_run_makes_nothing_new(seeded, settings):
    before = (Commitment.objects.count(), FollowUp.objects.count())
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert "Commitments: already there." in output.getvalue()
    assert (Commitment.objects.count(), FollowUp.objects.count()) == before

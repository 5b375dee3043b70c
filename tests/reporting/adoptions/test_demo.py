"""seed_demo's two best practices adopted with their sources, counted by the indicator."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from plans.models import StrategicPlan
from reporting.models import Adoption
from reporting.rollups.check import differences
from reporting.rollups.general import general_indicators
from reporting.rollups.window import Window

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> str:
    """seed_demo once for the module, rolled back after its last test."""
    output = io.StringIO()
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_two_adoptions_with_their_sources_counted_in_2026(seeded, settings):
    assert "Best practices adopted with their sources in accepted 2026 reports: 2." in seeded
    adoptions = Adoption.objects.select_related(
        "practice__report__economy", "source_initiative__report__economy"
    )
    assert sorted(
        (a.practice.report.economy.code, a.source_initiative.report.economy.code) for a in adoptions
    ) == [("JPN", "CHL"), ("NZ", "AUS")]
    plan = StrategicPlan.objects.get(code="2025-2028")
    [year_2026] = general_indicators(Window(plan, 2026, 2026))
    assert year_2026.adopted == 2
    assert differences(plan) == []
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert Adoption.objects.count() == 2
    assert "Adoptions with their sources: already there." in output.getvalue()

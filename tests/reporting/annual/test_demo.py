"""seed_demo's annual reports: the director's 2026 draft with its introduction, and the 2025
report made final, once each."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from reporting.annual.demo import INTRODUCTION
from reporting.annual.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_seed_demo_writes_the_2026_draft_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        assert not AnnualReport.objects.exists()
        call_command("seed_demo", stdout=io.StringIO())
        report = AnnualReport.objects.get(year=2026)
        assert (report.plan.code, report.year, report.is_final) == ("2025-2028", 2026, False)
        final = AnnualReport.objects.get(year=2025)
        assert final.is_final
        assert final.presented_at.number == 59
        assert report.introduction == INTRODUCTION
        history = AnnualReport.history.count()
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        assert "(already there)" in output.getvalue()
        assert AnnualReport.objects.get(year=2026).version == report.version
        assert AnnualReport.objects.count() == 2
        assert AnnualReport.history.count() == history
        transaction.set_rollback(True)

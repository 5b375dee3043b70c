"""seed_demo's public site: Chile's and Australia's 2025 reports released, one narrative of
Chile's kept for members, the director's 2025 report published; once."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils.html import escape

from reporting.annual.models import AnnualReport
from reporting.reports.models import EconomyReport, MeasureEntry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_seed_demo_populates_the_public_site_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        released = EconomyReport.objects.filter(released_at__isnull=False)
        assert sorted(released.values_list("economy__code", "cycle__year")) == [
            ("AUS", 2025),
            ("CHL", 2025),
        ]
        hidden = MeasureEntry.objects.get(members_only=True)
        assert (hidden.report.economy.code, hidden.report.cycle.year) == ("CHL", 2025)
        assert hidden.narrative
        published = AnnualReport.objects.get(published_at__isnull=False)
        assert (published.year, published.is_final) == (2025, True)

        anonymous = client_for(None)
        page = anonymous.get("/public/reports/2025/CHL/").text
        assert escape(hidden.narrative) not in page
        shown = MeasureEntry.objects.filter(report=hidden.report, members_only=False)
        assert escape(shown.exclude(narrative="").first().narrative) in page
        assert anonymous.get("/public/reports/2025/AUS/").status_code == 200
        assert anonymous.get("/public/documents/2025-2028/2025/").status_code == 200
        home = anonymous.get("/public/").text
        assert "/public/reports/2025/CHL/" in home
        assert "/public/documents/2025-2028/2025/" in home

        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        assert "The public site: already populated." in output.getvalue()
        assert EconomyReport.objects.filter(released_at__isnull=False).count() == 2
        transaction.set_rollback(True)

"""The roll-up summaries when the program director's steps on two reports run at the same
moment: real threads with their own connections, as the server's workers are. PostgreSQL only
(SQLite locks the whole database for a write: these races cannot happen there)."""

import pytest
from django.contrib.auth.models import User

from plans.models import StrategicPlan
from reporting.dashboards import rollups
from reporting.reports import services
from reporting.reports.models import EconomyReport, ReportStatus
from tests.conftest import load_demo_catalogue
from tests.reporting.factories import fill_report, make_cycle, start_report
from tests.reporting.test_concurrency import run_together

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


def submitted(code: str, year: int) -> EconomyReport:
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(delegate, code, year)
    fill_report(delegate, report)
    services.report_submit(report_id=report.pk, user=delegate)
    return report


def plan() -> StrategicPlan:
    return StrategicPlan.objects.get(code="2025-2028")


def test_two_accepts_at_once_lose_no_increment(director):
    chile, peru = submitted("CHL", 2026), submitted("PE", 2026)

    results = run_together(
        lambda: services.report_accept(report_id=chile.pk, user=director),
        lambda: services.report_accept(report_id=peru.pk, user=director),
    )

    assert not any(isinstance(result, Exception) for result in results), results
    assert set(EconomyReport.objects.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}
    assert rollups.differences(plan()) == []
    window = rollups.Window(plan(), 2026, 2026)
    assert rollups.area_rollups(window)[0].economies_reporting == 2


def test_an_accept_and_a_reopen_at_once_leave_the_summaries_exact(director):
    chile = submitted("CHL", 2025)
    services.report_accept(report_id=chile.pk, user=director)
    make_cycle(2025, is_open=False)
    peru = submitted("PE", 2026)
    window = rollups.Window(plan(), 2025, 2026)
    assert rollups.area_rollups(window)[0].economies_reporting == 1

    results = run_together(
        lambda: services.report_reopen(report_id=chile.pk, user=director, comment="Fix it."),
        lambda: services.report_accept(report_id=peru.pk, user=director),
    )

    assert not any(isinstance(result, Exception) for result in results), results
    chile.refresh_from_db()
    peru.refresh_from_db()
    assert (chile.status, peru.status) == (ReportStatus.RETURNED, ReportStatus.ACCEPTED)
    assert rollups.differences(plan()) == []
    assert rollups.area_rollups(window)[0].economies_reporting == 1

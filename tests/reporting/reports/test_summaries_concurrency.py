"""The roll-up summaries when the program director's steps on two reports run at the same
moment: real threads with their own connections, as the server's workers are. PostgreSQL only
(SQLite locks the whole database for a write: these races cannot happen there)."""

import contextlib
import threading

import pytest
from django.contrib.auth.models import User

from plans.models import MeasureOfProgress, StrategicPlan
from reporting.reports import services, summaries
from reporting.reports.models import EconomyReport, MeasureStatistic, ReportStatus
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import differences
from reporting.rollups.window import Window
from tests.conftest import load_demo_catalogue
from tests.reporting.factories import fill_report, make_cycle, start_report, write_section
from tests.reporting.reports.test_concurrency import run_together

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


def submitted(code: str, year: int, value: str = "10") -> EconomyReport:
    """A complete report, with `value` for measure 1.2 (a rate), submitted."""
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(delegate, code, year)
    fill_report(delegate, report)
    fields = {"entries-1-value": value, "entries-1-reference_year": str(year)}
    write_section(delegate, report, "1", **fields)
    services.report_submit(report_id=report.pk, user=delegate)
    return report


def statistic(year: int) -> tuple | None:
    """(economies, lowest, median, highest) of measure 1.2 in `year`, accepted reports only."""
    measure = MeasureOfProgress.objects.get(area__plan__code="2025-2028", area__number=1, number=2)
    row = MeasureStatistic.objects.filter(measure=measure, year=year, submitted=False).first()
    return (row.economies, row.minimum, row.median, row.maximum) if row else None


def plan() -> StrategicPlan:
    return StrategicPlan.objects.get(code="2025-2028")


def test_two_accepts_at_once_lose_no_increment(director):
    chile, peru = submitted("CHL", 2026, "10"), submitted("PE", 2026, "20")
    assert statistic(2026) is None

    results = run_together(
        lambda: services.report_accept(report_id=chile.pk, user=director),
        lambda: services.report_accept(report_id=peru.pk, user=director),
    )

    assert not any(isinstance(result, Exception) for result in results), results
    assert set(EconomyReport.objects.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}
    assert differences(plan()) == []
    window = Window(plan(), 2026, 2026)
    assert area_rollups(window)[0].economies_reporting == 2
    # Each accept recomputed the year's statistics: the later one saw the earlier's value.
    assert statistic(2026) == (2, 10, 15, 20)


def test_an_accept_and_a_reopen_at_once_leave_the_summaries_exact(director):
    chile = submitted("CHL", 2025)
    services.report_accept(report_id=chile.pk, user=director)
    make_cycle(2025, is_open=False)
    peru = submitted("PE", 2026)
    window = Window(plan(), 2025, 2026)
    assert area_rollups(window)[0].economies_reporting == 1

    results = run_together(
        lambda: services.report_reopen(report_id=chile.pk, user=director, comment="Fix it."),
        lambda: services.report_accept(report_id=peru.pk, user=director),
    )

    assert not any(isinstance(result, Exception) for result in results), results
    chile.refresh_from_db()
    peru.refresh_from_db()
    assert (chile.status, peru.status) == (ReportStatus.RETURNED, ReportStatus.ACCEPTED)
    assert differences(plan()) == []
    assert area_rollups(window)[0].economies_reporting == 1


def test_an_accept_and_a_reopen_of_one_year_at_once_leave_the_statistics_exact(
    director, monkeypatch
):
    """Each step's computation of the statistics waits (a second at most) for the other's to
    start too: were nothing keeping the steps apart (the plan's lock does), both would read the
    year's values before either committed, and the later write would miss the other's change
    (as it did with the lock left out and the statistics computed first)."""
    chile, peru, australia = (
        submitted(code, 2025, value) for code, value in (("CHL", "10"), ("PE", "20"), ("AUS", "40"))
    )
    for report in (chile, peru):
        services.report_accept(report_id=report.pk, user=director)
    make_cycle(2025, is_open=False)
    assert statistic(2025) == (2, 10, 15, 20)

    both = threading.Barrier(2)
    compute = summaries.measure_statistics

    def meeting_the_other(*args, **kwargs):
        # Broken after a second: the other step waits for the lock, this one goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            both.wait(timeout=1)
        return compute(*args, **kwargs)

    monkeypatch.setattr(summaries, "measure_statistics", meeting_the_other)
    results = run_together(
        lambda: services.report_reopen(report_id=chile.pk, user=director, comment="Fix it."),
        lambda: services.report_accept(report_id=australia.pk, user=director),
    )
    monkeypatch.undo()

    assert not any(isinstance(result, Exception) for result in results), results
    assert differences(plan()) == []
    assert statistic(2025) == (2, 20, 30, 40)  # Peru's and Australia's, not Chile's

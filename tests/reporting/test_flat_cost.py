"""The flat cost of the roll-ups read from the summaries: the same queries and the same number
of rows returned by the database whether one economy reported or four. The direct computation,
which reads every record of the window, reads more rows as economies report (so that the
assertion on the rows can fail)."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.backends import utils
from django.test.utils import CaptureQueriesContext

from plans.models import StrategicPlan
from reporting.dashboards import rollups
from reporting.reports import services
from tests.reporting.factories import fill_report, start_report

pytestmark = pytest.mark.django_db


def cost(monkeypatch, read: Callable[[], object]) -> tuple[int, int]:
    """(queries, rows the database returned) of `read`."""
    rows = 0

    def counting(name: str):
        def fetch(self, *args):
            nonlocal rows
            found = getattr(self.cursor, name)(*args)
            rows += (1 if found is not None else 0) if name == "fetchone" else len(found)
            return found

        return fetch

    for name in ("fetchone", "fetchmany", "fetchall"):
        monkeypatch.setattr(utils.CursorWrapper, name, counting(name), raising=False)
    with CaptureQueriesContext(connection) as queries:
        read()
    monkeypatch.undo()
    return len(queries), rows


def accepted(user, code: str, year: int, director) -> None:
    report = start_report(user, code, year)
    fill_report(user, report)
    services.report_submit(report_id=report.pk, user=user)
    services.report_accept(report_id=report.pk, user=director)


def test_the_rows_read_do_not_grow_with_the_economies_reporting(monkeypatch, director):
    plan = StrategicPlan.objects.get(code="2025-2028")
    window = rollups.Window(plan, 2025, 2026)

    def summarised():
        rollups.area_rollups(window, economies=21)
        rollups.general_indicators(window, economies=21)

    def direct():
        rollups.area_rollups_direct(window, economies=21)
        rollups.general_indicators_direct(window, economies=21)

    chile = User.objects.get(username="delegate-chl")
    accepted(chile, "CHL", 2025, director)
    small, small_direct = cost(monkeypatch, summarised), cost(monkeypatch, direct)

    for code in ("PE", "AUS", "MEX"):
        accepted(User.objects.get(username=f"delegate-{code.lower()}"), code, 2025, director)
    large, large_direct = cost(monkeypatch, summarised), cost(monkeypatch, direct)

    assert large == small  # queries and rows
    assert small[1] > 0
    assert large_direct[1] > small_direct[1]  # the records: one economy, then four

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
from reporting.reports import services
from reporting.rollups import filters, lessons
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import (
    area_rollups_direct,
    general_indicators_direct,
    year_statistics_direct,
)
from reporting.rollups.general import general_indicators
from reporting.rollups.measures import year_statistics
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.factories import fill_report, finish_report, start_report

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
    window = Window(plan, 2025, 2026)

    def summarised():
        area_rollups(window, economies=21)
        general_indicators(window, economies=21)

    def direct():
        area_rollups_direct(window, economies=21)
        general_indicators_direct(window, economies=21)

    chile = User.objects.get(username="delegate-chl")
    accepted(chile, "CHL", 2025, director)
    small, small_direct = cost(monkeypatch, summarised), cost(monkeypatch, direct)

    for code in ("PE", "AUS", "MEX"):
        accepted(User.objects.get(username=f"delegate-{code.lower()}"), code, 2025, director)
    large, large_direct = cost(monkeypatch, summarised), cost(monkeypatch, direct)

    assert large == small  # queries and rows
    assert small[1] > 0
    assert large_direct[1] > small_direct[1]  # the records: one economy, then four


# The dashboard's variants, the measure page and search, as the benchmark times them. Under the
# economy filter: Australia, whose reports stay the same while the others report.
FLAT_PAGES = {
    "dashboard": "/dashboard/2025-2028/",
    "whole plan, submitted too": "/dashboard/2025-2028/?start=2025&end=2028&statuses=submitted",
    "one area": "/dashboard/2025-2028/?area=1",
    "one economy": "/dashboard/2025-2028/?economy=AUS",
    "measure": "/dashboard/2025-2028/measures/1/2/",
    "search": "/dashboard/2025-2028/search/?q=coaching",
    # The draft review's page (with its form) and the annual report.
    "review": "/reviews/2025-2028/midterm/",
    "annual report": "/reports/annual/2025-2028/2025/",
    # The director's queue of the open cycle, filtered too, and home page.
    "queue": "/reports/queue/",
    "queue, drafts": "/reports/queue/?status=draft",
    "queue, one economy": "/reports/queue/?economy=australia",
    "director's home": "/",
}
# The home page of the other roles, with the user who reads it.
ROLE_HOMES = {"chair's home": "chair", "delegate's home": "delegate-aus"}


def page_size(monkeypatch, size: int) -> None:
    """Every list of economies a page at most `size` long: the dashboards', the queue's and the
    home page's overdue economies. And no page kept (reporting/ops/page_cache.py): the cost is
    that of building each page."""
    from django.conf import settings

    from reporting.home import overview
    from reporting.reports import queue

    monkeypatch.setattr(settings, "PAGE_CACHE_SECONDS", 0)
    monkeypatch.setattr(filters, "ECONOMIES_PER_PAGE", size)
    monkeypatch.setattr(queue, "ECONOMIES_PER_PAGE", size)
    monkeypatch.setattr(overview, "OVERDUE_SHOWN", size)


def reported(code: str, year: int, director) -> None:
    """A report with what every page reads: assessments, a value of measure 1.2, an initiative
    and an APEC activity with lessons learned, the report's own lessons; accepted."""
    from plans.models import Objective

    user = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(user, code, year)
    objective = Objective.objects.get(area__plan__code="2025-2028", area__number=1, number=1)
    finish_report(
        user,
        report,
        s1={f"entries-{i}-assessment": "progressing" for i in range(5)}
        | {"entries-1-value": "12", "entries-1-reference_year": str(year)}
        | {
            "initiatives-0-title": "Export coaching for small firms",
            "initiatives-0-kind": "program",
            "initiatives-0-objectives": [str(objective.pk)],
            "initiatives-0-target_groups": ["1"],
            "initiatives-0-lessons_learned": "Coaching in small groups kept firms coming.",
        },
        general={
            "lessons_learned": "Export coaching works best with a mentor.",
            "apec_activities-0-title": "Coaching workshop",
            "apec_activities-0-kind": "initiative",
            "apec_activities-0-role": "participant",
            "apec_activities-0-lessons_learned": "Coaching needs follow-up.",
        },
    )
    services.report_accept(report_id=report.pk, user=director)


def reported_many(code: str, year: int, director, *, initiatives: int) -> None:
    """A report as `reported`'s, with `initiatives` initiatives on the same objective and target
    group: more records, the same figures' keys (and the same lessons learned, a list of its
    own bound)."""
    from plans.models import Objective

    user = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(user, code, year)
    objective = Objective.objects.get(area__plan__code="2025-2028", area__number=1, number=1)
    s1 = {f"entries-{i}-assessment": "progressing" for i in range(5)} | {
        "entries-1-value": "12",
        "entries-1-reference_year": str(year),
        "initiatives-TOTAL_FORMS": str(initiatives),
    }
    for i in range(initiatives):
        s1 |= {
            f"initiatives-{i}-title": f"Export coaching for small firms, round {i + 1}",
            f"initiatives-{i}-kind": "program",
            f"initiatives-{i}-objectives": [str(objective.pk)],
            f"initiatives-{i}-target_groups": ["1"],
        }
    s1["initiatives-0-lessons_learned"] = "Coaching in small groups kept firms coming."
    finish_report(
        user,
        report,
        s1=s1,
        general={
            "lessons_learned": "Export coaching works best with a mentor.",
            "apec_activities-0-title": "Coaching workshop",
            "apec_activities-0-kind": "initiative",
            "apec_activities-0-role": "participant",
            "apec_activities-0-lessons_learned": "Coaching needs follow-up.",
        },
    )
    services.report_accept(report_id=report.pk, user=director)


def page_costs(monkeypatch, client) -> dict[str, tuple[int, int]]:
    """(queries, rows returned) of each of the pages."""
    found = {}
    for name, url in FLAT_PAGES.items():
        with monkeypatch.context() as patch:
            found[name] = cost(patch, lambda url=url: client.get(url))
    for name, username in ROLE_HOMES.items():
        reader = client_for(User.objects.get(username=username))
        reader.get("/")
        with monkeypatch.context() as patch:
            found[name] = cost(patch, lambda reader=reader: reader.get("/"))
    return found


def test_every_page_reads_the_same_rows_at_two_sizes(monkeypatch, director):
    """One economy reporting, then five (5x the records): each page runs the same queries and
    the database returns the same number of rows. The lists a page shows are pages of rows (30
    lessons, 50 search results, 21 economies, the review's highlights of 21 economies, the
    queue's 21 economies and the home page's 21 overdue); here a page holds one row, so that
    the small dataset fills it as the large one does."""
    from reporting.dashboards import search
    from reporting.reviews import content as reviews

    monkeypatch.setattr(lessons, "LESSONS_SHOWN", 1)
    monkeypatch.setattr(reviews, "HIGHLIGHTED_ECONOMIES", 1)
    page_size(monkeypatch, 1)
    monkeypatch.setattr(search, "LIMIT", 1)
    monkeypatch.setattr(search, "CANDIDATES", 1)
    client = client_for(director)
    reported("AUS", 2025, director)
    client.get(FLAT_PAGES["dashboard"])

    small = page_costs(monkeypatch, client)
    for code in ("CHL", "PE", "MEX", "NZ"):
        reported(code, 2025, director)
    assert page_costs(monkeypatch, client) == small
    assert all(rows > 0 for _queries, rows in small.values())


def test_the_measure_statistics_read_no_values(monkeypatch, director):
    """The measure page's lowest, median and highest: a stored row per year, the same whether
    one economy gave a value or four, and never a value itself (the values table is not read).
    A direct computation reads the values, every one: the median absolute deviation needs
    them all."""
    from plans.models import MeasureOfProgress

    plan = StrategicPlan.objects.get(code="2025-2028")
    window = Window(plan, 2025, 2026)
    measure = MeasureOfProgress.objects.get(area__plan=plan, area__number=1, number=2)

    def stored():
        return year_statistics(window, measure, of=21)

    def direct():
        return year_statistics_direct(window, measure, of=21)

    def tables(read: Callable[[], object]) -> set[str]:
        with CaptureQueriesContext(connection) as queries:
            read()
        return {
            table
            for table in ("reporting_measurestatistic", "reporting_measureentry")
            for query in queries
            if table in query["sql"]
        }

    reported("AUS", 2025, director)
    small, small_direct = cost(monkeypatch, stored), cost(monkeypatch, direct)
    for code in ("CHL", "PE", "MEX"):
        reported(code, 2025, director)
    large, large_direct = cost(monkeypatch, stored), cost(monkeypatch, direct)

    assert large == small == (1, 1)  # one query, the row of 2025
    assert (small_direct[1], large_direct[1]) == (1, 4)
    assert stored()[0].economies == 4
    assert stored() == direct()
    assert tables(stored) == {"reporting_measurestatistic"}
    assert tables(direct) == {"reporting_measureentry"}


def test_every_page_reads_a_page_of_economies_however_many(monkeypatch, director):
    """Beyond a page of economies (here 4), every page reads the same rows with 21 economies
    and with 51: the number of economies and a page of them, not every economy for the filter's
    list, the measure's statistics or the review's and the annual report's figures, nor the
    queue's rows or the home page's counts."""
    from plans.models import Economy

    page_size(monkeypatch, 4)
    client = client_for(director)
    reported("AUS", 2025, director)
    client.get(FLAT_PAGES["dashboard"])

    small = page_costs(monkeypatch, client)
    Economy.objects.bulk_create(
        Economy(
            code="Z" + chr(65 + i // 26) + chr(65 + i % 26),
            name=f"Economy {i}",
            short_name=f"Economy {i}",
            position=100 + i,
        )
        for i in range(30)
    )
    assert Economy.objects.count() == 51
    assert page_costs(monkeypatch, client) == small


def test_the_one_economy_dashboard_reads_the_same_rows_however_much_it_reported(
    monkeypatch, director
):
    """The dashboard filtered to one economy reads that economy's part of the summaries, not
    its records: Australia with one initiative and Chile with ten (the same objective, target
    group and assessments) cost the same queries and rows, on the dashboard and in the API."""
    from reporting.models import Initiative

    monkeypatch.setattr(lessons, "LESSONS_SHOWN", 1)
    page_size(monkeypatch, 1)
    client = client_for(director)
    reported("AUS", 2025, director)
    reported_many("CHL", 2025, director, initiatives=10)
    assert Initiative.objects.filter(report__economy__code="CHL").count() == 10
    client.get(FLAT_PAGES["dashboard"])

    for url in ("/dashboard/2025-2028/?economy={}", "/api/dashboard/2025-2028/?economy={}"):
        with monkeypatch.context() as patch:
            small = cost(patch, lambda url=url: client.get(url.format("AUS")))
        with monkeypatch.context() as patch:
            large = cost(patch, lambda url=url: client.get(url.format("CHL")))
        assert large == small, url
        assert small[1] > 0

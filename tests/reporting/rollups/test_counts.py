"""One economy's figures (the economy filter) are built by the same functions as every
economy's, from the same summary rows: the economy's own part, which the workflow keeps beside
the sum over every economy. They equal the computation from the economy's records in every
window, view and area filter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import StrategicPlan
from reporting.reports import summaries
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import area_rollups_direct, figures, general_indicators_direct
from reporting.rollups.general import general_indicators
from reporting.rollups.window import Window
from tests.reporting.rollups.test_figures import dataset  # noqa: F401 - the hand-computed dataset

pytestmark = pytest.mark.django_db

# Chile (accepted 2025 and 2026), Peru (accepted 2025, a draft in 2026), Australia (submitted
# 2025), and Japan, which reported nothing.
ECONOMIES = ("CHL", "PE", "AUS", "JPN")
# The tables of the records the summaries count.
RECORDS = (
    "reporting_economyreport",
    "reporting_initiative",
    "reporting_measureentry",
    "reporting_bestpractice",
    "reporting_dialoguesession",
    "reporting_apecactivity",
)


def plan() -> StrategicPlan:
    return StrategicPlan.objects.get(code="2025-2028")


def test_one_economy_equals_a_computation_from_its_records(dataset):  # noqa: F811
    compared = 0
    for code in ECONOMIES:
        for start, end in summaries.windows(plan()):
            whole = (start, end) == (2025, 2028)
            for submitted in (False, True):
                for area in (None, 1, 2) if whole else (None,):
                    window = Window(plan(), start, end, code, area, submitted)
                    read = [figures(rollup) for rollup in area_rollups(window, economies=21)]
                    direct = [figures(rollup) for rollup in area_rollups_direct(window)]
                    assert read == direct, window
                    assert general_indicators(window) == general_indicators_direct(window), window
                    compared += 1
    assert compared == len(ECONOMIES) * (9 + 3) * 2  # 10 windows, the whole plan by area too

    chile = area_rollups(Window(plan(), 2025, 2026, "CHL", 1))[0]
    assert (chile.economies_reporting, chile.initiatives, chile.score.n) == (1, 3, 2)
    assert [(o.number, o.initiatives) for o in chile.objectives] == [(1, 3), (2, 1), (3, 0), (4, 0)]


def test_one_economy_reads_its_part_of_the_summaries_not_its_records(dataset):  # noqa: F811
    def tables(window: Window) -> set[str]:
        with CaptureQueriesContext(connection) as queries:
            area_rollups(window, economies=21)
            general_indicators(window, economies=21)
        return {
            table
            for table in (*RECORDS, "reporting_rollupcount")
            for query in queries
            if table in query["sql"]
        }

    assert tables(Window(plan(), 2025, 2026, economy="PE")) == {"reporting_rollupcount"}
    assert tables(Window(plan(), 2025, 2026)) == {"reporting_rollupcount"}


def test_a_code_of_no_economy_counts_nothing(dataset):  # noqa: F811
    window = Window(plan(), 2025, 2026, economy="ZZZ")
    areas = area_rollups(window)
    assert [(a.economies_reporting, a.initiatives, a.score.n) for a in areas] == [(0, 0, 0)] * 5
    assert [(year.economies, year.shared) for year in general_indicators(window)] == [
        (0, 0),
        (0, 0),
    ]

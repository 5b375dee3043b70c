"""Objectives that share a row of the plan share its measures, hence its score: shown once with
the row's objectives named. Objectives whose row has no measure say so once."""

import pytest

from plans.models import StrategicPlan
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import area_rollups_direct
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.rollups.test_figures import dataset  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_row_of_objectives_is_one_score(dataset):  # noqa: F811
    window = Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=2025, end=2026)
    areas = {a.area.number: a for a in area_rollups(window)}
    # Area 1's four objectives are one row of the plan, with its five measures.
    (row,) = areas[1].rows
    assert (row.numbers, row.measures) == ([1, 2, 3, 4], 5)
    assert row.score == areas[1].objectives[0].score
    assert (row.score.n, row.score.value) == (areas[1].score.n, areas[1].score.value)
    assert [o.number for o in areas[2].without_measures] == [4, 5]
    assert [o.number for o in areas[5].without_measures] == [3]
    assert all(row.measures for area in areas.values() for row in area.rows)
    # The computation from the records agrees.
    direct = {a.area.number: a for a in area_rollups_direct(window)}
    assert [[r.numbers for r in a.rows] for a in direct.values()] == [
        [r.numbers for r in a.rows] for a in areas.values()
    ]


def test_the_dashboard_shows_a_row_once(dataset, director):  # noqa: F811
    page = client_for(director).get("/dashboard/2025-2028/").text
    area_1 = page.split('id="area-1"')[1].split("</section>")[0]
    objectives = area_1.split("Progress score of each row")[1].split("</table>")[0]
    assert objectives.count("<tr>") == 2  # the header and the one row
    assert "(4 objectives, 5 measures)" in objectives
    area_2 = page.split('id="area-2"')[1].split("</section>")[0]
    assert area_2.count("no measure of progress in the plan") == 1
    assert "2.4 and 2.5: no measure of progress in the plan, so no score." in area_2

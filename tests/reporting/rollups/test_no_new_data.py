"""A change only where there is new data: a window whose last year has no counted report shows
no change on the year before (its scores carry the earlier assessments forward), and says why."""

import pytest

from plans.models import StrategicPlan
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import area_rollups_direct
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for
from tests.reporting.rollups.test_figures import dataset  # noqa: F401

pytestmark = pytest.mark.django_db


def window(start: int, end: int, **kwargs) -> Window:
    return Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=start, end=end, **kwargs)


def test_no_change_for_a_year_without_counted_reports(dataset):  # noqa: F811
    # 2025-2027: the scores are 2025's and 2026's assessments, carried forward to 2027.
    area = area_rollups(window(2025, 2027, area=1))[0]
    assert area.score.value == area_rollups(window(2025, 2026, area=1))[0].score.value
    assert (area.score.change, area.score.no_reports_in) == (None, 2027)
    assert area.score.change_text == "no reports for 2027 yet"
    assert {o.score.change for o in area.objectives} == {None}
    # With counted reports in its last year a window keeps its change.
    kept = area_rollups(window(2025, 2026, area=1))[0].score
    assert kept.change_text == "no clear change on 2025 (+12.5 points)"
    assert kept.no_reports_in is None


def test_the_direct_computation_agrees(dataset):  # noqa: F811
    for start, end, economy in [(2025, 2027, None), (2025, 2026, "PE"), (2025, 2026, None)]:
        of_summaries = area_rollups(window(start, end, economy=economy))
        direct = area_rollups_direct(window(start, end, economy=economy))
        assert [(a.score.change, a.score.no_reports_in) for a in of_summaries] == [
            (a.score.change, a.score.no_reports_in) for a in direct
        ]


def test_the_dashboard_and_the_api_say_why(dataset, director):  # noqa: F811
    page = client_for(director).get("/dashboard/2025-2028/?start=2025&end=2027").text
    assert "there are no reports for 2027 yet" in page
    assert '<td class="num">no reports for 2027 yet' in page  # the change column
    assert "points on 2026" not in page
    assert "no change on 2026" not in page
    data = api_for(director).get("/api/dashboard/2025-2028/?start=2025&end=2027").json()
    assert {area["score"]["change"] for area in data["areas"]} == {None}
    assert {area["score"]["no_reports_in"] for area in data["areas"]} == {2027}

"""The project portfolio against a small dataset worked out by hand.

Projects of the 2025-2028 plan (areas 1-5):
    P1 SME 01 2025A  areas 1, 2  APEC-funded  in implementation  Chile      2025-2026
    P2 SME 02 2025S  area 1      self-funded  completed          Peru       2025
    P3 SME 03 2025A  areas 1, 3  APEC-funded  approved           Chile      2025-2027
    P4 SME 04 2027   area 2      APEC-funded  completed          Australia  2027-2028
    P5 SME 05 2025   area 1      APEC-funded  concept note       Chile      2025  (not counted)
    P6 SME 06 2025   area 4      APEC-funded  cancelled          Peru       2025  (not counted)
and P7 SME 07 2024A of the 2021-2024 plan, 2024-2025, area 1 (another plan: not counted).

2025: P1, P2, P3 -> 3 projects; area 1: 3 of 3 = 100 %, area 2: 1 of 3 = 33 %, area 3: 1 of 3
      = 33 %, areas 4 and 5: 0 %; the shares add up to 167 %. APEC-funded 2, self-funded 1;
      approved 1, in implementation 1, completed 1; proposed by Chile (2) and Peru (1).
2025-2028: P1-P4 -> 4 projects; area 1: 3 of 4 = 75 %, area 2: 2 of 4 = 50 %, area 3: 1 of 4
      = 25 %; APEC-funded 3, self-funded 1; completed 2; proposed by Chile (2), Australia (1),
      Peru (1), in that order (most projects first, then APEC's order of economies).
2028: P4 alone -> area 2: 1 of 1 = 100 %.
"""

import pytest
from django.template.loader import render_to_string

from plans.models import StrategicPlan
from plans.projects import portfolio
from tests.conftest import client_for
from tests.plans.projects.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db) -> StrategicPlan:
    make_project("SME 01 2025A", areas=(1, 2), years=(2025, 2026))
    make_project(
        "SME 02 2025S", proponent="PE", funding="self", status="completed", years=(2025, 2025)
    )
    make_project("SME 03 2025A", areas=(1, 3), status="approved", years=(2025, 2027))
    make_project("SME 04 2027", proponent="AUS", areas=(2,), status="completed", years=(2027, 2028))
    make_project("SME 05 2025", status="concept_note", years=(2025, 2025))
    make_project("SME 06 2025", proponent="PE", areas=(4,), status="cancelled", years=(2025, 2025))
    make_project("SME 07 2024A", plan="2021-2024", years=(2024, 2025))
    return StrategicPlan.objects.get(code="2025-2028")


def shares(result: portfolio.Portfolio) -> dict[int, tuple[int, int, float | None]]:
    return {a.area.number: (a.projects, a.total, a.share) for a in result.areas}


def test_one_year(plan, django_assert_num_queries):
    # funding by status, areas with their counts, proponents
    with django_assert_num_queries(3):
        result = portfolio.portfolio(plan=plan, start=2025, end=2025)
    assert result.total == 3
    assert shares(result) == {
        1: (3, 3, 1.0),
        2: (1, 3, 1 / 3),
        3: (1, 3, 1 / 3),
        4: (0, 3, 0.0),
        5: (0, 3, 0.0),
    }
    assert [a.percent for a in result.areas] == [100, 33, 33, 0, 0]
    assert sum(a.share for a in result.areas) == pytest.approx(5 / 3)  # more than 100 %
    assert result.funding == {"APEC-funded": 2, "Self-funded": 1}
    assert result.statuses == {"Approved": 1, "In implementation": 1, "Completed": 1}
    assert result.proponents == [("CHL", "Chile", 2), ("PE", "Peru", 1)]
    assert result.economies_proposing == 2


def test_a_window_of_years(plan):
    result = portfolio.portfolio(plan=plan, start=2025, end=2028)
    assert result.total == 4
    assert [a.percent for a in result.areas] == [75, 50, 25, 0, 0]
    assert result.funding == {"APEC-funded": 3, "Self-funded": 1}
    assert result.statuses == {"Approved": 1, "In implementation": 1, "Completed": 2}
    assert [code for code, _name, _n in result.proponents] == ["CHL", "AUS", "PE"]
    assert result.years == "2025–2028"


def test_the_last_year_and_an_empty_one(plan):
    result = portfolio.portfolio(plan=plan, start=2028, end=2028)
    assert (result.total, shares(result)[2]) == (1, (1, 1, 1.0))
    empty = portfolio.portfolio(
        plan=StrategicPlan.objects.get(code="2017-2020"), start=2018, end=2018
    )
    assert empty.total == 0
    assert {a.share for a in empty.areas} == {None}  # no projects: no share, not 0 %
    assert empty.proponents == []


def test_the_dashboard_panel(plan):
    html = render_to_string(
        "projects/portfolio_panel.html", portfolio.panel_context(plan=plan, start=2025, end=2025)
    )
    assert "APEC project portfolio, 2025" in html
    assert "3 projects of the 2025-2028 plan under way or done, proposed by 2 economies" in html
    assert '<td class="num">3 of 3</td><td class="num">100 %</td>' in html
    assert "APEC-funded 2 · Self-funded 1" in html
    assert "Chile (2), Peru (1)" in html


def test_the_portfolio_page(plan, chair):
    response = client_for(chair).get("/projects/portfolio/?plan=2025-2028&start=2025&end=2028")
    assert response.status_code == 200
    assert "APEC project portfolio, 2025–2028" in response.text
    assert '<td class="num">3 of 4</td><td class="num">75 %</td>' in response.text
    # A window outside the plan is clamped to it.
    response = client_for(chair).get("/projects/portfolio/?plan=2025-2028&start=2017&end=2018")
    assert "APEC project portfolio, 2025</h2>" in response.text


def test_one_area_follows_the_dashboards_area_filter(plan, django_assert_num_queries):
    """2025-2028, area 2: P1 and P4 of the 4 projects: 50 %; APEC-funded both; Chile and
    Australia propose one each."""
    # funding by status, the total of all projects, areas with their counts, proponents
    with django_assert_num_queries(4):
        result = portfolio.portfolio(plan=plan, start=2025, end=2028, area=2)
    assert (result.scoped, result.total) == (2, 4)
    assert shares(result) == {2: (2, 4, 0.5)}
    assert result.funding["APEC-funded"] == 2
    assert sum(result.funding.values()) == 2
    assert [code for code, _name, _n in result.proponents] == ["AUS", "CHL"]  # APEC order
    panel = render_to_string("projects/portfolio_panel.html", portfolio.panel_context(
        plan=plan, start=2025, end=2028, area=2
    ))  # fmt: skip
    assert "2 of the 4 projects of the 2025-2028 plan under way or done address priority" in (
        " ".join(panel.split())
    )

"""The annual report's figures against the year built by hand in factories.py."""

import pytest

from plans.models import StrategicPlan
from reporting.annual import content as annual
from reporting.annual.models import AnnualReport
from tests.conftest import client_for
from tests.reporting.annual.factories import URL, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(db) -> dict:
    build_year()
    report = AnnualReport.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), 2026)
    return annual.build_content(report)


def test_the_years_projects_and_each_areas_share(year):
    projects = year["projects"]
    assert projects["total"] == 3
    assert [row["code"] for row in projects["list"]] == [
        "SME 01 2025A",
        "SME 02 2026A",
        "SME 03 2024A",
    ]
    assert projects["list"][0]["areas"] == [1, 2]
    shares = [(row["number"], row["projects"], row["share"]) for row in projects["areas"]]
    assert shares == [(1, 2, 2 / 3), (2, 1, 1 / 3), (3, 1, 1 / 3), (4, 0, 0), (5, 0, 0)]


def test_progress_so_far_is_the_dashboards_score(year):
    assert (year["start"], year["end"]) == (2025, 2026)
    area1 = year["areas"][0]
    assert area1["score"] == 0.625
    assert area1["score_n"] == 4
    assert area1["score_economies"] == 2
    assert area1["distribution"] == {
        "achieved": 2,
        "progressing": 1,
        "not_started": 1,
        "no_data": 5,
        "not_applicable": 1,
    }
    assert (area1["score_change"], area1["score_previous_year"]) == (12.5, 2025)
    assert [area["score"] for area in year["areas"][1:]] == [None] * 4


def test_participation_and_timeliness_of_the_year(year):
    (found,) = year["participation"]
    assert found["year"] == 2026
    assert found["by_status"] == {"draft": 1, "submitted": 0, "returned": 0, "accepted": 2}
    assert (found["counted"], found["missing"], found["economies"]) == (2, 18, 21)
    assert (found["on_time"], found["submitted"], found["on_time_rate"]) == (1, 2, 0.5)


def test_general_indicators_and_meetings_of_the_year(year):
    (general,) = year["general"]
    assert (general["year"], general["economies"], general["of"]) == (2026, 2, 21)
    assert (general["shared"], general["adopted"], general["dialogues"]) == (0, 0, 0)
    (meeting,) = year["meetings"]
    assert meeting["number"] == 60
    assert meeting["best_practices"] == [
        {"economy": "Chile", "title": "Digital one-stop shop", "area": 4}
    ]
    assert [d["title"] for d in meeting["dialogues"]] == ["Finance round table"]


def test_the_page_says_what_each_figure_rests_on(year, delegate_pe):
    page = client_for(delegate_pe).get(URL).text
    assert "3 APEC projects of the plan under way or completed in 2026." in page
    assert "67 % (2 of 3 projects)" in page
    assert "33 % (1 of 3 projects)" in page
    assert "0 % (0 of 3 projects)" in page
    # 62.5 % reads “63 %”, rounded half-up as the review and the dashboard round it.
    # With its interval and change worded as on the dashboard, of all 21 economies.
    assert "63 % from 4 assessments of 2 of 21 economies; 90 % interval " in page
    assert "+12.5 points" in page
    assert "2 of 21 economies sent a report for 2026; 2 accepted so far." in page
    assert "On time: 1 of 2 accepted reports." in page
    assert "50 % (1 of 2)" in page
    assert "Progress score = (Achieved × 1" in page  # the method, where the score is
    assert "Digital one-stop shop — Chile, priority area 4" in page
    assert "Hachioji" not in page  # the 2025 meeting

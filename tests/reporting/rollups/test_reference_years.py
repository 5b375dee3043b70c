"""The measure statistics by reference year (the year the data is about): a year's reports that
carry the year before's data too are never pooled under the report year's heading; each
statistic keeps its median absolute deviation."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from plans.models import Economy, StrategicPlan
from reporting.models import MeasureStatistic
from reporting.reports import services
from reporting.reports.summaries import Statistic, rollups_differences
from reporting.rollups.check import year_statistics_direct
from reporting.rollups.measures import measure_rollup
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for
from tests.reporting.factories import finish_report, start_report
from tests.reporting.rollups.test_figures import answers

pytestmark = pytest.mark.django_db

# 2025 reports, measure 1.2: four economies give 2025 data, two give 2024 data.
VALUES = {
    "CHL": ("10", "2025"),
    "PE": ("20", "2025"),
    "AUS": ("40", "2025"),
    "MEX": ("70", "2025"),
    "JPN": ("5", "2024"),
    "NZ": ("9", "2024"),
}


@pytest.fixture
def reports(director) -> None:
    for code, (value, reference) in VALUES.items():
        delegate = User.objects.get(username=f"delegate-{code.lower()}")
        report = start_report(delegate, code, 2025)
        finish_report(delegate, report, s1=answers(m2=(value, "progressing", reference)))
        services.report_accept(report_id=report.pk, user=director)


def test_median_absolute_deviation_by_hand():
    # 10, 20, 40, 70: median 30; distances 20, 10, 10, 40 -> 10, 10, 20, 40: MAD 15.
    found = Statistic.of([Decimal(v) for v in ("10", "20", "40", "70")])
    assert (found.economies, found.minimum, found.median, found.maximum) == (4, 10, 30, 70)
    assert found.mad == 15
    # 5, 9: median 7, distances 2 and 2: MAD 2. One value: MAD 0.
    assert Statistic.of([Decimal(5), Decimal(9)]).mad == 2
    assert Statistic.of([Decimal(5)]).mad == 0


def test_a_years_data_years_are_never_pooled(reports, chair):
    plan = StrategicPlan.objects.get(code="2025-2028")
    measure = plan.areas.get(number=1).measures.get(number=2)
    window = Window(plan=plan, start=2025, end=2025)
    stats = measure_rollup(window, measure, economies=21, listed=list(Economy.objects.all())).stats
    assert [
        (s.year, s.reference_year, s.label, s.economies, s.minimum, s.median, s.maximum, s.mad)
        for s in stats
    ] == [
        (2025, 2024, "2024 data", 2, 5, 7, 9, 2),
        (2025, 2025, "2025 data", 4, 10, 30, 70, 15),
    ]
    stored = MeasureStatistic.objects.filter(measure=measure, submitted=False)
    assert sorted(stored.values_list("reference_year", "mad")) == [(2024, 2), (2025, 15)]
    assert stats == year_statistics_direct(window, measure, of=21)
    assert rollups_differences(plan=plan) == []

    page = client_for(chair).get("/dashboard/2025-2028/measures/1/2/?start=2025&end=2025").text
    assert '<th scope="row">2025</th><td>2024 data</td><td>2 of 21</td>' in page
    assert '<th scope="row">2025</th><td>2025 data</td><td>4 of 21</td>' in page
    data = api_for(chair).get("/api/dashboard/2025-2028/measures/1/2/?start=2025&end=2025")
    assert [(s["reference_year"], s["median"], s["mad"]) for s in data.json()["stats"]] == [
        (2024, "7.0000", "2.000000"),
        (2025, "30.0000", "15.000000"),
    ]

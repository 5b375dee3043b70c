"""The roll-ups against a small dataset whose numbers are worked out by hand below.

Area 1 of the 2025-2028 plan has measures m1 (index), m2 (start-up rate, %), m3, m4 (rates) and
m5 (number), and objectives o1-o4. The reports, written through the forms and services:

    2025 Chile     accepted   m1 achieved, m2 = 10 progressing, m3-m5 no data;
                              initiatives I1 (o1, o2; women), I2 (o1; youth);
                              one best practice shared, one dialogue; submitted on time
    2025 Peru      accepted   m2 = 20 not started, m3 progressing, m4 not applicable, m1 and m5
                              no data; initiative I3 (o3; women); submitted after the due date
    2025 Australia submitted  m2 = 90 achieved, others no data; initiative I4 (o4);
                              one best practice adopted
    2026 Chile     accepted   m2 = 14 achieved, others no data; initiative I5 (o1)
    2026 Peru      draft      (started only)

Accepted only, 2025-2026:
    participation  2025: 2 accepted + 1 submitted, 2 counted of 21, 1 of 2 on time;
                   2026: 1 accepted + 1 draft, 1 counted
    area 1         2 economies reporting (Chile, Peru); initiatives I1, I2, I3, I5 = 4 from 2
                   economies; o1 by 3, o2 by 1, o3 by 1, o4 by none (the gap);
                   women 2 (I1, I3), youth 1 (I2)
                   assessing answers: Chile 2025 m1, m2; Peru 2025 m2, m3; Chile 2026 m2 = 5,
                   of which on track: m1, m2 (Chile 2025), m3 (Peru), m2 (Chile 2026) = 4 -> 80 %
                   m2: 1 progressing, 1 not started, 1 achieved, from 2 economies
    measure m2     Chile 10 -> 14 (change +4), Peru 20; 2025: 2 economies, min 10, median 15,
                   max 20; 2026: 1 economy, 14 / 14 / 14
    general        2025: 1 shared, 0 adopted, 1 dialogue, from 2 economies; 2026: 0, 1 economy
With submitted reports too: Australia adds m2 achieved (6 assessed, 5 on track: 83.3 %), I4
(5 initiatives, 3 economies, no gap) and one adopted best practice.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from plans.models import Economy, Objective, StrategicPlan, TargetGroup
from reporting.dashboards import rollups
from reporting.models import EconomyReport
from reporting.reports import services
from tests.reporting.factories import finish_report, start_report

pytestmark = pytest.mark.django_db


def ids(*objects) -> list[str]:
    return [str(o.pk) for o in objects]


def initiative(title: str, objectives: list, groups: list, index: int = 0) -> dict:
    return {
        f"initiatives-{index}-title": title,
        f"initiatives-{index}-kind": "program",
        f"initiatives-{index}-objectives": ids(*objectives),
        f"initiatives-{index}-target_groups": ids(*groups),
    }


def answers(**by_measure) -> dict:
    """m1="achieved" or m2=("10", "progressing"): the entries of area 1, by measure number."""
    data = {}
    for number in range(1, 6):
        value = by_measure.get(f"m{number}", "no_data")
        if isinstance(value, tuple):
            amount, value = value
            data[f"entries-{number - 1}-value"] = amount
            data[f"entries-{number - 1}-reference_year"] = "2025"
        data[f"entries-{number - 1}-assessment"] = value
    return data


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def build_dataset() -> dict:
    """The dataset of this module's docstring, written through the forms and services (the
    browser tests of the dashboard use it too)."""
    delegate_chl, delegate_pe, director = (
        User.objects.get(username=name) for name in ("delegate-chl", "delegate-pe", "director")
    )
    o1, o2, o3, o4 = Objective.objects.filter(area__plan__code="2025-2028", area__number=1)
    women, youth = TargetGroup.objects.get(slug="women"), TargetGroup.objects.get(slug="youth")
    aus = User.objects.get(username="delegate-aus")

    chl25 = start_report(delegate_chl, "CHL", 2025)
    finish_report(
        delegate_chl,
        chl25,
        s1={
            **answers(m1="achieved", m2=("10", "progressing")),
            **initiative("I1", [o1, o2], [women]),
            **initiative("I2", [o1], [youth], index=1),
            "initiatives-TOTAL_FORMS": "2",
        },
        general={
            "best_practices-0-title": "One-stop shop",
            "best_practices-0-direction": "shared",
            "dialogues-0-title": "Round table with banks",
            "dialogues-0-partner_kind": "private",
        },
    )
    pe25 = start_report(delegate_pe, "PE", 2025)
    finish_report(
        delegate_pe,
        pe25,
        s1={
            **answers(m2=("20", "not_started"), m3="progressing", m4="not_applicable"),
            **initiative("I3", [o3], [women]),
        },
    )
    aus25 = start_report(aus, "AUS", 2025)
    finish_report(
        aus,
        aus25,
        s1={**answers(m2=("90", "achieved")), **initiative("I4", [o4], [])},
        general={"best_practices-0-title": "Borrowed", "best_practices-0-direction": "adopted"},
    )
    chl26 = start_report(delegate_chl, "CHL", 2026)
    finish_report(
        delegate_chl, chl26, s1={**answers(m2=("14", "achieved")), **initiative("I5", [o1], [])}
    )
    start_report(delegate_pe, "PE", 2026)
    for report in (chl25, pe25, chl26):
        services.report_accept(report_id=report.pk, user=director)
    # Submission dates are the clock's; set them where the on-time rate needs them.
    EconomyReport.objects.filter(pk=chl25.pk).update(submitted_at=at(2025, 10, 1))
    EconomyReport.objects.filter(pk=pe25.pk).update(submitted_at=at(2025, 11, 20))
    EconomyReport.objects.filter(pk=chl26.pk).update(submitted_at=timezone.now())
    return {"o": (o1, o2, o3, o4)}


@pytest.fixture
def dataset(db) -> dict:
    return build_dataset()


def window(**kwargs) -> rollups.Window:
    plan = StrategicPlan.objects.get(code="2025-2028")
    return rollups.Window(plan=plan, start=2025, end=2026, **kwargs)


def test_participation(dataset):
    from plans.models import Economy

    years = rollups.participation(window(), list(Economy.objects.all()))
    assert [(y.year, y.counted, y.economies) for y in years] == [(2025, 2, 21), (2026, 1, 21)]
    assert years[0].by_status == {"draft": 0, "submitted": 1, "returned": 0, "accepted": 2}
    assert years[1].by_status == {"draft": 1, "submitted": 0, "returned": 0, "accepted": 1}
    assert (years[0].on_time, years[0].submitted) == (1, 2)
    assert years[0].on_time_rate == 0.5


def test_area_rollup_accepted_only(dataset):
    o1, o2, o3, o4 = dataset["o"]
    area = rollups.area_rollups(window(area=1))[0]
    assert area.economies_reporting == 2
    assert (area.initiatives, area.contributing_economies) == (4, 2)
    assert [(o.pk, o.initiative_count) for o in area.objectives] == [
        (o1.pk, 3),
        (o2.pk, 1),
        (o3.pk, 1),
        (o4.pk, 0),
    ]
    assert area.gaps == [o4]
    assert area.target_groups == {"Women": 2, "Youth": 1}
    assert (area.assessed, area.on_track, area.assessing_economies) == (5, 4, 2)
    assert area.performance == 0.8
    m2 = area.measures[1]
    assert m2.measure.number == 2
    assert (m2.counts["progressing"], m2.counts["not_started"], m2.counts["achieved"]) == (1, 1, 1)
    assert m2.economies == 2


def test_area_rollup_with_submitted_reports(dataset):
    area = rollups.area_rollups(window(area=1, include_submitted=True))[0]
    assert area.economies_reporting == 3
    assert (area.initiatives, area.contributing_economies) == (5, 3)
    assert area.gaps == []
    assert (area.assessed, area.on_track) == (6, 5)
    assert round(area.performance, 3) == 0.833


def test_a_missing_report_is_not_zero(dataset):
    """Other areas: everyone said "Nothing to report", so nothing is assessed: no percentage."""
    areas = rollups.area_rollups(window())
    assert [a.area.number for a in areas] == [1, 2, 3, 4, 5]
    assert areas[1].performance is None
    assert areas[1].assessed == 0
    assert areas[1].economies_reporting == 2


def test_one_economy(dataset):
    area = rollups.area_rollups(window(area=1, economy="PE"))[0]
    assert (area.economies_reporting, area.initiatives, area.assessed, area.on_track) == (
        1,
        1,
        2,
        1,
    )


def test_measure_values_are_never_summed(dataset):
    measure = StrategicPlan.objects.get(code="2025-2028").areas.get(number=1).measures.get(number=2)
    result = rollups.measure_rollup(window(), measure, economies=list(Economy.objects.all()))
    rows = {economy.code: cells for economy, cells in result.rows}
    assert set(rows) == {"CHL", "PE"}
    assert (rows["CHL"][2025].value, rows["CHL"][2026].value) == (10, 14)
    assert rows["CHL"][2026].change == 4
    assert rows["CHL"][2025].change is None
    stats = {s.year: (s.economies, s.minimum, s.median, s.maximum) for s in result.stats}
    assert stats == {2025: (2, 10, 15, 20), 2026: (1, 14, 14, 14)}


def test_general_indicators(dataset):
    years = rollups.general_indicators(window())
    assert [(y.year, y.economies, y.shared, y.adopted, y.dialogues) for y in years] == [
        (2025, 2, 1, 0, 1),
        (2026, 1, 0, 0, 0),
    ]
    with_submitted = rollups.general_indicators(window(include_submitted=True))
    assert (with_submitted[0].economies, with_submitted[0].adopted) == (3, 1)

"""The roll-ups against a small dataset whose numbers are worked out by hand below.

Area 1 of the 2025-2028 plan has measures m1 (index), m2 (start-up rate, %), m3, m4 (rates) and
m5 (number), and objectives o1-o4. The reports, written through the forms and services:

    2025 Chile     accepted   m1 achieved, m2 = 10 progressing, m3-m5 no data;
                              initiatives I1 (o1, o2; women), I2 (o1; youth);
                              one best practice shared, one dialogue; submitted on time
    2025 Peru      accepted   m2 = 20 not started, m3 progressing, m4 not applicable, m1 and m5
                              no data; initiative I3 (o3; women); submitted after the due date
    2025 Australia submitted  m2 = 90 achieved, others no data; initiative I4 (o4);
                              one best practice adopted, from Chile's 2025 one
    2026 Chile     accepted   m2 = 14 (2026 data) achieved, others no data; initiative I5 (o1)
    2026 Peru      draft      (started only)

Accepted only, 2025-2026:
    participation  2025: 2 accepted + 1 submitted, 2 counted of 21, 1 of 2 on time;
                   2026: 1 accepted + 1 draft, 1 counted
    area 1         2 economies reporting (Chile, Peru); initiatives I1, I2, I3, I5 = 4 from 2
                   economies; o1 by 3, o2 by 1, o3 by 1, o4 by none (the gap);
                   women 2 (I1, I3), youth 1 (I2)
                   progress score over the latest assessment of each (economy, measure):
                     Chile m1 achieved (2025; its 2026 "no data" does not undo it),
                     Chile m2 achieved (2026 replaces 2025's "progressing": only the latest),
                     Peru m2 not started, Peru m3 progressing;
                     apart: no data 5 (Chile m3-m5, Peru m1, m5), not applicable 1 (Peru m4)
                   -> n = 4: 2 achieved (50 %), 1 progressing (25 %), 1 not started (25 %),
                      score (2 x 1 + 1 x 0.5 + 1 x 0) / 4 = 62.5 %, from 2 economies;
                   as it stood at the end of 2025: Chile m1 achieved, m2 progressing, Peru m2
                   not started, m3 progressing -> (1 + 1) / 4 = 50 %: change +12.5 points.
                   Every objective of area 1 sits in the measures' row: the same 62.5 %.
                   m2 over economy-years: 1 progressing, 1 not started, 1 achieved, 2 economies
    measure m2     Chile 10 (2025 data) -> 14 (2026 data): change +4 on 2025 data, Peru 20;
                   2025: 2 economies of 21, min 10, median 15, max 20; 2026: 1, 14 / 14 / 14
    general        2025: 1 shared, 0 adopted, 1 dialogue, from 2 economies; 2026: 0, 1 economy
With submitted reports too: Australia adds m2 achieved (n = 5: 3 achieved, 1 progressing, 1 not
started -> 70 %; at the end of 2025 2 + 2 x 0.5 of 5 = 60 %: +10 points), I4 (5 initiatives, 3
economies, no gap) and one adopted best practice.
Peru alone: m2 not started, m3 progressing -> 25 % of n = 2, the same at the end of 2025 (+0).
2026 alone: Chile m2 achieved -> 100 % of n = 1; the year before (2025, before the window's
start) 50 %: +50 points; m2's change on 2025 data is still +4.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from plans.models import Economy, Objective, StrategicPlan, TargetGroup
from reporting.adoptions.services import Source, adoption_record
from reporting.models import EconomyReport
from reporting.reports import services
from reporting.reports.scoring import Score, score_of
from reporting.rollups.areas import area_rollups
from reporting.rollups.general import general_indicators
from reporting.rollups.measures import measure_rollup
from reporting.rollups.participation import participation
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.factories import (
    backdate_submission,
    finish_report,
    start_report,
    write_section,
)

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
    """m1="achieved" or m2=("10", "progressing") (2025 data) or m2=("14", "achieved", "2026"):
    the entries of area 1, by measure number."""
    data = {}
    for number in range(1, 6):
        value = by_measure.get(f"m{number}", "no_data")
        if isinstance(value, tuple):
            amount, value, reference = (*value, "2025")[:3]
            data[f"entries-{number - 1}-value"] = amount
            data[f"entries-{number - 1}-reference_year"] = reference
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
    # Australia's adopted best practice names its source, Chile's accepted one: the indicator
    # counts such links.
    services.report_accept(report_id=chl25.pk, user=director)
    aus25 = start_report(aus, "AUS", 2025)
    write_section(
        aus,
        aus25,
        "general",
        **{"best_practices-0-title": "Borrowed", "best_practices-0-direction": "adopted"},
    )
    adoption_record(
        practice_id=aus25.best_practices.get().pk,
        user=aus,
        source=Source("practice", chl25.best_practices.get().pk),
        what_changed="Opened to rural firms.",
    )
    finish_report(
        aus,
        aus25,
        s1={**answers(m2=("90", "achieved")), **initiative("I4", [o4], [])},
        general={},
    )
    chl26 = start_report(delegate_chl, "CHL", 2026)
    finish_report(
        delegate_chl,
        chl26,
        s1={**answers(m2=("14", "achieved", "2026")), **initiative("I5", [o1], [])},
    )
    start_report(delegate_pe, "PE", 2026)
    for report in (pe25, chl26):
        services.report_accept(report_id=report.pk, user=director)
    # Submission dates are the clock's; set them where the on-time rate needs them.
    backdate_submission(EconomyReport.objects.filter(pk=chl25.pk), at(2025, 10, 1))
    backdate_submission(EconomyReport.objects.filter(pk=pe25.pk), at(2025, 11, 20))
    backdate_submission(EconomyReport.objects.filter(pk=chl26.pk), timezone.now())
    return {"o": (o1, o2, o3, o4)}


@pytest.fixture
def dataset(db) -> dict:
    return build_dataset()


def window(start: int = 2025, end: int = 2026, **kwargs) -> Window:
    plan = StrategicPlan.objects.get(code="2025-2028")
    return Window(plan=plan, start=start, end=end, **kwargs)


def distribution(score: Score) -> tuple[int, ...]:
    """(achieved, progressing, not started, no data, not applicable)."""
    order = ("achieved", "progressing", "not_started", "no_data", "not_applicable")
    return tuple(score.counts[value] for value in order)


def test_participation(dataset):
    from plans.models import Economy

    years = participation(window(), list(Economy.objects.all()))
    assert [(y.year, y.counted, y.economies) for y in years] == [(2025, 2, 21), (2026, 1, 21)]
    assert years[0].by_status == {"draft": 0, "submitted": 1, "returned": 0, "accepted": 2}
    assert years[1].by_status == {"draft": 1, "submitted": 0, "returned": 0, "accepted": 1}
    assert (years[0].on_time, years[0].submitted) == (1, 2)
    assert years[0].on_time_rate == 0.5


def test_area_rollup_accepted_only(dataset):
    o1, o2, o3, o4 = dataset["o"]
    area = area_rollups(window(area=1))[0]
    assert area.economies_reporting == 2
    assert (area.initiatives, area.contributing_economies) == (4, 2)
    assert [(o.id, o.initiatives) for o in area.objectives] == [
        (o1.pk, 3),
        (o2.pk, 1),
        (o3.pk, 1),
        (o4.pk, 0),
    ]
    assert [(o.id, o.number, o.text) for o in area.gaps] == [(o4.pk, o4.number, o4.text)]
    assert area.target_groups == {"Women": 2, "Youth": 1}
    score = area.score
    assert distribution(score) == (2, 1, 1, 5, 1)
    assert (score.n, score.economies, area.assessing_economies) == (4, 2, 2)
    assert score.value == 0.625
    assert score.text == "63 %"  # half-up, as every figure (plans/catalogue/rounding.py)
    assert [(share, n) for _value, n, share in score.distribution] == [
        ("50 %", 2),
        ("25 %", 1),
        ("25 %", 1),
    ]
    assert (score.previous, score.previous_year, score.change) == (0.5, 2025, 12.5)
    assert [o.score.value for o in area.objectives] == [0.625] * 4
    assert area.economies == 21
    m2 = area.measures[1]
    assert m2.measure.number == 2
    assert (m2.counts["progressing"], m2.counts["not_started"], m2.counts["achieved"]) == (1, 1, 1)
    assert m2.economies == 2


def test_area_rollup_with_submitted_reports(dataset):
    area = area_rollups(window(area=1, include_submitted=True))[0]
    assert area.economies_reporting == 3
    assert (area.initiatives, area.contributing_economies) == (5, 3)
    assert area.gaps == []
    assert distribution(area.score) == (3, 1, 1, 9, 1)  # Australia: 4 more no data
    assert (area.score.n, area.score.economies) == (5, 3)
    assert round(area.score.value, 3) == 0.7
    assert (round(area.score.previous, 3), area.score.change) == (0.6, 10.0)


def test_a_missing_report_is_not_zero(dataset):
    """Other areas: everyone said "Nothing to report", so nothing is assessed: no percentage."""
    areas = area_rollups(window())
    assert [a.area.number for a in areas] == [1, 2, 3, 4, 5]
    assert areas[1].score.value is None
    assert areas[1].score.text == "n/a"
    assert areas[1].score.n == 0
    assert areas[1].score.change is None
    assert areas[1].economies_reporting == 2


def test_one_economy(dataset):
    area = area_rollups(window(area=1, economy="PE"))[0]
    assert (area.economies_reporting, area.initiatives, area.score.n) == (1, 1, 2)
    assert distribution(area.score) == (0, 1, 1, 2, 1)
    # Peru's 2026 report is a draft: its 2025 assessments carried forward show no change.
    assert (area.score.value, area.score.change, area.score.no_reports_in) == (0.25, None, 2026)
    assert area.score.change_text == "no reports for 2026 yet"
    assert area.economies == 21  # still counted against all 21


def test_the_score_and_the_change_cross_the_windows_start(dataset):
    """A 2026-only window still compares with 2025: the year before its start."""
    area = area_rollups(window(2026, 2026, area=1))[0]
    assert distribution(area.score) == (1, 0, 0, 4, 0)
    assert (area.score.value, area.score.previous, area.score.change) == (1.0, 0.5, 50.0)
    measure = area.measures[1].measure
    result = measure_rollup(
        window(2026, 2026), measure, economies=21, listed=list(Economy.objects.all())
    )
    rows = {economy.code: cells for economy, cells in result.rows}
    assert set(rows) == {"CHL"}  # Peru's 2026 report is a draft
    assert list(rows["CHL"]) == [2026]
    assert (rows["CHL"][2026].change, rows["CHL"][2026].change_on) == (4, 2025)


def test_the_first_year_of_the_plan_has_no_change(dataset):
    area = area_rollups(window(2025, 2025, area=1))[0]
    assert area.score.value == 0.5
    assert (area.score.previous, area.score.previous_year, area.score.change) == (None, None, None)


def test_score_of_is_the_one_formula():
    assert score_of({"achieved": 3, "progressing": 2, "not_started": 5}) == 0.4
    assert score_of({"no_data": 7, "not_applicable": 2}) is None
    assert score_of({"achieved": 1, "no_data": 100}) == 1.0


def test_measure_values_are_never_summed(dataset):
    measure = StrategicPlan.objects.get(code="2025-2028").areas.get(number=1).measures.get(number=2)
    result = measure_rollup(window(), measure, economies=21, listed=list(Economy.objects.all()))
    rows = {economy.code: cells for economy, cells in result.rows}
    assert set(rows) == {"CHL", "PE"}
    assert (rows["CHL"][2025].value, rows["CHL"][2026].value) == (10, 14)
    assert (rows["CHL"][2026].change, rows["CHL"][2026].change_on) == (4, 2025)
    assert rows["CHL"][2025].change is None
    stats = {s.year: (s.economies, s.of, s.minimum, s.median, s.maximum) for s in result.stats}
    assert stats == {2025: (2, 21, 10, 15, 20), 2026: (1, 21, 14, 14, 14)}


def test_general_indicators(dataset):
    years = general_indicators(window())
    assert [(y.year, y.economies, y.of, y.shared, y.adopted, y.dialogues) for y in years] == [
        (2025, 2, 21, 1, 0, 1),
        (2026, 1, 21, 0, 0, 0),
    ]
    with_submitted = general_indicators(window(include_submitted=True))
    assert (with_submitted[0].economies, with_submitted[0].adopted) == (3, 1)


def test_the_api_writes_the_x5_score_as_the_pages_do(dataset, director):
    """Area 1's 62.5 %: the exact value and the display string every page and file writes."""
    data = client_for(director).get("/api/dashboard/2025-2028/", {"start": 2025, "end": 2026})
    score = data.json()["areas"][0]["score"]
    assert (score["value"], score["text"]) == (0.625, "63 %")

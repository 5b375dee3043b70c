# ruff: noqa: S311 - seeded resamples, not secrets
"""How sure a score is: a 90 % interval from a bootstrap over economies (each economy's
assessments resampled together, a fixed seed), "no clear change" where the change's interval
includes zero, and the change over the economies that reported in both years ("balanced")."""

import random
import statistics
import time

import pytest

from plans.models import StrategicPlan
from reporting.reports import scoring, summaries
from reporting.reports.scoring import Interval, Score, sureness_of
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import area_rollups_direct
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for
from tests.reporting.rollups.test_figures import dataset  # noqa: F401

# Counts in SCORED's order: (achieved, progressing, not started).
ACHIEVED, PROGRESSING, NOT_STARTED, NONE = (1, 0, 0), (0, 1, 0), (0, 0, 1), (0, 0, 0)


def test_one_economy_or_economies_alike_give_no_spread():
    alone = sureness_of((((ACHIEVED, PROGRESSING, True), 1),))
    assert alone.score == Interval(1.0, 1.0)
    assert alone.change == Interval(50.0, 50.0)
    alike = sureness_of((((PROGRESSING, PROGRESSING, True), 5),))
    assert (alike.score, alike.change) == (Interval(0.5, 0.5), Interval(0.0, 0.0))


def test_two_economies_by_hand():
    """One economy achieved, one not started: a resample of two draws both achieved (score 1)
    a quarter of the time, both not started (0) a quarter, one of each (0.5) half: the 5th
    percentile is 0 and the 95th 1, whatever the seed."""
    found = sureness_of((((ACHIEVED, NONE, True), 1), ((NOT_STARTED, NONE, True), 1)))
    assert found.score == Interval(0.0, 1.0)
    assert found.change is None  # nothing the year before
    assert (found.balanced_change, found.balanced_economies) == (None, 0)


def test_the_balanced_change_by_hand():
    """A: progressing, then achieved; B: achieved, new this year; C: not started the year
    before, no report since (carried forward). Now (A, B, C): 2 achieved, 1 not started = 2/3;
    the year before (A, C): 0.5 / 2 = 0.25; +41.7 points. Balanced, A alone: 0.5 -> 1: +50."""
    found = sureness_of(
        (
            ((ACHIEVED, NONE, True), 1),
            ((ACHIEVED, PROGRESSING, True), 1),
            ((NOT_STARTED, NOT_STARTED, False), 1),
        )
    )
    assert (found.balanced_change, found.balanced_economies) == (50.0, 1)
    score = Score.of({"achieved": 2, "not_started": 1})
    score.previous, score.previous_year, score.sureness = 0.25, 2025, found
    assert score.change == 41.7
    assert score.balanced_text == (
        "balanced: +50.0 points over the 1 economies reporting in 2025 and 2026; "
        "the two differ: economies reporting came or went"
    )


def naive(profiles, *, seed: int, resamples: int) -> tuple[Interval, Interval]:
    """The bootstrap written plainly: each resample's counts added up economy by economy."""
    economies = [profile for profile, n in profiles for _ in range(n)]
    rng = random.Random(seed)
    scores, changes = [], []
    for _ in range(resamples):
        drawn = rng.choices(range(len(economies)), k=len(economies))  # the same draws
        now = [sum(economies[i][0][place] for i in drawn) for place in range(3)]
        then = [sum(economies[i][1][place] for i in drawn) for place in range(3)]
        if sum(now):
            value = scoring.score_of(dict(zip(scoring.SCORED, now, strict=True)))
            scores.append(value)
            if sum(then):
                before = scoring.score_of(dict(zip(scoring.SCORED, then, strict=True)))
                changes.append((value - before) * 100)

    def interval(values):
        cuts = statistics.quantiles(values, n=20, method="inclusive")
        return Interval(cuts[0], cuts[-1])

    return interval(scores), interval(changes)


def test_a_seeded_random_case_equals_the_plain_bootstrap():
    rng = random.Random(7)
    found = {}
    for _ in range(16):
        counts = tuple(tuple(rng.randint(0, 4) for _ in range(3)) for _ in range(2))
        profile = (*counts, rng.random() < 0.8)
        found[profile] = found.get(profile, 0) + 1
    profiles = tuple(sorted(found.items()))
    sure = sureness_of(profiles)
    low, high = naive(profiles, seed=scoring.SEED, resamples=scoring.RESAMPLES)
    assert sure.score.low == pytest.approx(low.low)
    assert sure.score.high == pytest.approx(low.high)
    assert sure.change.low == pytest.approx(high.low)
    assert sure.change.high == pytest.approx(high.high)
    assert sure.score.low < sure.score.high
    # The same profiles give the same interval: the seed is fixed.
    sureness_of.cache_clear()
    assert sureness_of(profiles) == sure


def test_the_cost_of_a_bootstrap_of_21_economies():
    rng = random.Random(3)
    profiles = tuple(
        sorted(
            (((rng.randint(0, 5), rng.randint(0, 5), rng.randint(0, 5)), ACHIEVED, True), 1)
            for _ in range(21)
        )
    )
    sureness_of.cache_clear()
    started = time.perf_counter()
    sureness_of(profiles)
    first = time.perf_counter() - started
    started = time.perf_counter()
    sureness_of(profiles)
    again = time.perf_counter() - started
    # Measured at about 4 ms; a page holds some twenty groups (areas and rows of the plan).
    assert first < 0.1
    assert again < 0.001


@pytest.mark.django_db
def test_the_scores_of_the_dataset_agree_with_the_records_and_say_how_sure(dataset, director):  # noqa: F811
    window = Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=2025, end=2026)
    areas = area_rollups(window)
    direct = area_rollups_direct(window)
    assert [a.score.sureness for a in areas] == [a.score.sureness for a in direct]
    assert [[o.score.sureness for o in a.objectives] for a in areas] == [
        [o.score.sureness for o in a.objectives] for a in direct
    ]
    area = areas[0]
    # Area 1: Chile (achieved 1, progressing 1, then achieved 2 in 2026) and Peru (not started,
    # progressing; no 2026 report). Two economies: a wide interval, and no clear change.
    assert area.score.interval.low < area.score.value < area.score.interval.high
    assert area.score.change == 12.5
    assert not area.score.clear_change
    assert area.score.change_text == "no clear change on 2025 (+12.5 points)"
    # Balanced: Chile alone reported in 2025 and 2026.
    assert area.score.sureness.balanced_economies == 1

    page = client_for(director).get("/dashboard/2025-2028/").text
    assert "90 % interval" in page
    assert "no clear change on 2025 (+12.5 points)" in page
    # The area's figures run on as one sentence: the change is followed by its semicolon.
    assert "no clear change on 2025 (+12.5 points); balanced" in page
    # The chart says so too, in its description.
    assert (
        "2 of 21 economies, 90 % interval 25–100 %, no clear change on 2025 (+12.5 points)"
    ) in page
    assert "bootstrap over economies" in page  # the method says so
    data = api_for(director).get("/api/dashboard/2025-2028/").json()
    score = data["areas"][0]["score"]
    assert score["interval"]["low"] == pytest.approx(area.score.interval.low)
    assert score["clear_change"] is False
    assert score["balanced_economies"] == 1
    assert "bootstrap over economies" in data["method"]


def random_profiles(economies: int, *, seed: int) -> tuple:
    """Economies counted by profile, most reporting: random counts now, and before the same
    but for an assessment or so (an economy's assessments persist, so the two years vary
    together and the change is surer than either score)."""
    rng = random.Random(seed)
    found: dict = {}
    for _ in range(economies):
        now = [rng.randint(0, 4) for _ in range(3)]
        then = list(now)
        if sum(then) and rng.random() < 0.5:
            moved = rng.choice([place for place, n in enumerate(then) if n])
            then[moved] -= 1
            then[min(moved + 1, 2)] += 1
        profile = (tuple(now), tuple(then), rng.random() < 0.8)
        found[profile] = found.get(profile, 0) + 1
    return tuple(sorted(found.items()))


@pytest.mark.parametrize("economies", [60, 210, 2100])
def test_beyond_the_bound_the_normal_approximation_agrees_with_the_bootstrap(economies):
    """Many economies: the intervals from the sums agree with the bootstrap's to within its
    own noise (a percentile of 2,000 resamples), and the balanced change is the same."""
    profiles = random_profiles(economies, seed=economies)
    bootstrap = sureness_of(profiles)
    normal = scoring.normal_sureness(scoring.moments_of(profiles))
    width = bootstrap.score.high - bootstrap.score.low
    assert normal.score.low == pytest.approx(bootstrap.score.low, abs=width / 15)
    assert normal.score.high == pytest.approx(bootstrap.score.high, abs=width / 15)
    change_width = bootstrap.change.high - bootstrap.change.low
    assert normal.change.low == pytest.approx(bootstrap.change.low, abs=change_width / 15)
    assert normal.change.high == pytest.approx(bootstrap.change.high, abs=change_width / 15)
    assert (normal.balanced_change, normal.balanced_economies) == (
        bootstrap.balanced_change,
        bootstrap.balanced_economies,
    )
    # Which one a page shows goes by the economies reporting in the window.
    assert scoring.sureness_by_size(profiles, reporting=economies) == normal
    assert scoring.sureness_by_size(profiles, reporting=scoring.BOOTSTRAP_ECONOMIES) == bootstrap


def test_the_sums_of_one_economy_by_hand():
    """Achieved and progressing now (weights 1 and 0.5, over the denominator 2: 3 of n 2),
    progressing before (1 of n 1), reported: each sum, product and the balanced sums."""
    moments = scoring.profile_moments(((1, 1, 0), (0, 1, 0), True))
    assert moments == {
        "1": 1,
        "w": 3,
        "n": 2,
        "v": 1,
        "m": 1,
        "ww": 9,
        "wn": 6,
        "wv": 3,
        "wm": 3,
        "nn": 4,
        "nv": 2,
        "nm": 2,
        "vv": 1,
        "vm": 1,
        "mm": 1,
        "b1": 1,
        "bw": 3,
        "bn": 2,
        "bv": 1,
        "bm": 1,
    }
    # Economies alike give no spread, as the bootstrap's.
    alike = scoring.normal_sureness(scoring.moments_of([(((0, 1, 0), (0, 1, 0), True), 60)]))
    assert (alike.score, alike.change) == (Interval(0.5, 0.5), Interval(0.0, 0.0))


@pytest.mark.django_db
def test_beyond_the_bound_a_page_reads_the_sums_and_agrees_with_the_records(monkeypatch, director):
    """With more economies reporting than BOOTSTRAP_ECONOMIES (here 2), the figures read the
    sums of each area and row, not a row per economy's profile: the same rows with three
    economies, each assessing differently, as with five; within the bound the profiles grow
    with the economies. Either way the figures agree with the direct computation."""
    from reporting.rollups import check
    from tests.reporting.rollups.test_flat_cost import cost
    from tests.reporting.rollups.test_flat_cost import reported as accepted_with

    plan = StrategicPlan.objects.get(code="2025-2028")
    window = Window(plan, 2025, 2025)
    choices = ("achieved", "progressing")

    def assessing(code: str, k: int) -> None:
        accepted_with(code, 2025, director)
        report = plan.cycles.get(year=2025).reports.get(economy__code=code)
        entries = report.entries.filter(measure__area__number=1).order_by("measure__number")
        for i, entry in enumerate(entries):
            entry.assessment = choices[0] if i < k else choices[1]  # k achieved
            entry.save()
        summaries.rollups_rebuild(plan=plan)

    def read(bound: int) -> tuple[int, int]:
        with monkeypatch.context() as patch:
            patch.setattr(scoring, "BOOTSTRAP_ECONOMIES", bound)
            return cost(patch, lambda: area_rollups(window, economies=21))

    # Every measure both achieved and progressing from the start: what grows is the profiles.
    for code, k in (("CHL", 0), ("PE", 5), ("AUS", 2)):
        assessing(code, k)
    small, small_bootstrap = read(2), read(50)
    for code, k in (("MEX", 1), ("NZ", 3)):
        assessing(code, k)
    large, large_bootstrap = read(2), read(50)

    assert large == small
    assert large_bootstrap[1] > small_bootstrap[1]  # a profile per economy assessing apart
    monkeypatch.setattr(scoring, "BOOTSTRAP_ECONOMIES", 2)
    assert check.differences(plan) == []
    area = area_rollups(window, economies=21)[0]
    assert area.score.interval.low < area.score.value < area.score.interval.high

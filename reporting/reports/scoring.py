"""The progress score: which assessments it weighs and by how much, the one formula, the sentence
that states it, and the words every page, file, chart and the API print of it.

Changing the method is a change of this file alone, then `manage.py rebuild_rollups` (the
summaries count each economy's latest assessment that scores): everything else that shows the
score, its n, its distribution or its method reads them here.

It sits in the reports layer, not with the roll-ups above it, because the workflow's summary
writer (`reporting.reports.summaries`) needs which assessments score and which one is an
economy's latest, and layers only point down.
"""

from __future__ import annotations

import functools
import math
import random
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

from plans.catalogue import rounding
from reporting.reports.models import ASSESSMENT_ORDER, Assessment

# The assessments that say how far a measure has come, with their weights, in the order every
# table, chart and file lists them. The others ("No data", "Not applicable") are shown apart.
SCORE_WEIGHTS: dict[str, float] = {
    Assessment.ACHIEVED: 1.0,
    Assessment.PROGRESSING: 0.5,
    Assessment.NOT_STARTED: 0.0,
}
SCORED = tuple(SCORE_WEIGHTS)
UNSCORED = tuple(value for value in ASSESSMENT_ORDER if value not in SCORE_WEIGHTS)

LABELS = {str(value): str(label) for value, label in Assessment.choices}
SCORED_LABELS = [(value, LABELS[value]) for value in SCORED]
UNSCORED_LABELS = [(value, LABELS[value]) for value in UNSCORED]


def listed(words: Sequence[str], last: str = "and") -> str:
    """“A, B and C”."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def method_of(weights: Mapping[str, float]) -> str:
    """The sentence that states the method, wherever the score appears."""
    apart = listed([f"“{LABELS[value]}”" for value in ASSESSMENT_ORDER if value not in weights])
    return (
        "Progress score = ("
        + " + ".join(f"{LABELS[value]} × {weight:g}" for value, weight in weights.items())
        + ") / ("
        + " + ".join(LABELS[value] for value in weights)
        + "), over the latest assessment of each economy and measure in the window (for an "
        "objective, the measures of its row of the plan), with "
        + apart
        + " shown apart, never in the denominator and never replacing an earlier assessment."
    )


def axis_of(weights: Mapping[str, float]) -> str:
    """The title of a chart's score axis: “Progress score (Achieved 1, ...)”."""
    weighed = ", ".join(f"{LABELS[value]} {weight:g}" for value, weight in weights.items())
    return f"Progress score ({weighed})"


# How sure a score is: a bootstrap over economies (each economy's assessments resampled
# together), a fixed seed so that the same data always gives the same interval.
LEVEL = 0.9
RESAMPLES = 2000
SEED = 2025
# Beyond this many economies reporting in a window (APEC has 21), the interval is the normal
# approximation of the same resampling, from sums over the economies the summaries keep: the
# bootstrap's cost, and the rows it reads, grow with the economies.
BOOTSTRAP_ECONOMIES = 50
SURENESS_METHOD = (
    f"Beside each score, a {LEVEL:.0%} interval from a bootstrap over economies "
    f"({RESAMPLES:,} resamples of the economies assessing, each economy's assessments kept "
    f"together; with more than {BOOTSTRAP_ECONOMIES} economies reporting, the normal "
    "approximation of the same resampling); a change whose interval includes zero reads "
    "“no clear change”. The balanced change is the same change over the economies that "
    "reported in both years only."
).replace("%", " %")

SCORE_METHOD = method_of(SCORE_WEIGHTS) + " " + SURENESS_METHOD
SCORE_AXIS = axis_of(SCORE_WEIGHTS)
# What the score's n counts: “Achieved, Progressing or Not started”.
SCORED_WORDS = listed([label for _value, label in SCORED_LABELS], "or")

K = TypeVar("K")


def latest_of(rows: Iterable[tuple[K, int, str]], first: int, last: int) -> dict[K, str]:
    """The latest assessment of each key among (key, year, assessment) rows, read oldest first,
    of the years first..last. A later assessment that does not score (“No data”, “Not
    applicable”) says nothing about progress: it does not undo an earlier one that does."""
    found: dict[K, str] = {}
    for key, year, assessment in rows:
        if first <= year <= last and (assessment in SCORED or found.get(key) not in SCORED):
            found[key] = assessment
    return found


def score_of(counts: Mapping[str, int]) -> float | None:
    """The progress score (0 to 1) of assessment counts (Assessment values -> number), or None
    when none of them scores. The one formula of the pages, the API and the files."""
    scored = sum(counts.get(value, 0) for value in SCORED)
    if not scored:
        return None
    return sum(counts.get(value, 0) * weight for value, weight in SCORE_WEIGHTS.items()) / scored


# An economy's latest assessments of a group of measures (an area, a row of the plan) that
# score, counted in SCORED's order, now and at the end of the year before, and whether it
# reported in the window's last year (else its assessments now are carried forward).
Counts = tuple[int, ...]
Profile = tuple[Counts, Counts, bool]


def profile_key(row: str, profile: Profile) -> str:
    """The key of a PROFILE count (summaries.Kind): the row ("" for the area), then the counts
    now and before."""
    now, then, reported = profile
    return f"{row}|{','.join(map(str, now))}|{','.join(map(str, then))}|{int(reported)}"


def profile_of(key: str) -> tuple[str, Profile]:
    """(row or "", (counts now, counts before)) of a PROFILE count (summaries.Kind)'s key."""
    row, now, then, reported = key.split("|")
    counts = (tuple(map(int, now.split(","))), tuple(map(int, then.split(","))))
    return row, (*counts, reported == "1")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def includes(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Sureness:
    """How sure a score and its change are: their intervals (the change's in points), and the
    change over the economies that reported in the last year and assessed in the year before
    alone ("balanced", in points)."""

    score: Interval | None = None
    change: Interval | None = None
    balanced_change: float | None = None
    balanced_economies: int = 0  # the economies reporting in both years


def _scaled_weights() -> tuple[int, tuple[int, ...]]:
    """The weights as whole numbers over a common denominator: (denominator, numerators)."""
    fractions = [Fraction(str(weight)) for weight in SCORE_WEIGHTS.values()]
    scale = math.lcm(*(fraction.denominator for fraction in fractions))
    return scale, tuple(int(fraction * scale) for fraction in fractions)


def _sums(counts: Counts) -> tuple[int, int]:
    """(weighted sum x the weights' denominator, n) of an economy's counts."""
    _scale, weights = _scaled_weights()
    return sum(n * w for n, w in zip(counts, weights, strict=True)), sum(counts)


def _quantiles(values: list[float]) -> Interval | None:
    if len(values) < 2:
        return Interval(values[0], values[0]) if values else None
    cuts = statistics.quantiles(values, n=20, method="inclusive")  # 5 %, 10 %, ... 95 %
    return Interval(cuts[0], cuts[-1])


@functools.lru_cache(maxsize=4096)
def sureness_of(profiles: tuple[tuple[Profile, int], ...]) -> Sureness:
    """The bootstrap of a score and its change over economies: `profiles` are the economies'
    (counts now, counts the year before, reported in the last year) with how many economies
    have each, sorted. Each of
    RESAMPLES resamples draws as many economies as there are, with replacement, and scores the
    counts they hold together; the interval runs from the 5th to the 95th percentile.

    Each economy's four sums (weighted and n, now and before) are packed side by side into one
    integer, so that a resample adds one number per economy drawn instead of four; a field is
    wide enough for the sum of every economy drawn, so none spills into the next. Kept per
    process for the same profiles: a page read again costs nothing."""
    economies = [profile for profile, n in profiles for _ in range(n)]
    if not economies:
        return Sureness()
    scale, _weights = _scaled_weights()
    fields = [(*_sums(now), *_sums(then)) for now, then, _reported in economies]
    width = (max(max(f) for f in fields) * len(fields)).bit_length() + 1
    mask = (1 << width) - 1
    packed = [sum(value << (width * place) for place, value in enumerate(f)) for f in fields]
    rng = random.Random(SEED)  # noqa: S311 - a seeded resample, not a secret
    scores: list[float] = []
    changes: list[float] = []
    size = len(packed)
    for _ in range(RESAMPLES):
        total = sum(rng.choices(packed, k=size))
        now_sum, now_n = total & mask, (total >> width) & mask
        then_sum, then_n = (total >> (2 * width)) & mask, total >> (3 * width)
        if now_n:
            scores.append(now_sum / now_n / scale)
            if then_n:
                changes.append((now_sum / now_n - then_sum / then_n) / scale * 100)
    # Balanced: the economies that reported in the last year and had assessed the year before.
    both = [f for f, (*_, reported) in zip(fields, economies, strict=True) if reported and f[3]]
    both = [f for f in both if f[1]]
    balanced = None
    if both:
        now_score = sum(f[0] for f in both) / sum(f[1] for f in both)
        then_score = sum(f[2] for f in both) / sum(f[3] for f in both)
        balanced = rounding.points(now_score / scale, then_score / scale)
    return Sureness(
        score=_quantiles(scores),
        change=_quantiles(changes),
        balanced_change=balanced,
        balanced_economies=len(both),
    )


# An economy's sums (weighted now "w", n now "n", weighted before "v", n before "m"), their
# products, and the same four sums of the economies counted in the balanced change ("b..."),
# with "1" counting the economies: summed over economies, what the normal approximation needs.
_SUMS = ("w", "n", "v", "m")


def profile_moments(profile: Profile) -> dict[str, int]:
    """What an economy of this profile adds to the sums of `normal_sureness` (zeros left out)."""
    now, then, reported = profile
    values = dict(zip(_SUMS, (*_sums(now), *_sums(then)), strict=True))
    moments = {"1": 1, **values}
    for i, first in enumerate(_SUMS):
        for second in _SUMS[i:]:
            moments[first + second] = values[first] * values[second]
    if reported and values["n"] and values["m"]:
        moments.update({"b1": 1, **{f"b{name}": value for name, value in values.items()}})
    return {name: value for name, value in moments.items() if value}


def moments_of(profiles: Iterable[tuple[Profile, int]]) -> dict[str, int]:
    """The sums of `normal_sureness` over economies counted by profile."""
    total: dict[str, int] = {}
    for profile, economies in profiles:
        for name, value in profile_moments(profile).items():
            total[name] = total.get(name, 0) + value * economies
    return total


def normal_sureness(moments: Mapping[str, int]) -> Sureness:
    """The bootstrap's intervals as their normal approximation (the delta method), from sums
    over the economies (`moments_of`): what the resampled ratios of sums tend to as economies
    grow many. Its cost does not grow with them."""
    size = moments.get("1", 0)
    if not size:
        return Sureness()
    scale, _weights = _scaled_weights()
    z = statistics.NormalDist().inv_cdf(0.5 + LEVEL / 2)
    m = {
        name: moments.get(name, 0)
        for name in ("w", "n", "v", "m", "ww", "wn", "nn", "vv", "vm", "mm", "wv", "wm", "nv", "nm")
    }
    score = change = None
    if m["n"]:
        now = m["w"] / m["n"]
        # Each economy's residual w - now x n sums to 0; the ratio's variance is theirs / n^2.
        own = m["ww"] - 2 * now * m["wn"] + now * now * m["nn"]
        spread = z * math.sqrt(max(own, 0)) / m["n"]
        score = Interval(max(0.0, (now - spread) / scale), min(1.0, (now + spread) / scale))
        if m["m"]:
            then = m["v"] / m["m"]
            before = m["vv"] - 2 * then * m["vm"] + then * then * m["mm"]
            both = m["wv"] - then * m["wm"] - now * m["nv"] + now * then * m["nm"]
            variance = own / m["n"] ** 2 + before / m["m"] ** 2 - 2 * both / (m["n"] * m["m"])
            spread = z * math.sqrt(max(variance, 0))
            change = Interval(
                max(-100.0, (now - then - spread) / scale * 100),
                min(100.0, (now - then + spread) / scale * 100),
            )
    balanced = None
    if moments.get("b1"):
        balanced = rounding.points(
            moments["bw"] / moments["bn"] / scale, moments.get("bv", 0) / moments["bm"] / scale
        )
    return Sureness(
        score=score,
        change=change,
        balanced_change=balanced,
        balanced_economies=moments.get("b1", 0),
    )


def sureness_by_size(
    profiles: tuple[tuple[Profile, int], ...],
    *,
    reporting: int,
    moments: Mapping[str, int] | None = None,
) -> Sureness:
    """How sure a score is, with `reporting` economies reporting in the window: the bootstrap
    over the economies counted by profile, or beyond BOOTSTRAP_ECONOMIES its approximation, from
    their sums (`moments`, as the summaries keep them; else summed from the profiles)."""
    if reporting <= BOOTSTRAP_ECONOMIES:
        return sureness_of(profiles)
    return normal_sureness(moments_of(profiles) if moments is None else moments)


def points(change: float | None, year: int | None) -> str:
    """A change of a score in points, on the year it compares with: “+12.5 points on 2025”,
    “no change on 2025”, or “” when there is none."""
    if change is None:
        return ""
    return f"no change on {year}" if change == 0 else f"{change:+.1f} points on {year}"


def no_reports(year: int) -> str:
    """Why a score shows no change: its last year has no counted report."""
    return f"no reports for {year} yet"


def _percent(share: float) -> str:
    return rounding.percent(share)


@dataclass
class Score:
    """A progress score with its n, the distribution it rests on (every Assessment value, the
    latest of each economy and measure), and the score a year earlier."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Assessment.values, 0))
    economies: int = 0  # economies with at least one assessment that scores
    previous: float | None = None  # the score as it stood at the end of the year before
    previous_year: int | None = None
    # The window's last year when none of its reports counts: the score then carries earlier
    # assessments forward, and comparing them with themselves would show a change that is none.
    no_reports_in: int | None = None
    sureness: Sureness = field(default_factory=Sureness)

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Score:
        """The score of counts that may lack some assessments (a document's, kept as JSON)."""
        return cls(counts={value: counts.get(value, 0) for value in Assessment.values})

    @property
    def value(self) -> float | None:
        return score_of(self.counts)

    @property
    def n(self) -> int:
        return sum(self.counts[value] for value in SCORED)

    @property
    def shares(self) -> dict[str, float]:
        """Each assessment that scores as a share of n (the stacked bar; 0 when n is 0)."""
        n = self.n
        return {value: self.counts[value] / n if n else 0.0 for value in SCORED}

    @property
    def text(self) -> str:
        """“62 %”, or “n/a” when nothing scores."""
        return "n/a" if self.value is None else _percent(self.value)

    @property
    def distribution(self) -> list[tuple[str, int, str]]:
        """(label, number, “40 %” of n) of each assessment that scores."""
        return [
            (LABELS[value], self.counts[value], _percent(share))
            for value, share in self.shares.items()
        ]

    @property
    def apart(self) -> list[tuple[str, int]]:
        """(label, number) of the assessments shown apart, outside n."""
        return [(label, self.counts[value]) for value, label in UNSCORED_LABELS]

    @property
    def change(self) -> float | None:
        """The change on the year before, in points: none without new data."""
        if self.value is None or self.previous is None or self.no_reports_in is not None:
            return None
        return rounding.points(self.value, self.previous)

    @property
    def change_text(self) -> str:
        """“+12.5 points on 2025”, “no reports for 2027 yet” when the window's last year has no
        counted report, or “” when there is nothing to compare with."""
        if self.no_reports_in is not None and self.previous_year is not None:
            return no_reports(self.no_reports_in)
        if self.change is not None and not self.clear_change:
            return f"no clear change on {self.previous_year} ({self.change:+.1f} points)"
        return points(self.change, self.previous_year)

    @property
    def interval(self) -> Interval | None:
        """The score's 90 % interval (0 to 1), None when nothing scores."""
        return self.sureness.score if self.value is not None else None

    @property
    def interval_text(self) -> str:
        """“90 % interval 52–61 %” (an en dash), or “”."""  # noqa: RUF002
        if self.interval is None:
            return ""
        low, high = (
            rounding.percent_of(bound) for bound in (self.interval.low, self.interval.high)
        )
        return f"{LEVEL:.0%} interval {low}–{high} %".replace("%", " %", 1)

    @property
    def change_interval(self) -> Interval | None:
        """The change's 90 % interval in points, where a change is shown."""
        return self.sureness.change if self.change is not None else None

    @property
    def clear_change(self) -> bool:
        """A change whose interval excludes zero (no interval: nothing to doubt it by)."""
        interval = self.change_interval
        return interval is None or not interval.includes(0.0)

    @property
    def balanced_change(self) -> float | None:
        """The change over the economies assessing in both years, where a change is shown."""
        return self.sureness.balanced_change if self.change is not None else None

    @property
    def balanced_text(self) -> str:
        """“balanced: -0.5 points over 14 economies”, with a note where it differs."""
        balanced = self.balanced_change
        if balanced is None or self.previous_year is None:
            return ""
        text = (
            f"balanced: {balanced:+.1f} points over the {self.sureness.balanced_economies} "
            f"economies reporting in {self.previous_year} and {self.previous_year + 1}"
        )
        if balanced != self.change:
            text += "; the two differ: economies reporting came or went"
        return text

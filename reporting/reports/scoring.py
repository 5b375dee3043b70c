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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

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


SCORE_METHOD = method_of(SCORE_WEIGHTS)
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
    return f"{round(share * 100)} %"


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
        return round((self.value - self.previous) * 100, 1)

    @property
    def change_text(self) -> str:
        """“+12.5 points on 2025”, “no reports for 2027 yet” when the window's last year has no
        counted report, or “” when there is nothing to compare with."""
        if self.no_reports_in is not None and self.previous_year is not None:
            return no_reports(self.no_reports_in)
        return points(self.change, self.previous_year)

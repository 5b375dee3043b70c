"""The parts of a document's content that the review and the director's annual report both
show, worked out by the same functions and kept under the same keys: each year's participation
and an area's or objective's progress score, the general indicators and the APEC project
portfolio; and their typed shapes, which the renderers read, loaded from a stored content of any
schema (`record` reads one JSON object into a dataclass)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from typing import Any, Protocol, TypeVar

from plans.models import Economy
from plans.projects.portfolio import Portfolio
from reporting.reports import scoring
from reporting.rollups.participation import participation
from reporting.rollups.window import Window

# A content as JSON stores it: what the builders return, the snapshots keep and the loaders read.
Stored = Mapping[str, Any]
T = TypeVar("T")


def record(cls: type[T], data: Stored, **given: object) -> T:
    """The dataclass `cls` of a stored JSON object: each field from the key of its name (or
    `given`), its default where the object is older than the field."""
    values: dict[str, Any] = {}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name in given:
            values[field.name] = given[field.name]
        elif field.name in data:
            values[field.name] = data[field.name]
        elif field.default is not MISSING:
            values[field.name] = field.default
        elif field.default_factory is not MISSING:
            values[field.name] = field.default_factory()
        else:
            raise KeyError(f"{cls.__name__}: no {field.name!r} in the stored content")
    return cls(**values)


def participation_fields(window: Window, economies: list[Economy] | int) -> list[dict]:
    """Each year's reports by status, the economies without one and the on-time rate
    (rollups.participation, against all `economies`, or their number), as the documents keep
    them."""
    return [
        {
            "year": year.year,
            "counted": year.counted,
            "economies": year.economies,
            "by_status": year.by_status,
            "missing": year.economies - sum(year.by_status.values()),
            "submitted": year.submitted,
            "on_time": year.on_time,
            "on_time_rate": year.on_time_rate,
            "reopened": year.reopened,
        }
        for year in participation(window, economies)
    ]


def score_fields(score: scoring.Score) -> dict:
    """An area's or objective's progress score (scoring.score_of, the dashboard's function)
    with its n, distribution and change, as the documents keep them (`Progress.load`)."""
    return {
        "score": score.value,
        "score_n": score.n,
        "score_economies": score.economies,
        "distribution": dict(score.counts),
        "score_change": score.change,
        "score_previous_year": score.previous_year,
        # How sure the score and its change are (schema 3 of the review, 2 of the annual
        # report): enough to give the page's Score back (`Progress.score`), so that the files
        # word it with the page's own helpers.
        "score_previous": score.previous,
        "score_no_reports_in": score.no_reports_in,
        "score_interval": _bounds(score.sureness.score),
        "change_interval": _bounds(score.sureness.change),
        "balanced_change": score.sureness.balanced_change,
        "balanced_economies": score.sureness.balanced_economies,
    }


def _bounds(interval: scoring.Interval | None) -> list[float] | None:
    return None if interval is None else [interval.low, interval.high]


@dataclass(frozen=True, slots=True)
class PlanRef:
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class ParticipationYear:
    """A year's reports by status, the economies without one and the on-time rate."""

    year: int
    counted: int
    economies: int
    by_status: dict[str, int]
    missing: int
    submitted: int
    on_time: int
    on_time_rate: float | None
    # Reports of the year reopened after acceptance (not in contents made before it).
    reopened: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    """An area's or objective's progress score, its n, the distribution of the latest
    assessments (by assessment value) and its change on the year before."""

    value: float | None
    n: int
    economies: int
    distribution: dict[str, int]
    change: float | None
    previous_year: int | None
    # The page's sureness: none in contents made before it (`sure` is False).
    sure: bool = False
    previous: float | None = None
    no_reports_in: int | None = None
    interval: tuple[float, float] | None = None
    change_interval: tuple[float, float] | None = None
    balanced_change: float | None = None
    balanced_economies: int = 0

    @classmethod
    def load(cls, data: Stored) -> Progress | None:
        """None for a snapshot taken before the score."""
        if "score" not in data:
            return None
        return cls(
            value=data["score"],
            n=data.get("score_n", 0),
            economies=data.get("score_economies", 0),
            distribution=dict(data.get("distribution") or {}),
            change=data.get("score_change"),
            previous_year=data.get("score_previous_year"),
            sure="score_interval" in data,
            previous=data.get("score_previous"),
            no_reports_in=data.get("score_no_reports_in"),
            interval=_interval(data.get("score_interval")),
            change_interval=_interval(data.get("change_interval")),
            balanced_change=data.get("balanced_change"),
            balanced_economies=data.get("balanced_economies", 0),
        )

    @property
    def score(self) -> scoring.Score:
        """The page's Score of these figures: its interval, change and balanced change read
        with the page's own words (`interval_text`, `change_text`, `balanced_text`)."""
        return scoring.Score(
            counts={value: self.distribution.get(value, 0) for value in scoring.LABELS},
            economies=self.economies,
            previous=self.previous,
            previous_year=self.previous_year,
            no_reports_in=self.no_reports_in,
            sureness=scoring.Sureness(
                score=None if self.interval is None else scoring.Interval(*self.interval),
                change=(
                    None
                    if self.change_interval is None
                    else scoring.Interval(*self.change_interval)
                ),
                balanced_change=self.balanced_change,
                balanced_economies=self.balanced_economies,
            ),
        )


def _interval(bounds: list[float] | None) -> tuple[float, float] | None:
    return None if bounds is None else (bounds[0], bounds[1])


@dataclass(frozen=True, slots=True)
class GeneralYear:
    """A year's general indicators, counted from the records of the counted reports."""

    year: int
    economies: int
    shared: int = 0
    adopted: int = 0
    dialogues: int = 0
    apec_initiatives: int = 0
    supported_activities: int = 0
    # Not in snapshots made before it.
    activity_economies: int | None = None


@dataclass(frozen=True, slots=True)
class PortfolioArea:
    number: int
    name: str
    projects: int
    share: float


class ScoredArea(Protocol):
    """A priority area with its progress score, as the charts and the scores' table draw it:
    the review's and the annual report's areas alike."""

    @property
    def number(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def progress(self) -> Progress | None: ...


class DocumentContent(Protocol):
    """What every document's content holds, read by the shared wording, Word builder, charts and
    print wrapper."""

    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def as_of(self) -> str | None: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def economies(self) -> int: ...
    @property
    def participation(self) -> Sequence[ParticipationYear]: ...
    @property
    def areas(self) -> Sequence[ScoredArea]: ...


def common_parts(content: Stored) -> dict[str, object]:
    """The typed parts every document's content holds, for its loader to give `record`."""
    return {
        "schema_version": content.get("schema_version", 1),
        "plan": record(PlanRef, content["plan"]),
        "participation": participation_of(content),
        "general": general_of(content),
        "commitments": commitments_of(content),
    }


def participation_of(content: Stored) -> list[ParticipationYear]:
    return [record(ParticipationYear, year) for year in content["participation"]]


def general_of(content: Stored) -> list[GeneralYear]:
    return [record(GeneralYear, year) for year in content["general"]]


def portfolio_areas_of(portfolio: Stored) -> list[PortfolioArea]:
    return [record(PortfolioArea, row) for row in portfolio["areas"]]


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """An area's (or the plan's) commitments, as reporting/commitments/figures.py keeps them."""

    number: int | None
    title: str
    made: int
    done: int
    under_way: int
    dropped: int
    overdue: int
    economies: int
    economy_total: int
    economies_label: str


@dataclass(frozen=True, slots=True)
class Commitments:
    year: int
    areas: list[CommitmentRow]
    plan: CommitmentRow


def commitments_of(content: Stored) -> Commitments | None:
    """The commitments' table; None in a content made before commitments were kept."""
    data = content.get("commitments")
    if data is None:
        return None
    return Commitments(
        year=data["year"],
        areas=[record(CommitmentRow, row) for row in data["areas"]],
        plan=record(CommitmentRow, data["plan"]),
    )


def portfolio_figures(found: Portfolio) -> dict[str, Any]:
    """The APEC portfolio's figures the annual report and the review both show first: how many
    projects, over which years, and each area's share."""
    return {
        "total": found.total,
        "years": found.years,
        "areas": [
            {"number": s.area.number, "name": s.area.name, "projects": s.projects, "share": s.share}
            for s in found.areas
        ],
    }

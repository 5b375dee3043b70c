"""The parts of a document's content that the review and the director's annual report both
show, worked out by the same functions and kept under the same keys: each year's participation
and an area's or objective's progress score; and their typed shapes, which the renderers read
(`participation_of`, `scores_of`), from a content of any schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from plans.models import Economy
from reporting.reports import scoring
from reporting.rollups.participation import participation
from reporting.rollups.window import Window


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
        }
        for year in participation(window, economies)
    ]


def score_fields(score: scoring.Score) -> dict:
    """An area's or objective's progress score (scoring.score_of, the dashboard's function)
    with its n, distribution and change. Snapshots taken before the score have none of these
    keys: readers take them with defaults (exports.text.score)."""
    return {
        "score": score.value,
        "score_n": score.n,
        "score_economies": score.economies,
        "distribution": dict(score.counts),
        "score_change": score.change,
        "score_previous_year": score.previous_year,
    }


@dataclass(frozen=True)
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

    @classmethod
    def load(cls, data: Mapping[str, Any]) -> ParticipationYear:
        return cls(**{field.name: data[field.name] for field in fields(cls)})


@dataclass(frozen=True)
class AreaScore:
    """An area's progress score as its charts draw it. Snapshots taken before the score have
    none of its keys: no score, no bar."""

    number: int
    name: str
    score: float | None
    n: int
    economies: int
    distribution: dict[str, int]
    change: float | None
    previous_year: int | None

    @classmethod
    def load(cls, area: Mapping[str, Any]) -> AreaScore:
        return cls(
            number=area["number"],
            name=area["name"],
            score=area.get("score"),
            n=area.get("score_n", 0),
            economies=area.get("score_economies", 0),
            distribution=area.get("distribution", {}),
            change=area.get("score_change"),
            previous_year=area.get("score_previous_year"),
        )


def participation_of(content: Mapping[str, Any]) -> list[ParticipationYear]:
    return [ParticipationYear.load(year) for year in content["participation"]]


def scores_of(content: Mapping[str, Any]) -> list[AreaScore]:
    return [AreaScore.load(area) for area in content["areas"]]

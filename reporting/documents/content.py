"""The parts of a document's content that the review and the director's annual report both
show, worked out by the same functions and kept under the same keys: each year's participation
and an area's or objective's progress score."""

from __future__ import annotations

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

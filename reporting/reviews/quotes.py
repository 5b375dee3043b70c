"""The source of a quote the Chair picked in the passage finder (`passages.py`, which pages
through every passage a review may quote)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import F

from reporting.reports.models import (
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
)
from reporting.reviews.content import window_of
from reporting.reviews.models import QuoteSource, Review

# The passages of the finder (reporting/reviews/passages.py) that are one field of a record.
RECORD_SOURCES: dict[str, tuple[type[Initiative | BestPractice | DialogueSession], str]] = {
    QuoteSource.INITIATIVE_LESSON: (Initiative, "lessons_learned"),
    QuoteSource.BEST_PRACTICE: (BestPractice, "description"),
    QuoteSource.DIALOGUE: (DialogueSession, "title"),
}


def quote_source(review: Review, *, source: str, source_id: int) -> dict:
    """The passage to quote, read again from a counted report of the review's window, with
    its area and attribution; LookupError when it is not one the review may quote."""
    reports = window_of(review).reports()
    row: Mapping[str, Any] | None
    if source == QuoteSource.MEASURE:
        row = (
            MeasureEntry.objects.filter(report__in=reports, pk=source_id)
            .exclude(narrative="")
            .values("narrative", "measure__area_id", "report__economy_id", "report__cycle__year")
            .first()
        )
    elif source == QuoteSource.INITIATIVE:
        row = (
            Initiative.objects.filter(report__in=reports, pk=source_id)
            .values(
                "lessons_learned",
                "description",
                "area_id",
                "report__economy_id",
                "report__cycle__year",
            )
            .first()
        )
        if row:
            row = {
                "narrative": row["description"] or row["lessons_learned"],
                "measure__area_id": row["area_id"],
                "report__economy_id": row["report__economy_id"],
                "report__cycle__year": row["report__cycle__year"],
            }
    elif source == QuoteSource.LESSON:
        row = (
            EconomyReport.objects.filter(pk__in=reports.values("pk"), pk=source_id)
            .exclude(lessons_learned="")
            .values("economy_id", "cycle__year", narrative=F("lessons_learned"))
            .first()
        )
        if row:
            row = {
                "narrative": row["narrative"],
                "measure__area_id": None,
                "report__economy_id": row["economy_id"],
                "report__cycle__year": row["cycle__year"],
            }
    elif source in RECORD_SOURCES:
        model, field = RECORD_SOURCES[source]
        found = (
            model._default_manager.filter(report__in=reports, pk=source_id)
            .values(field, "area_id", "report__economy_id", "report__cycle__year")
            .first()
        )
        row = found and {
            "narrative": found[field],
            "measure__area_id": found["area_id"],
            "report__economy_id": found["report__economy_id"],
            "report__cycle__year": found["report__cycle__year"],
        }
    else:
        row = None
    if not row or not row["narrative"]:
        raise LookupError(source, source_id)
    return {
        "text": row["narrative"],
        "area_id": row["measure__area_id"],
        "economy_id": row["report__economy_id"],
        "year": row["report__cycle__year"],
    }

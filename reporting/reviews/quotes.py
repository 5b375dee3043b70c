"""The passages a review may quote: the candidates its page offers per area, and the source of
a quote the Chair picked (the passage finder, `passages.py`, pages through every passage)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import F, Q
from django.db.models import Window as SqlWindow
from django.db.models.functions import RowNumber

from reporting.reports.models import (
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
)
from reporting.reviews.content import window_of
from reporting.reviews.models import QuoteSource, Review

CANDIDATES_PER_AREA = 6
# The review page offers passages to quote from this many of the latest counted reports (two
# years of APEC's 21), so that its cost does not grow with the reports; the passage finder
# pages through every passage.
CANDIDATE_REPORTS = 42


def quote_candidates(review: Review) -> dict[int | None, list[dict]]:
    """Passages the Chair may quote, per area (None: the general lessons learned), the latest
    first, a few per area and source from the latest `CANDIDATE_REPORTS` counted reports,
    leaving out those already chosen (four queries)."""
    window = window_of(review)
    latest_reports = window.reports().order_by("-cycle__year", "economy__position", "pk")
    # Read once; never an empty list (no report has the id 0): each source still runs its query.
    ids = list(latest_reports.values_list("pk", flat=True)[:CANDIDATE_REPORTS])
    reports = EconomyReport.objects.filter(pk__in=ids or [0])
    chosen = set(review.quotes.values_list("source", "source_id")) if review.pk else set()
    latest = [F("report__cycle__year").desc(), F("report__economy__position").asc()]
    found: dict[int | None, list[dict]] = defaultdict(list)

    def add(source: str, rows) -> None:
        for row in rows:
            if (source, row["pk"]) not in chosen:
                area = row.pop("area_id", row.get("area"))
                found[area].append({**row, "area": area, "source": source})

    add(
        QuoteSource.MEASURE,
        MeasureEntry.objects.filter(report__in=reports)
        .exclude(narrative="")
        .annotate(
            rank=SqlWindow(RowNumber(), partition_by=[F("measure__area_id")], order_by=latest)
        )
        .filter(rank__lte=CANDIDATES_PER_AREA)
        .values(
            "pk",
            text=F("narrative"),
            area=F("measure__area_id"),
            year=F("report__cycle__year"),
            economy_name=F("report__economy__short_name"),
        ),
    )
    add(
        QuoteSource.INITIATIVE,
        Initiative.objects.filter(report__in=reports)
        .filter(~Q(lessons_learned="") | ~Q(description=""))
        .annotate(rank=SqlWindow(RowNumber(), partition_by=[F("area_id")], order_by=latest))
        .filter(rank__lte=CANDIDATES_PER_AREA)
        .values(
            "pk",
            "title",
            "description",
            "lessons_learned",
            "area_id",
            year=F("report__cycle__year"),
            economy_name=F("report__economy__short_name"),
        ),
    )
    add(
        QuoteSource.LESSON,
        reports.exclude(lessons_learned="")
        .order_by("-cycle__year", "economy__position")
        .values(
            "pk",
            text=F("lessons_learned"),
            year=F("cycle__year"),
            economy_name=F("economy__short_name"),
        )[: CANDIDATES_PER_AREA * 2],
    )
    for rows in found.values():
        for row in rows:
            if row["source"] == QuoteSource.INITIATIVE:
                # The description; its lessons learned are a passage of their own in the finder.
                description, lessons = row.pop("description"), row.pop("lessons_learned")
                row["text"] = description or lessons
    return found


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

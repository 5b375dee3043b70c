"""The lessons learned of the counted reports, attributed to economy and year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from reporting.reports.models import ApecActivity, EconomyReport, Initiative
from reporting.rollups.window import Window


@dataclass(frozen=True)
class Lesson:
    economy: str
    year: int
    source: str
    text: str


REPORT_LESSON = "Report"
# The dashboard shows the most recent lessons and says so; the reviews show every one.
LESSONS_SHOWN = 30


def lessons_learned(
    window: Window, *, limit: int | None = LESSONS_SHOWN, economy_ids: list[int] | None = None
) -> list[Lesson]:
    """The latest lessons learned, attributed to economy and year (one query per source); all
    of them with `limit=None` (the reviews, which must be complete), or all those of the
    economies `economy_ids` (the review's body: the most recent of each of a page of economies).

    With a limit, the lessons are read from the first `limit` counted reports holding any, in
    the order shown (latest year first, then by economy): each holds at least one, so the
    lessons shown are among theirs, and each source returns at most `limit` rows, however many
    reports the window counts."""
    reports = window.reports()
    if economy_ids is not None:
        reports = reports.filter(economy_id__in=economy_ids)
    if limit is not None:
        with_lessons = reports.filter(
            ~Q(lessons_learned="")
            | Exists(ApecActivity.objects.filter(report=OuterRef("pk")).exclude(lessons_learned=""))
            | Exists(Initiative.objects.filter(report=OuterRef("pk")).exclude(lessons_learned=""))
        ).order_by("-cycle__year", "economy__short_name", "pk")
        # Read once; never an empty list (no report has the id 0), so that each source still
        # runs its one query when no report holds a lesson.
        ids = list(with_lessons.values_list("pk", flat=True)[:limit])
        reports = EconomyReport.objects.filter(pk__in=ids or [0])
    sources = [
        (REPORT_LESSON, reports, ""),
        ("APEC activity", ApecActivity.objects.filter(report__in=reports), "report__"),
        ("Initiative", Initiative.objects.filter(report__in=reports), "report__"),
    ]
    found: list[Lesson] = []
    for source, queryset, prefix in sources:
        rows = (
            queryset.exclude(lessons_learned="")
            # The record's id last: the same lessons in the same order on every database, a
            # restored copy included.
            .order_by(f"-{prefix}cycle__year", f"{prefix}economy__short_name", "pk")
            .values_list(f"{prefix}economy__short_name", f"{prefix}cycle__year", "lessons_learned")
        )
        found.extend(Lesson(economy, year, source, text) for economy, year, text in rows[:limit])
    found.sort(key=lambda lesson: (-lesson.year, lesson.economy))
    return found[:limit]

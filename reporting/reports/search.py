"""The stored full-text search vectors of the report records (PostgreSQL), and which fields of
which records are searched: the reports' side of search, kept by the services that write them.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection

from reporting.reports.models import (
    ApecActivity,
    EconomyReport,
    Initiative,
    MeasureEntry,
)

SearchedModel = type[MeasureEntry] | type[Initiative] | type[EconomyReport] | type[ApecActivity]

# kind, model, the path to the report, the fields searched, the title field, the area path
SOURCES: list[tuple[str, SearchedModel, str, list[str], str | None, str | None]] = [
    (
        "Measure narrative",
        MeasureEntry,
        "report",
        ["narrative"],
        "measure__text",
        "measure__area__number",
    ),
    (
        "Initiative",
        Initiative,
        "report",
        ["title", "description", "lessons_learned"],
        "title",
        "area__number",
    ),
    (
        "Report",
        EconomyReport,
        "",
        ["lessons_learned", "broader_priorities_contribution"],
        None,
        None,
    ),
    (
        "APEC activity",
        ApecActivity,
        "report",
        ["title", "lessons_learned"],
        "title",
        "area__number",
    ),
]


def refresh_search_vectors(report_ids) -> None:
    """Recompute the stored search vectors of these reports' records (PostgreSQL only).

    Called by every service that writes narratives, in its transaction.
    """
    if connection.vendor != "postgresql":
        return
    for _kind, model, report_path, fields, _title, _area in SOURCES:
        rows = model.objects.filter(**{f"{report_path or 'pk'}__in": report_ids})
        rows.update(search_vector=SearchVector(*fields, config="english"))


def refresh_row_search_vectors(model, ids: list[int]) -> None:
    """Recompute the stored search vectors of these rows of one model, in one statement, and of
    no others: the rows a section's save wrote (PostgreSQL only; nothing for a model not
    searched).

    Called by reporting.reports.rows and SectionForms.save, in the save's transaction.
    """
    if connection.vendor != "postgresql" or not ids:
        return
    for _kind, searched, _report_path, fields, _title, _area in SOURCES:
        if searched is model:
            rows = model.objects.filter(pk__in=ids)
            rows.update(search_vector=SearchVector(*fields, config="english"))

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
    ReportSection,
)

# Which section writes which records: a priority area's section its entries and initiatives (by
# this path to the area), the general indicators the report's narratives and APEC activities.
AREA_PATHS = {MeasureEntry: "measure__area", Initiative: "area"}
GENERAL_MODELS = (EconomyReport, ApecActivity)

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


def refresh_section_search_vectors(section: ReportSection) -> None:
    """Recompute the search vectors of the records this section writes, and no others: saves of
    different sections of one report then update different rows (PostgreSQL only).

    Called by reporting.reports.services.section_save, in its transaction.
    """
    if connection.vendor != "postgresql":
        return
    for _kind, model, report_path, fields, _title, _area in SOURCES:
        rows = model.objects.filter(**{report_path or "pk": section.report_id})
        if section.area_id is None:
            if model not in GENERAL_MODELS:
                continue
        elif model in AREA_PATHS:
            rows = rows.filter(**{AREA_PATHS[model]: section.area_id})
        else:
            continue
        rows.update(search_vector=SearchVector(*fields, config="english"))

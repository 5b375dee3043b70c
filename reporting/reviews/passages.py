"""The passage finder: every passage of the review's counted reports that the Chair may quote,
filtered and searched, one page at a time.

Passages are measure narratives, initiative descriptions and lessons learned, the reports' own
lessons learned, best practices and dialogues, of the accepted reports of the review's window
(`window.reports()`: drafts, submitted and returned reports never appear). Every source is one
SELECT of the same columns; their UNION is counted and sliced by the database, so a page costs
two queries whatever the data's size.

Search: on PostgreSQL, full text with ranking, on the vectors the report services store
(reporting/reports/search.py); best practices and dialogues, which have none stored, are few and
matched on the fly. On SQLite, a plain case-insensitive match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, F, FloatField, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from reporting.reports.models import BestPractice, DialogueSession, Initiative, MeasureEntry
from reporting.reviews.content import window_of
from reporting.reviews.models import QuoteSource, Review

PER_PAGE = 20
COLUMNS = (
    "p_source",
    "p_pk",
    "p_text",
    "p_context",
    "p_economy",
    "p_code",
    "p_year",
    "p_area",
    "p_rank",
)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    area: int | None = None  # the area's number
    objective: int | None = None  # the objective's id
    measure: int | None = None  # the measure's id
    economy: str = ""  # the economy's code
    year: int | None = None
    target_group: str = ""  # the group's slug


def find_passages(review: Review, filters: Filters) -> QuerySet:
    """The passages matching the filters, best first (by rank when searching on PostgreSQL,
    then the newest, then by economy): a union queryset of COLUMNS rows."""
    window = window_of(review)
    reports = window.reports()
    if filters.year:
        reports = reports.filter(cycle__year=filters.year)
    if filters.economy:
        reports = reports.filter(economy__code=filters.economy)
    postgres = connection.vendor == "postgresql"
    query = SearchQuery(filters.q, search_type="websearch", config="english") if postgres else None
    parts = []

    def add(source: str, queryset: QuerySet, *, text: str, context, report: str, area, vector):
        """One source: its rows in the counted reports, with the union's columns."""
        prefix = f"{report}__" if report else ""
        queryset = queryset.filter(**{f"{report or 'pk'}__in": reports.values("pk")}).exclude(
            **{text: ""}
        )
        rank: Value | SearchRank = Value(0.0, output_field=FloatField())
        if filters.q and postgres and query is not None:
            if vector is None:
                vector = SearchVector(
                    *([text] if isinstance(text, str) else text), config="english"
                )
                queryset = queryset.annotate(p_vector=vector).filter(p_vector=query)
                rank = SearchRank(F("p_vector"), query)
            else:
                queryset = queryset.filter(**{vector: query})
                rank = SearchRank(F(vector), query)
        elif filters.q:
            queryset = queryset.filter(**{f"{text}__icontains": filters.q})
        parts.append(
            queryset.values(
                p_source=Value(str(source), output_field=CharField()),
                p_pk=F("pk"),
                p_text=Cast(F(text), CharField()),
                p_context=context,
                p_economy=F(f"{prefix}economy__short_name"),
                p_code=F(f"{prefix}economy__code"),
                p_year=F(f"{prefix}cycle__year"),
                p_area=area,
                p_rank=rank,
            ).order_by()
        )

    no_area = Value(None, output_field=IntegerField())
    only_initiatives = filters.objective or filters.target_group
    # Measure narratives: of the measure, or of the measures in the objective's row of the plan.
    if not filters.target_group:
        entries = MeasureEntry.objects.all()
        if filters.area:
            entries = entries.filter(measure__area__number=filters.area)
        if filters.measure:
            entries = entries.filter(measure_id=filters.measure)
        if filters.objective:
            entries = entries.filter(
                measure__area__objectives__pk=filters.objective,
                measure__row=F("measure__area__objectives__row"),
            )
        add(
            QuoteSource.MEASURE,
            entries,
            text="narrative",
            context=Cast(F("measure__text"), CharField()),
            report="report",
            area=F("measure__area__number"),
            vector="search_vector",
        )
    if not filters.measure:
        initiatives = Initiative.objects.all()
        if filters.area:
            initiatives = initiatives.filter(area__number=filters.area)
        if filters.objective:
            initiatives = initiatives.filter(objectives__pk=filters.objective)
        if filters.target_group:
            initiatives = initiatives.filter(target_groups__slug=filters.target_group)
        for source, text in (
            (QuoteSource.INITIATIVE, "description"),
            (QuoteSource.INITIATIVE_LESSON, "lessons_learned"),
        ):
            add(
                source,
                initiatives,
                text=text,
                context=Cast(F("title"), CharField()),
                report="report",
                area=F("area__number"),
                vector="search_vector",
            )
    if not (filters.measure or only_initiatives):
        if not filters.area:  # a report's lessons belong to no area
            add(
                QuoteSource.LESSON,
                reports.model.objects.all(),
                text="lessons_learned",
                context=Value("Lessons learned of the report", output_field=CharField()),
                report="",
                area=no_area,
                vector="search_vector",
            )
        practices = BestPractice.objects.all()
        dialogues = DialogueSession.objects.all()
        if filters.area:
            practices = practices.filter(area__number=filters.area)
            dialogues = dialogues.filter(area__number=filters.area)
        add(
            QuoteSource.BEST_PRACTICE,
            practices,
            text="description",
            context=Cast(F("title"), CharField()),
            report="report",
            area=F("area__number"),
            vector=None,
        )
        add(
            QuoteSource.DIALOGUE,
            dialogues,
            text="title",
            context=Cast(F("where"), CharField()),
            report="report",
            area=F("area__number"),
            vector=None,
        )
    first, *rest = parts
    return first.union(*rest, all=True).order_by(
        "-p_rank", "-p_year", "p_economy", "p_source", "p_pk"
    )


def passage(row: dict) -> dict:
    """A found row as the page shows it."""
    return {
        "source": row["p_source"],
        "source_label": QuoteSource(row["p_source"]).label,
        "pk": row["p_pk"],
        "text": row["p_text"],
        "context": row["p_context"] or "",
        "economy": row["p_economy"],
        "code": row["p_code"],
        "year": row["p_year"],
        "area": row["p_area"],
        "value": f"{row['p_source']}:{row['p_pk']}",
    }

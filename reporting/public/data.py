"""The public data as CSV files and their Frictionless Data Package: one registry of resources,
each with its columns (name, type, description) and the rows it reads from the publication
layer (published.py) alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from reporting.public import published


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, date, datetime
    description: str


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[tuple[Any, ...]]]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def url(self) -> str:
        return reverse("public:data-file", kwargs={"name": self.name})


def _report_rows() -> Iterable[tuple[Any, ...]]:
    for report in published.released_reports():
        yield (
            report.cycle.year,
            report.economy.code,
            report.economy.name,
            report.cycle.plan.code,
            report.released_at.isoformat() if report.released_at else "",
        )


def _entry_rows() -> Iterable[tuple[Any, ...]]:
    for content in published.public_contents(list(published.released_reports())):
        for entry in content.entries:
            yield (
                content.year,
                content.economy_code,
                entry.measure,
                entry.assessment,
                "" if entry.value is None else entry.value,
                entry.unit,
                entry.reference_year or "",
                entry.source,
                entry.narrative,
            )


def _initiative_rows() -> Iterable[tuple[Any, ...]]:
    for content in published.public_contents(list(published.released_reports())):
        for initiative in content.initiatives:
            yield (
                content.year,
                content.economy_code,
                initiative.area,
                initiative.title,
                initiative.kind,
                " ".join(initiative.objectives),
                initiative.description,
            )


def _area_score_rows() -> Iterable[tuple[Any, ...]]:
    for document in published.published_documents():
        for area in document.areas:
            yield (
                document.plan_code,
                document.kind,
                document.year,
                area.number,
                area.name,
                "" if area.score is None else area.score,
                area.n,
                area.economies,
            )


YEAR = Column("year", "integer", "The reporting year.")
ECONOMY = Column("economy", "string", "The economy's APEC code, e.g. CHL.")

RESOURCES: tuple[Resource, ...] = (
    Resource(
        "released-reports",
        "Released reports",
        "The economies' accepted reports that each economy released to the public.",
        (
            YEAR,
            ECONOMY,
            Column("economy_name", "string", "The economy's official name."),
            Column("plan", "string", "The strategic plan's code, e.g. 2025-2028."),
            Column("released_at", "datetime", "When the economy released the report (UTC)."),
        ),
        _report_rows,
    ),
    Resource(
        "measure-entries",
        "Measures of progress in the released reports",
        "Each released report's answer on each measure of progress; a narrative the economy "
        "keeps for members is left empty.",
        (
            YEAR,
            ECONOMY,
            Column("measure", "string", "The measure's number: area.measure, e.g. 1.2."),
            Column("assessment", "string", "The economy's assessment of its progress."),
            Column("value", "number", "The reported value, in the unit given."),
            Column("unit", "string", "The value's unit."),
            Column("reference_year", "integer", "The year the value refers to."),
            Column("source", "string", "The data source the economy named."),
            Column("narrative", "string", "The economy's narrative, when public."),
        ),
        _entry_rows,
    ),
    Resource(
        "initiatives",
        "Initiatives in the released reports",
        "The public initiatives of the released reports.",
        (
            YEAR,
            ECONOMY,
            Column("area", "integer", "The priority area's number."),
            Column("title", "string", "The initiative's title."),
            Column("kind", "string", "The initiative's type."),
            Column("objectives", "string", "The objectives it addresses, space separated."),
            Column("description", "string", "The economy's description."),
        ),
        _initiative_rows,
    ),
    Resource(
        "area-scores",
        "Progress score by priority area in the published documents",
        "The progress score of each priority area as frozen in each published annual report "
        "and review.",
        (
            Column("plan", "string", "The strategic plan's code."),
            Column(
                "document",
                "string",
                "The published document: annual (the program director's annual report), "
                "midterm or final (the Chair's review).",
            ),
            Column("year", "integer", "The annual report's year, or the review's last year."),
            Column("area", "integer", "The priority area's number."),
            Column("area_name", "string", "The priority area's name."),
            Column("score", "number", "The progress score, 0 to 1."),
            Column("n", "integer", "How many assessments the score rests on."),
            Column("economies", "integer", "How many economies the plan counts."),
        ),
        _area_score_rows,
    ),
)

RESOURCE_BY_NAME = {resource.name: resource for resource in RESOURCES}


def datapackage(*, base_url: str) -> dict[str, Any]:
    """The Frictionless Data Package describing every CSV file and column."""
    as_of = published.as_of()
    # "created" is a date when given (the Data Package schema): left out before any release.
    created = {"created": as_of.isoformat()} if as_of else {}
    return {
        "profile": "tabular-data-package",
        "name": "apec-smewg-published-results",
        "title": "APEC SMEWG Strategic Plan: published results",
        "description": "The reports economies released and the annual reports the SMEWG "
        "published, as of the latest release or publication.",
        **created,
        "licenses": [published.LICENCE],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": resource.name,
                "title": resource.title,
                "description": resource.description,
                "path": base_url + resource.url,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "description": c.description}
                        for c in resource.columns
                    ]
                },
            }
            for resource in RESOURCES
        ],
    }

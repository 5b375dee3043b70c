"""What a report's pages say of adoptions: where each of its adopted best practices came from,
and which economies adopted each of its records ("adopted by Peru (2026), Viet Nam (2027)").

Only adoptions in accepted reports are told to others: a draft's link is its economy's own
business until the report is accepted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from reporting.reports.models import Adoption, EconomyReport, ReportStatus


@dataclass(frozen=True)
class SourceLine:
    """Where an adopted best practice came from, as the adopting report shows it."""

    text: str  # “Chile's 2025 report, best practice “One-stop shop””
    url: str | None  # the source report's page, or the meeting's
    what_changed: str


def source_text(adoption: Adoption) -> tuple[str, str | None]:
    """The source's words and address: the adoption's source loaded with its report's economy
    and cycle, or its meeting and economy."""
    if adoption.source_meeting_practice is not None:
        shared = adoption.source_meeting_practice
        url = reverse("projects:meeting-detail", args=[shared.meeting.number])
        return f"{shared.meeting}, shared by {shared.economy.short_name}: “{shared.title}”", url
    record = adoption.source_practice or adoption.source_initiative
    assert record is not None
    report = record.report
    kind = "best practice" if adoption.source_practice is not None else "initiative"
    url = reverse("reporting:report-detail", args=[report.cycle.year, report.economy.code])
    text = f"{report.economy.short_name}'s {report.cycle.year} report, {kind} “{record.title}”"
    return text, url


SOURCE_RELATED = (
    "source_practice__report__economy",
    "source_practice__report__cycle",
    "source_initiative__report__economy",
    "source_initiative__report__cycle",
    "source_meeting_practice__meeting",
    "source_meeting_practice__economy",
)


def sources_of(report: EconomyReport) -> dict[int, SourceLine]:
    """The source of each of the report's adopted best practices, by the practice's id (one
    query)."""
    lines = {}
    for adoption in Adoption.objects.filter(practice__report=report).select_related(
        *SOURCE_RELATED
    ):
        text, url = source_text(adoption)
        lines[adoption.practice_id] = SourceLine(text, url, adoption.what_changed)
    return lines


def adopted_by_wording(adopters: list[tuple[str, int]]) -> str:
    """“Peru (2026), Viet Nam (2027)”: each adopting economy with the year of its report."""
    return ", ".join(f"{economy} ({year})" for economy, year in adopters)


def adopted_by(adoptions: QuerySet[Adoption], source_field: str) -> dict[int, str]:
    """Who adopted each source (by the source's id through `source_field`), from accepted
    reports, oldest first (one query)."""
    adopters: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for source_id, economy, year in (
        adoptions.filter(
            **{f"{source_field}__isnull": False},
            practice__report__status=ReportStatus.ACCEPTED,
        )
        .order_by("practice__report__cycle__year", "practice__report__economy__position")
        .values_list(
            source_field, "practice__report__economy__short_name", "practice__report__cycle__year"
        )
    ):
        adopters[source_id].append((economy, year))
    return {source_id: adopted_by_wording(rows) for source_id, rows in adopters.items()}


def meeting_practices_adopted_by(practice_ids: list[int]) -> dict[int, str]:
    """Who adopted each best practice shared at a meeting (the meeting's page, through
    plans.meetings.adoptions, with which reporting.apps registers this function)."""
    return adopted_by(
        Adoption.objects.filter(source_meeting_practice__in=practice_ids),
        "source_meeting_practice",
    )


@dataclass(frozen=True)
class ReportAdoptions:
    """For a report's page: its adopted practices' sources, and who adopted its records."""

    sources: dict[int, SourceLine]  # by the adopting best practice's id
    practices_adopted_by: dict[int, str]  # by the report's best practice's id
    initiatives_adopted_by: dict[int, str]  # by the report's initiative's id


def report_adoptions(report: EconomyReport) -> ReportAdoptions:
    """Three queries."""
    return ReportAdoptions(
        sources=sources_of(report),
        practices_adopted_by=adopted_by(
            Adoption.objects.filter(source_practice__report=report), "source_practice"
        ),
        initiatives_adopted_by=adopted_by(
            Adoption.objects.filter(source_initiative__report=report), "source_initiative"
        ),
    )

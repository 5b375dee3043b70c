"""What the public site may show, and the only reads its views make.

Public pages read released reports (accepted, released by their economy's delegate), published
annual reports (final, published by the program director, their figures from the frozen
snapshot alone) and the catalogue. Each public record is a dataclass that copies the public
fields and nothing else: a members-only narrative, initiative or lesson, an evidence file, a
draft, submitted or returned report cannot reach a template, because no function here reads
them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Max, QuerySet
from django.http import Http404
from django.urls import reverse

from plans.catalogue import rounding
from plans.meetings.models import MeetingBestPractice
from plans.models import Economy, PriorityArea, StrategicPlan
from reporting.annual.models import AnnualReport, AnnualStatus
from reporting.annual.schema import AnnualContent, load_annual
from reporting.documents.models import DocumentStatus
from reporting.public.threads import PublicThread, released_threads
from reporting.reports.models import EconomyReport, Initiative, MeasureEntry, ReportStatus
from reporting.reviews.models import Review, ReviewKind
from reporting.reviews.schema import ReviewContent, load_review

# The licence under which the public data is published (the data package states it too).
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def released_reports() -> QuerySet[EconomyReport]:
    """Accepted reports that their economy released: a reopened report is neither."""
    return (
        EconomyReport.objects.filter(status=ReportStatus.ACCEPTED, released_at__isnull=False)
        .select_related("cycle", "cycle__plan", "economy")
        .order_by("-cycle__year", "economy__position")
    )


def published_annual_reports() -> QuerySet[AnnualReport]:
    """Final annual reports that the program director published."""
    return (
        AnnualReport.objects.filter(status=AnnualStatus.FINAL, published_at__isnull=False)
        .exclude(frozen_content="")
        .select_related("plan")
        .order_by("-year", "-published_at")
    )


# The files of a published document that anyone may download (reporting/documents/formats.py).
PUBLIC_FORMATS = ("docx", "pdf")


def published_reviews() -> QuerySet[Review]:
    """Final reviews that the Chair published, without their annexes (the body is enough)."""
    return (
        Review.objects.filter(status=DocumentStatus.FINAL, published_at__isnull=False)
        .exclude(frozen_content="")
        .defer("frozen_content")
        .select_related("plan")
        .order_by("-end_year", "-published_at")
    )


def current_plan() -> StrategicPlan | None:
    """The plan the public home page shows: the latest by its first year."""
    return StrategicPlan.objects.with_structure().order_by("-start_year").first()


def earlier_plans() -> list[StrategicPlan]:
    """The plans before the current one for which the program director reported figures outside
    the app (plans.results): catalogue data, quoted word for word from documents the SMEWG
    published, and labelled so wherever they are shown."""
    current = current_plan()
    found = StrategicPlan.objects.filter(reported_figures__isnull=False).distinct()
    return [plan for plan in found.order_by("-start_year") if plan != current]


def as_of() -> datetime.datetime | None:
    """When the public data last changed: the latest release or publication."""
    released = released_reports().aggregate(latest=Max("released_at"))["latest"]
    published = published_annual_reports().aggregate(latest=Max("published_at"))["latest"]
    reviewed = published_reviews().aggregate(latest=Max("published_at"))["latest"]
    dates = [d for d in (released, published, reviewed) if d is not None]
    return max(dates) if dates else None


@dataclass(frozen=True)
class PublicEntry:
    area: int
    measure: str
    measure_text: str
    assessment: str
    value: Decimal | None
    unit: str
    reference_year: int | None
    source: str
    narrative: str


@dataclass(frozen=True)
class PublicInitiative:
    area: int
    title: str
    kind: str
    description: str
    lessons_learned: str
    objectives: list[str]


@dataclass(frozen=True)
class PublicArea:
    number: int
    name: str
    entries: list[PublicEntry] = field(default_factory=list)
    initiatives: list[PublicInitiative] = field(default_factory=list)


@dataclass(frozen=True)
class PublicReport:
    year: int
    plan_code: str
    economy_code: str
    economy_name: str
    released_at: datetime.datetime
    lessons_learned: str
    broader_priorities_contribution: str
    areas: list[PublicArea]
    # The questions and answers released with it (reporting/public/threads.py).
    threads: list[PublicThread] = field(default_factory=list)

    @property
    def url(self) -> str:
        return public_report_url(self.year, self.economy_code)

    @property
    def entries(self) -> list[PublicEntry]:
        return [entry for area in self.areas for entry in area.entries]

    @property
    def initiatives(self) -> list[PublicInitiative]:
        return [initiative for area in self.areas for initiative in area.initiatives]


def public_report_url(year: int, code: str) -> str:
    return reverse("public:report", kwargs={"year": year, "code": code})


def public_content(report: EconomyReport) -> PublicReport:
    """The public part of a report: what its release shows. The delegate's preview reads this
    for a report not yet released; the public pages only for released ones (released_report)."""
    return public_contents([report])[0]


def public_contents(reports: list[EconomyReport]) -> list[PublicReport]:
    """The public parts of several reports (the data files), in the same four queries as one:
    the plans' areas, the entries with their measures, the public initiatives, their
    objectives."""
    if not reports:
        return []
    ids = [report.pk for report in reports]
    areas = list(
        PriorityArea.objects.filter(plan__in={r.cycle.plan_id for r in reports}).order_by("number")
    )
    entries = (
        MeasureEntry.objects.filter(report__in=ids)
        .select_related("measure", "measure__area")
        .order_by("measure__area__number", "measure__number")
    )
    initiatives = (
        Initiative.objects.filter(report__in=ids, members_only=False)
        .select_related("area")
        .prefetch_related("objectives")
        .order_by("area__number", "pk")
    )
    by_report: dict[int, dict[int, PublicArea]] = {
        report.pk: {
            area.number: PublicArea(number=area.number, name=area.name)
            for area in areas
            if area.plan_id == report.cycle.plan_id
        }
        for report in reports
    }
    for entry in entries:
        number = entry.measure.area.number
        by_report[entry.report_id][number].entries.append(
            PublicEntry(
                area=number,
                measure=f"{number}.{entry.measure.number}",
                measure_text=entry.measure.text,
                assessment=entry.get_assessment_display() if entry.assessment else "",
                value=entry.value,
                unit=entry.unit,
                reference_year=entry.reference_year,
                source=entry.source,
                narrative="" if entry.members_only else entry.narrative,
            )
        )
    for initiative in initiatives:
        by_report[initiative.report_id][initiative.area.number].initiatives.append(
            _public_initiative(initiative)
        )
    return [
        PublicReport(
            year=report.cycle.year,
            plan_code=report.cycle.plan.code,
            economy_code=report.economy.code,
            economy_name=report.economy.name,
            released_at=report.released_at or report.reviewed_at or report.created_at,
            lessons_learned="" if report.lessons_members_only else report.lessons_learned,
            broader_priorities_contribution=report.broader_priorities_contribution,
            areas=list(by_report[report.pk].values()),
        )
        for report in reports
    ]


def _public_initiative(initiative: Initiative) -> PublicInitiative:
    """An initiative's public fields: never its evidence link or files."""
    number = initiative.area.number
    return PublicInitiative(
        area=number,
        title=initiative.title,
        kind=initiative.get_kind_display() if initiative.kind else "",
        description=initiative.description,
        lessons_learned=initiative.lessons_learned,
        objectives=[f"{number}.{o.number}" for o in initiative.objectives.all()],
    )


def released_report(year: int, code: str) -> PublicReport:
    """The released report of that year and economy, with the threads released with it; or 404."""
    report = released_reports().filter(cycle__year=year, economy__code=code).first()
    if report is None:
        raise Http404("No released report.")
    return replace(public_content(report), threads=released_threads(report))


def released_economy(code: str) -> tuple[Economy, list[EconomyReport]]:
    """An economy that released at least one report, with its released reports; or 404."""
    reports = list(released_reports().filter(economy__code=code))
    if not reports:
        raise Http404("No released report of this economy.")
    return reports[0].economy, reports


def released_initiatives(economy: Economy) -> list[PublicInitiative]:
    """The economy's public initiatives in all its released reports (and no other), by area."""
    initiatives = (
        Initiative.objects.filter(
            report__in=released_reports().filter(economy=economy), members_only=False
        )
        .select_related("area")
        .prefetch_related("objectives")
        .order_by("area__number", "-report__cycle__year", "pk")
    )
    return [_public_initiative(initiative) for initiative in initiatives]


@dataclass(frozen=True)
class SharedPractice:
    """A best practice the economy shared at a SMEWG meeting (the catalogue of meetings)."""

    title: str
    description: str
    area: str
    meeting: str
    date: datetime.date


def shared_practices(economy: Economy) -> list[SharedPractice]:
    """The best practices the economy shared at SMEWG meetings, the latest meeting first."""
    practices = (
        MeetingBestPractice.objects.filter(economy=economy)
        .select_related("meeting", "area")
        .order_by("-meeting__number", "pk")
    )
    return [
        SharedPractice(
            title=practice.title,
            description=practice.description,
            area=f"{practice.area.number}. {practice.area.name}" if practice.area else "",
            meeting=str(practice.meeting),
            date=practice.meeting.start_date,
        )
        for practice in practices
    ]


@dataclass(frozen=True)
class PublicAreaScore:
    number: int
    name: str
    score: float | None
    n: int
    economies: int

    @property
    def text(self) -> str:
        """“57 %”, written as every page and file writes a score."""
        return rounding.percent(self.score, none="No score")


@dataclass(frozen=True)
class PublicDocument:
    """A published annual report or review, its figures read from its frozen snapshot alone.
    `kind`: "annual", or the review's kind ("midterm", "final")."""

    kind: str
    title: str
    year: int
    plan_code: str
    published_at: datetime.datetime
    # When its figures were frozen: the data's "as of" date.
    as_of: datetime.datetime | None
    presented_at: str
    introduction: str
    method: str
    areas: list[PublicAreaScore]

    @property
    def is_review(self) -> bool:
        return self.kind in ReviewKind.values

    @property
    def url(self) -> str:
        return reverse("public:document", kwargs=self.url_kwargs)

    @property
    def url_kwargs(self) -> dict[str, str | int]:
        """The document's address under /public/documents/: the plan, then the annual report's
        year or the review's kind."""
        return {"code": self.plan_code, "key": self.kind if self.is_review else str(self.year)}

    @property
    def download_urls(self) -> dict[str, str]:
        """The addresses of its public files: Word and PDF."""
        return {
            fmt: reverse("public:document-download", kwargs={**self.url_kwargs, "fmt": fmt})
            for fmt in PUBLIC_FORMATS
        }


def public_document(report: AnnualReport) -> PublicDocument:
    """The published report's public part, read from its frozen content (reporting.annual's
    loader: a snapshot of any schema)."""
    content = load_annual(report.snapshot) if report.snapshot else None
    return _document(
        content,
        kind="annual",
        title=str(report),
        year=report.year,
        plan_code=report.plan.code,
        published_at=report.published_at or report.updated_at,
        presented_at=content.presented_at if content else "",
        introduction=content.introduction if content else "",
    )


def public_review(review: Review) -> PublicDocument:
    """A published review, read from its frozen body (the snapshot without its annexes) through
    reporting.reviews' loader."""
    snapshot = review.body_snapshot or review.snapshot
    content = load_review(snapshot) if snapshot else None
    return _document(
        content,
        kind=review.kind,
        title=str(review),
        year=review.end_year,
        plan_code=review.plan.code,
        published_at=review.published_at or review.updated_at,
        presented_at="",
        introduction=content.executive_summary if content else "",
    )


def _document(
    content: AnnualContent | ReviewContent | None,
    *,
    kind: str,
    title: str,
    year: int,
    plan_code: str,
    published_at: datetime.datetime,
    presented_at: str,
    introduction: str,
) -> PublicDocument:
    economies = content.economies if content else 0
    areas = [
        PublicAreaScore(
            number=area.number,
            name=area.name,
            score=area.progress.value if area.progress else None,
            n=area.progress.n if area.progress else 0,
            economies=area.progress.economies if area.progress else economies,
        )
        for area in (content.areas if content else [])
    ]
    return PublicDocument(
        kind=kind,
        title=content.title if content else title,
        year=year,
        plan_code=plan_code,
        published_at=published_at,
        as_of=datetime.datetime.fromisoformat(content.as_of) if content and content.as_of else None,
        presented_at=presented_at,
        introduction=introduction,
        method=content.method if content else "",
        areas=areas,
    )


def published_documents() -> list[PublicDocument]:
    """Every published document, the latest published first."""
    found = [public_document(report) for report in published_annual_reports()]
    found += [public_review(review) for review in published_reviews()]
    return sorted(found, key=lambda document: document.published_at, reverse=True)


def published_model(code: str, key: str) -> AnnualReport | Review:
    """The published annual report (`key` its year) or review (`key` its kind), or 404."""
    found: AnnualReport | Review | None
    if key in ReviewKind.values:
        found = published_reviews().filter(plan__code=code, kind=key).first()
    elif key.isdigit():
        found = published_annual_reports().filter(plan__code=code, year=int(key)).first()
    else:
        found = None
    if found is None:
        raise Http404("No published document.")
    return found


def published_document(code: str, key: str) -> PublicDocument:
    found = published_model(code, key)
    return public_review(found) if isinstance(found, Review) else public_document(found)

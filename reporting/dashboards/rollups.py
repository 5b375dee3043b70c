"""The roll-up arithmetic: plain functions over querysets, aggregated in the database.

Rules (DESIGN.md): every figure says how many economies it rests on; a missing report is never
read as zero; counts come from records, de-duplicated; rates and shares of different economies
are never summed (min, median and max instead); an area's performance is the share of its
assessments that are "progressing" or "achieved" among those that assess progress.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet

from plans.models import (
    Economy,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportStatus,
)

# Assessments that say how far a measure has come; "No data" and "Not applicable" do not.
ASSESSING = (Assessment.NOT_STARTED, Assessment.PROGRESSING, Assessment.ACHIEVED)
ON_TRACK = (Assessment.PROGRESSING, Assessment.ACHIEVED)
PERFORMANCE_METHOD = (
    "Share of the assessments in the window (one per economy, measure and year) that are "
    "“Progressing” or “Achieved”, among those that are “Not started”, “Progressing” or "
    "“Achieved”. “No data” and “Not applicable” are left out, and so are economies without a "
    "counted report."
)


@dataclass(frozen=True)
class Window:
    """What a roll-up counts: a plan's years, optionally one economy or one priority area, and
    the report statuses that count (accepted only, or accepted and submitted)."""

    plan: StrategicPlan
    start: int
    end: int
    economy: str | None = None
    area: int | None = None
    include_submitted: bool = False

    @property
    def statuses(self) -> tuple[str, ...]:
        if self.include_submitted:
            return (ReportStatus.ACCEPTED, ReportStatus.SUBMITTED)
        return (ReportStatus.ACCEPTED,)

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def all_reports(self) -> QuerySet[EconomyReport]:
        """Every report of the window whatever its status (for participation only)."""
        reports = EconomyReport.objects.filter(
            cycle__plan=self.plan, cycle__year__gte=self.start, cycle__year__lte=self.end
        )
        if self.economy:
            reports = reports.filter(economy__code=self.economy)
        return reports

    def reports(self) -> QuerySet[EconomyReport]:
        """The reports whose contents count."""
        return self.all_reports().filter(status__in=self.statuses)

    def areas(self) -> QuerySet[PriorityArea]:
        areas = self.plan.areas.all()
        return areas.filter(number=self.area) if self.area else areas


@dataclass
class YearParticipation:
    year: int
    by_status: dict[str, int]
    counted: int
    economies: int
    on_time: int
    submitted: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.submitted if self.submitted else None


def participation(window: Window, economies: list[Economy]) -> list[YearParticipation]:
    """Reports per year by status (x of N economies) and the on-time rate against the due date.

    On time: submitted (first or last submission) on or before the cycle's due date, among the
    counted reports that have been submitted.
    """
    per_status = defaultdict(dict)
    for row in window.all_reports().values("cycle__year", "status").annotate(n=Count("id")):
        per_status[row["cycle__year"]][row["status"]] = row["n"]
    timing = {
        row["cycle__year"]: row
        for row in window.reports()
        .values("cycle__year")
        .annotate(
            submitted=Count("id", filter=Q(submitted_at__isnull=False)),
            on_time=Count("id", filter=Q(submitted_at__date__lte=F("cycle__due"))),
        )
    }
    result = []
    for year in window.years:
        statuses = per_status.get(year, {})
        row = timing.get(year, {})
        result.append(
            YearParticipation(
                year=year,
                by_status={status: statuses.get(status, 0) for status in ReportStatus.values},
                counted=sum(statuses.get(status, 0) for status in window.statuses),
                economies=len(economies),
                on_time=row.get("on_time", 0),
                submitted=row.get("submitted", 0),
            )
        )
    return result


def status_matrix(window: Window) -> dict[tuple[int, int], str]:
    """(economy id, year) -> status, for the economy x year table."""
    return {
        (economy_id, year): status
        for economy_id, year, status in window.all_reports().values_list(
            "economy_id", "cycle__year", "status"
        )
    }


@dataclass
class MeasureDistribution:
    measure: MeasureOfProgress
    counts: dict[str, int]  # assessment -> number of (economy, year) answers
    economies: int  # economies that answered at all

    @property
    def answered(self) -> int:
        return sum(self.counts.values())


@dataclass
class AreaRollup:
    area: PriorityArea
    economies_reporting: int  # economies with a counted report in the window
    initiatives: int = 0
    contributing_economies: int = 0
    objectives: list[Objective] = field(default_factory=list)  # each with .initiative_count
    target_groups: dict[str, int] = field(default_factory=dict)
    measures: list[MeasureDistribution] = field(default_factory=list)
    on_track: int = 0
    assessed: int = 0
    assessing_economies: int = 0

    @property
    def covered(self) -> list[Objective]:
        return [o for o in self.objectives if o.initiative_count]

    @property
    def gaps(self) -> list[Objective]:
        return [o for o in self.objectives if not o.initiative_count]

    @property
    def performance(self) -> float | None:
        return self.on_track / self.assessed if self.assessed else None


def area_rollups(window: Window) -> list[AreaRollup]:
    """Per priority area: initiatives, economies contributing, objectives covered and the gaps,
    target groups reached, the assessments of each measure and the area's performance.

    The counted reports are read once, as ids: every aggregate below then filters on an
    indexed column instead of joining the reports, their cycles and statuses again.
    """
    counted = dict(window.reports().values_list("pk", "economy_id"))
    ids = list(counted)
    areas = list(window.areas())
    reporting = len(set(counted.values()))
    rollups = {area.pk: AreaRollup(area=area, economies_reporting=reporting) for area in areas}

    # Narrow to one area only when asked: over the whole plan the area filter would steer the
    # planner away from the (report, area) index, which covers these counts.
    initiatives = Initiative.objects.filter(report_id__in=ids)
    if window.area:
        initiatives = initiatives.filter(area__in=areas)
    for row in (
        initiatives.values("area_id")
        .annotate(n=Count("id"), economies=Count("report__economy_id", distinct=True))
        .order_by()
    ):
        rollups[row["area_id"]].initiatives = row["n"]
        rollups[row["area_id"]].contributing_economies = row["economies"]

    covered = dict(
        Initiative.objectives.through.objects.filter(initiative__in=initiatives)
        .values("objective_id")
        .annotate(n=Count("initiative_id"))
        .order_by()
        .values_list("objective_id", "n")
    )
    for objective in Objective.objects.filter(area__in=areas).order_by("area__number", "number"):
        objective.initiative_count = covered.get(objective.pk, 0)
        rollups[objective.area_id].objectives.append(objective)

    groups = {group.pk: group.name for group in TargetGroup.objects.order_by("pk")}
    reached = {
        (row["initiative__area_id"], row["targetgroup_id"]): row["n"]
        for row in Initiative.target_groups.through.objects.filter(initiative__in=initiatives)
        .values("initiative__area_id", "targetgroup_id")
        .annotate(n=Count("initiative_id"))
        .order_by()
    }
    for (area_id, group_id), n in sorted(reached.items(), key=lambda item: item[0][1]):
        rollups[area_id].target_groups[groups[group_id]] = n

    measures = list(MeasureOfProgress.objects.filter(area__in=areas).order_by("number"))
    answers = MeasureEntry.objects.filter(report_id__in=ids).exclude(assessment="")
    if window.area:
        answers = answers.filter(measure__in=measures)
    # The counts per assessment and the economies answering, per measure (a row per measure).
    counts = {
        row.pop("measure_id"): row
        for row in answers.values("measure_id")
        .annotate(
            answering=Count("report__economy_id", distinct=True),
            **{value: Count("id", filter=Q(assessment=value)) for value in Assessment.values},
        )
        .order_by()
    }
    for measure in measures:
        found = counts.get(measure.pk) or dict.fromkeys(Assessment.values, 0)
        answering = found.pop("answering", 0)
        rollup = rollups[measure.area_id]
        rollup.measures.append(
            MeasureDistribution(measure=measure, counts=found, economies=answering)
        )
        rollup.assessed += sum(found[value] for value in ASSESSING)
        rollup.on_track += sum(found[value] for value in ON_TRACK)
    # Economies that assessed progress on at least one measure of the area (a row per area).
    for row in (
        answers.filter(assessment__in=ASSESSING)
        .values("measure__area_id")
        .annotate(economies=Count("report__economy_id", distinct=True))
        .order_by()
    ):
        if row["measure__area_id"] in rollups:
            rollups[row["measure__area_id"]].assessing_economies = row["economies"]
    return [rollups[area.pk] for area in areas]


@dataclass
class ValueCell:
    value: Decimal | None
    unit: str
    assessment: str
    narrative: str
    change: Decimal | None = None  # against the economy's value of the year before

    @property
    def assessment_label(self) -> str:
        return ASSESSMENT_LABELS.get(self.assessment, "")


ASSESSMENT_LABELS = dict(Assessment.choices)


@dataclass
class YearStats:
    year: int
    economies: int  # economies that reported a value
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None


@dataclass
class MeasureRollup:
    measure: MeasureOfProgress
    rows: list[tuple[Economy, dict[int, ValueCell]]]
    stats: list[YearStats]


def measure_rollup(
    window: Window, measure: MeasureOfProgress, *, economies: list[Economy]
) -> MeasureRollup:
    """Values of one measure by economy and year, the change against the year before, and
    min / median / max across the economies that reported a value (never a sum).

    `economies` are the economies the page has already read, in their order.
    """
    entries = (
        MeasureEntry.objects.filter(report__in=window.reports(), measure=measure)
        .order_by("report__economy__position", "report__cycle__year")
        .values_list(
            "report__economy_id", "report__cycle__year", "value", "unit", "assessment", "narrative"
        )
    )
    economy_by_id = {economy.pk: economy for economy in economies}
    by_economy: dict[int, tuple[Economy, dict[int, ValueCell]]] = {}
    for economy_id, year, value, unit, assessment, narrative in entries:
        cells = by_economy.setdefault(economy_id, (economy_by_id[economy_id], {}))[1]
        cell = ValueCell(value, unit, assessment, narrative)
        before = cells.get(year - 1)
        if before is not None and before.value is not None and cell.value is not None:
            cell.change = cell.value - before.value
        cells[year] = cell
    stats = []
    for year in window.years:
        values = sorted(
            cells[year].value
            for _economy, cells in by_economy.values()
            if year in cells and cells[year].value is not None
        )
        stats.append(
            YearStats(
                year=year,
                economies=len(values),
                minimum=values[0] if values else None,
                median=Decimal(statistics.median(values)) if values else None,
                maximum=values[-1] if values else None,
            )
        )
    return MeasureRollup(measure=measure, rows=list(by_economy.values()), stats=stats)


@dataclass
class GeneralYear:
    year: int
    economies: int  # economies with a counted report that year
    shared: int = 0
    adopted: int = 0
    dialogues: int = 0
    apec_initiatives: int = 0
    supported_activities: int = 0


def general_indicators(window: Window) -> list[GeneralYear]:
    """The general indicators by year, counted from the records economies entered."""
    reports = window.reports()
    years = {
        row["cycle__year"]: GeneralYear(row["cycle__year"], row["n"])
        for row in reports.values("cycle__year").annotate(n=Count("economy", distinct=True))
    }
    for year in window.years:
        years.setdefault(year, GeneralYear(year, 0))
    for row in (
        BestPractice.objects.filter(report__in=reports)
        .values("report__cycle__year", "direction")
        .annotate(n=Count("id"))
    ):
        target = years[row["report__cycle__year"]]
        if row["direction"] == BestPractice.Direction.SHARED:
            target.shared = row["n"]
        elif row["direction"] == BestPractice.Direction.ADOPTED:
            target.adopted = row["n"]
    for row in (
        DialogueSession.objects.filter(report__in=reports)
        .values("report__cycle__year")
        .annotate(n=Count("id"))
    ):
        years[row["report__cycle__year"]].dialogues = row["n"]
    for row in (
        ApecActivity.objects.filter(report__in=reports)
        .values("report__cycle__year", "kind")
        .annotate(n=Count("id"))
    ):
        target = years[row["report__cycle__year"]]
        if row["kind"] == ApecActivity.Kind.INITIATIVE:
            target.apec_initiatives = row["n"]
        elif row["kind"] == ApecActivity.Kind.SUPPORTED:
            target.supported_activities = row["n"]
    return [years[year] for year in window.years]


@dataclass(frozen=True)
class Lesson:
    economy: str
    year: int
    source: str
    text: str


REPORT_LESSON = "Report"


def lessons_learned(window: Window, *, limit: int | None = 30) -> list[Lesson]:
    """The latest lessons learned, attributed to economy and year (one query per source); all
    of them with `limit=None` (the reviews, which must be complete)."""
    reports = window.reports()
    sources = [
        (REPORT_LESSON, reports, ""),
        ("APEC activity", ApecActivity.objects.filter(report__in=reports), "report__"),
        ("Initiative", Initiative.objects.filter(report__in=reports), "report__"),
    ]
    found = []
    for source, queryset, prefix in sources:
        rows = (
            queryset.exclude(lessons_learned="")
            .order_by(f"-{prefix}cycle__year", f"{prefix}economy__position")
            .values_list(f"{prefix}economy__short_name", f"{prefix}cycle__year", "lessons_learned")
        )
        found.extend(Lesson(economy, year, source, text) for economy, year, text in rows[:limit])
    found.sort(key=lambda lesson: (-lesson.year, lesson.economy))
    return found[:limit]

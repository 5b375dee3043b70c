"""The roll-up arithmetic: plain functions over querysets, aggregated in the database.

Rules (docs/rollups.md): every figure says how many economies it rests on, counted against all of
them; a missing report is never read as zero; counts come from records, de-duplicated; rates and
shares of different economies are never summed (min, median and max instead), and values in
different units are never pooled; an area's (and an objective's) progress score weighs the latest
assessment of each economy and measure (reporting.reports.scoring).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet

from plans.models import (
    Economy,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)
from reporting.reports import summaries
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    MeasureStatistic,
    ReportStatus,
    RollupCount,
)
from reporting.reports.scoring import SCORED, Score, latest_of, score_of
from reporting.reports.summaries import Kind


def _scores(
    latest: dict[tuple[int, int], str], groups: Mapping[int, object]
) -> dict[object, tuple[dict[str, int], int]]:
    """Counts per assessment and economies assessing, per group of measures ({measure: key})."""
    counts: dict[object, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Assessment.values, 0))
    economies: dict[object, set[int]] = defaultdict(set)
    for (economy_id, measure_id), assessment in latest.items():
        key = groups.get(measure_id)
        if key is None:
            continue
        counts[key][assessment] += 1
        if assessment in SCORED:
            economies[key].add(economy_id)
    return {key: (counts[key], len(economies[key])) for key in counts}


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
        return EconomyReport.objects.filter(self.counts(""))

    def counts(self, report: str) -> Q:
        """The condition that a record's report (at the path `report`, e.g. "report") counts:
        a join, so that the database can stop at a page of matching records, where a subquery
        on `reports()` has it list every counted report of the window first."""
        return self._counted(report, self.start, self.end)

    def counted_between(self, start: int, end: int) -> QuerySet[EconomyReport]:
        """The counted reports of other years of the plan (the year before the window)."""
        return EconomyReport.objects.filter(self._counted("", start, end))

    def _counted(self, report: str, start: int, end: int) -> Q:
        path = f"{report}__" if report else ""
        condition = Q(
            **{
                f"{path}cycle__plan": self.plan,
                f"{path}cycle__year__gte": start,
                f"{path}cycle__year__lte": end,
                f"{path}status__in": self.statuses,
            }
        )
        if self.economy:
            condition &= Q(**{f"{path}economy__code": self.economy})
        return condition

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


def participation(window: Window, economies: list[Economy] | int) -> list[YearParticipation]:
    """Reports per year by status (x of N economies) and the on-time rate against the due date.

    On time: submitted (first or last submission) on or before the cycle's due date, among the
    counted reports that have been submitted. A row per year whatever the number of reports:
    the counts by status side by side, aggregated in the database over the window's reports
    (one per economy and year, on the cycle index). `economies`: all of them, or their number.
    """
    by_status = {status: Count("id", filter=Q(status=status)) for status in ReportStatus.values}
    counted = Q(status__in=window.statuses)
    rows = (
        window.all_reports()
        .values("cycle__year")
        .annotate(
            **by_status,
            sent=Count("id", filter=counted & Q(submitted_at__isnull=False)),
            on_time=Count("id", filter=counted & Q(submitted_at__date__lte=F("cycle__due"))),
        )
        .order_by()
    )
    # django-stubs leaves the counts passed as **kwargs out of its type of the rows.
    found: dict[int, dict[str, int]] = {row.pop("cycle__year"): row for row in rows}  # type: ignore[misc]
    total = economies if isinstance(economies, int) else len(economies)
    result = []
    for year in window.years:
        counts = found.get(year, {})
        statuses = {status: counts.get(status, 0) for status in ReportStatus.values}
        result.append(
            YearParticipation(
                year=year,
                by_status=statuses,
                counted=sum(statuses[status] for status in window.statuses),
                economies=total,
                on_time=counts.get("on_time", 0),
                submitted=counts.get("sent", 0),
            )
        )
    return result


# The economy x year table and the measure page's values list this many economies a page: the
# 21 members on one, and a page's cost the same however many economies there are.
ECONOMIES_PER_PAGE = 21


def status_matrix(
    window: Window, economies: Iterable[Economy] | None = None
) -> dict[tuple[int, int], str]:
    """(economy id, year) -> status, for the economy x year table: of the economies listed
    (a page of them), else of all. One row per economy, its statuses by year side by side."""
    listed = Economy.objects.all()
    if economies is not None:
        listed = listed.filter(pk__in=[economy.pk for economy in economies])
    if window.economy:
        listed = listed.filter(code=window.economy)
    of_plan = Q(reports__cycle__plan=window.plan)
    names = {f"status_{year}": year for year in window.years}
    rows = (
        listed.order_by()
        .annotate(
            **{
                name: Max("reports__status", filter=of_plan & Q(reports__cycle__year=year))
                for name, year in names.items()
            }
        )
        .values_list("pk", *names)
    )
    return {
        (row[0], year): status
        for row in rows
        for year, status in zip(names.values(), row[1:], strict=True)
        if status is not None
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
    economies: int = 0  # all economies: the denominator of every count of economies
    initiatives: int = 0
    contributing_economies: int = 0
    objectives: list[Objective] = field(default_factory=list)  # each with .initiative_count
    target_groups: dict[str, int] = field(default_factory=dict)
    measures: list[MeasureDistribution] = field(default_factory=list)
    score: Score = field(default_factory=Score)

    @property
    def covered(self) -> list[Objective]:
        return [o for o in self.objectives if o.initiative_count]

    @property
    def gaps(self) -> list[Objective]:
        return [o for o in self.objectives if not o.initiative_count]

    @property
    def assessing_economies(self) -> int:
        return self.score.economies


def area_rollups(window: Window, *, economies: int | None = None) -> list[AreaRollup]:
    """Per priority area: `area_rollups_direct`'s figures, read from the summaries the workflow
    keeps (reporting.reports.summaries): a number of rows that depends on the catalogue, not on
    the data. One economy's figures are computed from its own records, as few as they are."""
    if window.economy:
        return area_rollups_direct(window, economies=economies)
    if economies is None:
        economies = Economy.objects.count()
    areas = list(window.areas())
    found: dict[str, dict[tuple[int, str], int]] = defaultdict(dict)
    rows = RollupCount.objects.filter(
        plan=window.plan,
        start=window.start,
        end=window.end,
        submitted=window.include_submitted,
    ).exclude(n=0)
    if window.area:
        rows = rows.filter(area__in=[0, *(area.pk for area in areas)])
    for kind, area_id, key, n in rows.values_list("kind", "area", "key", "n"):
        found[kind][(area_id, key)] = n
    reporting = found[Kind.REPORTING].get((0, ""), 0)
    rollups = {
        area.pk: AreaRollup(
            area=area,
            economies_reporting=reporting,
            economies=economies,
            initiatives=found[Kind.INITIATIVES].get((area.pk, ""), 0),
            contributing_economies=found[Kind.CONTRIBUTING].get((area.pk, ""), 0),
        )
        for area in areas
    }
    covered: Counter[int] = Counter()
    for (_area_id, key), n in found[Kind.OBJECTIVE].items():
        covered[int(key)] += n
    for objective in Objective.objects.filter(area__in=areas).order_by("area__number", "number"):
        objective.initiative_count = covered.get(objective.pk, 0)
        objective.score = Score()
        rollups[objective.area_id].objectives.append(objective)
    groups = {group.pk: group.name for group in TargetGroup.objects.order_by("pk")}
    for (area_id, key), n in sorted(found[Kind.GROUP].items(), key=lambda item: int(item[0][1])):
        rollups[area_id].target_groups[groups[int(key)]] = n

    measures = list(MeasureOfProgress.objects.filter(area__in=areas).order_by("number"))
    per_measure = {
        kind: _per_measure(found[kind]) for kind in (Kind.ANSWERS, Kind.LATEST, Kind.BEFORE)
    }
    for measure in measures:
        rollups[measure.area_id].measures.append(
            MeasureDistribution(
                measure=measure,
                counts=per_measure[Kind.ANSWERS][measure.pk],
                economies=found[Kind.ANSWERING].get((measure.area_id, str(measure.pk)), 0),
            )
        )
    before = window.end - 1 if window.end - 1 >= window.plan.start_year else None

    def score(of: list[MeasureOfProgress], economies: int) -> Score:
        now = dict.fromkeys(Assessment.values, 0)
        then = dict.fromkeys(Assessment.values, 0)
        for measure in of:
            for value in Assessment.values:
                now[value] += per_measure[Kind.LATEST][measure.pk][value]
                then[value] += per_measure[Kind.BEFORE][measure.pk][value]
        return Score(counts=now, economies=economies, previous=score_of(then), previous_year=before)

    for rollup in rollups.values():
        pk = rollup.area.pk
        rollup.score = score(
            [m for m in measures if m.area_id == pk], found[Kind.ASSESSING].get((pk, ""), 0)
        )
        for objective in rollup.objectives:
            objective.score = score(
                [m for m in measures if m.area_id == pk and m.row == objective.row],
                found[Kind.ASSESSING_ROW].get((pk, str(objective.row)), 0),
            )
    return [rollups[area.pk] for area in areas]


def _per_measure(found: dict[tuple[int, str], int]) -> defaultdict[int, dict[str, int]]:
    """{measure id: {assessment: n}} of summary rows keyed "measure:assessment"."""
    counts: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(Assessment.values, 0)
    )
    for (_area_id, key), n in found.items():
        measure_id, assessment = key.split(":")
        counts[int(measure_id)][assessment] += n
    return counts


def area_rollups_direct(window: Window, *, economies: int | None = None) -> list[AreaRollup]:
    """Per priority area: initiatives, economies contributing, objectives covered and the gaps,
    target groups reached, the assessments of each measure, and the progress score of the area
    and of each objective with its distribution and its change on the year before.

    `economies` is the number of all economies (read here when the caller has not).
    The counted reports are read once, as ids: every aggregate below then filters on an
    indexed column instead of joining the reports, their cycles and statuses again.
    """
    if economies is None:
        economies = Economy.objects.count()
    counted = dict(window.reports().values_list("pk", "economy_id"))
    ids = list(counted)
    areas = list(window.areas())
    reporting = len(set(counted.values()))
    rollups = {
        area.pk: AreaRollup(area=area, economies_reporting=reporting, economies=economies)
        for area in areas
    }

    # Narrow to one area only when asked: over the whole plan the area filter would steer the
    # planner away from the (report, area) index, which covers these counts.
    initiatives = Initiative.objects.filter(report_id__in=ids)
    if window.area:
        initiatives = initiatives.filter(area__in=areas)
    for per_area in (
        initiatives.values("area_id")
        .annotate(n=Count("id"), economies=Count("report__economy_id", distinct=True))
        .order_by()
    ):
        rollups[per_area["area_id"]].initiatives = per_area["n"]
        rollups[per_area["area_id"]].contributing_economies = per_area["economies"]

    covered = {
        row["objective_id"]: row["n"]
        for row in Initiative.objectives.through.objects.filter(initiative__in=initiatives)
        .values("objective_id")
        .annotate(n=Count("initiative_id"))
        .order_by()
    }
    for objective in Objective.objects.filter(area__in=areas).order_by("area__number", "number"):
        objective.initiative_count = covered.get(objective.pk, 0)
        objective.score = Score()
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
    rows = (
        answers.values("measure_id")
        .annotate(
            answering=Count("report__economy_id", distinct=True),
            **{value: Count("id", filter=Q(assessment=value)) for value in Assessment.values},
        )
        .order_by()
    )
    # django-stubs leaves the counts passed as **kwargs out of its type of the rows.
    per_measure: Iterable[dict[str, int]] = rows  # type: ignore[assignment]
    counts = {row.pop("measure_id"): row for row in per_measure}
    for measure in measures:
        found = counts.get(measure.pk) or dict.fromkeys(Assessment.values, 0)
        answering = found.pop("answering", 0)
        rollups[measure.area_id].measures.append(
            MeasureDistribution(measure=measure, counts=found, economies=answering)
        )
    _add_scores(window, rollups, measures)
    return [rollups[area.pk] for area in areas]


def latest_assessments(
    window: Window, measures: list[MeasureOfProgress]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str], int | None]:
    """The latest assessment of each (economy, measure) in the window, and as it stood at the
    end of the year before (which may lie before the window's start), and that year (one query:
    a row per economy, measure and year, at most 21 x the plan's measures x its years)."""
    before = window.end - 1 if window.end - 1 >= window.plan.start_year else None
    first = window.start if before is None else min(window.start, before)
    rows = (
        MeasureEntry.objects.filter(
            report__in=window.counted_between(first, window.end), measure__in=measures
        )
        .exclude(assessment="")
        .order_by("report__cycle__year")
        .values_list("report__economy_id", "measure_id", "report__cycle__year", "assessment")
    )
    keyed = [((economy, measure), year, value) for economy, measure, year, value in rows]
    now = latest_of(keyed, window.start, window.end)  # oldest first: the latest wins
    then = latest_of(keyed, first, before) if before is not None else {}
    return now, then, before


def _add_scores(window: Window, rollups: dict[int, AreaRollup], measures: list) -> None:
    """The progress score of each area and of each objective (the measures of its row)."""
    now, then, before = latest_assessments(window, measures)
    by_area = {measure.pk: measure.area_id for measure in measures}
    by_row = {measure.pk: (measure.area_id, measure.row) for measure in measures}
    for scores_now, scores_then, key_of in (
        (_scores(now, by_area), _scores(then, by_area), lambda rollup: rollup.area.pk),
        (_scores(now, by_row), _scores(then, by_row), None),
    ):
        for rollup in rollups.values():
            targets = (
                [(rollup.area.pk, rollup)]
                if key_of
                else [((o.area_id, o.row), o) for o in rollup.objectives]
            )
            for key, target in targets:
                counts, economies = scores_now.get(key, (None, 0))
                previous = scores_then.get(key)
                target.score = Score(
                    counts=counts or dict.fromkeys(Assessment.values, 0),
                    economies=economies,
                    previous=score_of(previous[0]) if previous else None,
                    previous_year=before,
                )


@dataclass
class ValueCell:
    value: Decimal | None
    unit: str
    assessment: str
    narrative: str
    reference_year: int | None = None
    unit_problem: str = ""  # set: not in the measure's unit, left out of the statistics
    change: Decimal | None = None  # against the economy's value for the reference year before
    change_on: int | None = None  # that year: "change on 2025 data"

    @property
    def assessment_label(self) -> str:
        return ASSESSMENT_LABELS.get(self.assessment, "")

    @property
    def counted(self) -> bool:
        return self.value is not None and not self.unit_problem


ASSESSMENT_LABELS = dict(Assessment.choices)


@dataclass
class YearStats:
    year: int
    economies: int  # economies that reported a value
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None
    of: int = 0  # all economies (or the one economy filtered)


@dataclass
class MeasureRollup:
    measure: MeasureOfProgress
    rows: list[tuple[Economy, dict[int, ValueCell]]]
    stats: list[YearStats]
    economies: int = 0  # the denominator: all economies, or the one filtered
    flagged: list[tuple[Economy, int, ValueCell]] = field(default_factory=list)


def measure_rollup(
    window: Window,
    measure: MeasureOfProgress,
    *,
    economies: int,
    listed: list[Economy],
) -> MeasureRollup:
    """Values of one measure by economy and year, the change on the economy's value for the
    reference year before (the year the data is about, also across the window's start), and
    min / median / max across the economies that reported a value (never a sum).

    Only values in the measure's unit count: one left unconverted when units were fixed
    (`unit_problem`), or stored in another unit by any other way in, is shown but never pooled.
    The values are those of the economies `listed` (a page of them, in their order), the
    statistics those of every economy (`economies` of them), read from the statistics the
    workflow keeps (`year_statistics`).
    """
    listed_ids = [economy.pk for economy in listed]
    entries = (
        MeasureEntry.objects.filter(
            report__in=window.counted_between(window.plan.start_year, window.end).filter(
                economy_id__in=listed_ids
            ),
            measure=measure,
        )
        .order_by("report__economy__position", "report__cycle__year")
        .values_list(
            "report__economy_id",
            "report__cycle__year",
            "value",
            "unit",
            "assessment",
            "narrative",
            "reference_year",
            "unit_problem",
        )
    )
    economy_by_id = {economy.pk: economy for economy in listed}
    by_economy: dict[int, tuple[Economy, dict[int, ValueCell]]] = {}
    by_reference: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for economy_id, year, value, unit, assessment, narrative, reference, problem in entries:
        if problem == "" and unit != measure.unit:
            problem = f"Stored in “{unit}”, not in the measure's unit “{measure.unit}”."
        cell = ValueCell(value, unit, assessment, narrative, reference, problem)
        if cell.counted and reference and value is not None:
            # Reports are read oldest first: a later report's figure for a year corrects it.
            by_reference[economy_id][reference] = value
        if year >= window.start:
            by_economy.setdefault(economy_id, (economy_by_id[economy_id], {}))[1][year] = cell
    flagged = []
    for economy_id, (economy, cells) in by_economy.items():
        for year, cell in cells.items():
            if cell.unit_problem and cell.value is not None:
                flagged.append((economy, year, cell))
            if cell.counted and cell.reference_year:
                before = by_reference[economy_id].get(cell.reference_year - 1)
                if before is not None and cell.value is not None:
                    cell.change = cell.value - before
                    cell.change_on = cell.reference_year - 1
    denominator = 1 if window.economy else economies
    return MeasureRollup(
        measure=measure,
        rows=list(by_economy.values()),
        stats=year_statistics(window, measure, of=denominator),
        economies=denominator,
        flagged=flagged,
    )


def year_statistics(window: Window, measure: MeasureOfProgress, *, of: int) -> list[YearStats]:
    """Lowest, median and highest value of each year of the window, and how many economies
    reported one, over the values that count (in the measure's unit): read from the statistics
    the workflow keeps (one query, a row per year), whatever the number of economies. One
    economy's are computed from its own reports."""
    return measures_statistics(window, [measure], of=of)[measure.pk]


def measures_statistics(
    window: Window, measures: list[MeasureOfProgress], *, of: int
) -> dict[int, list[YearStats]]:
    """`year_statistics` of each of the `measures` (the review's), in one query: measure id ->
    a YearStats per year of the window."""
    ids = [measure.pk for measure in measures]
    if window.economy:
        found = summaries.measure_statistics(window.reports(), ids)
    else:
        rows = MeasureStatistic.objects.filter(
            plan=window.plan,
            measure_id__in=ids,
            submitted=window.include_submitted,
            year__gte=window.start,
            year__lte=window.end,
        ).values_list("measure_id", "year", "economies", "minimum", "median", "maximum")
        found = {
            (measure_id, year): summaries.Statistic(economies, minimum, median, maximum)
            for measure_id, year, economies, minimum, median, maximum in rows
        }
    by_measure: dict[int, dict[int, summaries.Statistic]] = defaultdict(dict)
    for (measure_id, year), statistic in found.items():
        by_measure[measure_id][year] = statistic
    return {pk: _year_stats(window, by_measure[pk], of=of) for pk in ids}


def year_statistics_direct(
    window: Window, measure: MeasureOfProgress, *, of: int
) -> list[YearStats]:
    """`year_statistics` computed from the values of the window's counted reports."""
    found = summaries.measure_statistics(window.reports(), [measure.pk])
    return _year_stats(window, {year: each for (_measure, year), each in found.items()}, of=of)


def _year_stats(
    window: Window, found: dict[int, summaries.Statistic], *, of: int
) -> list[YearStats]:
    stats = []
    for year in window.years:
        statistic = found.get(year)
        stats.append(
            YearStats(
                year=year,
                economies=statistic.economies if statistic else 0,
                minimum=statistic.minimum if statistic else None,
                median=statistic.median if statistic else None,
                maximum=statistic.maximum if statistic else None,
                of=of,
            )
        )
    return stats


@dataclass
class GeneralYear:
    year: int
    economies: int  # economies with a counted report that year
    shared: int = 0
    adopted: int = 0
    dialogues: int = 0
    apec_initiatives: int = 0
    supported_activities: int = 0
    activity_economies: int = 0  # economies taking part in APEC initiatives and activities
    of: int = 0  # all economies: the denominator of `economies` and `activity_economies`


GENERAL_KINDS = {
    Kind.SHARED: "shared",
    Kind.ADOPTED: "adopted",
    Kind.DIALOGUES: "dialogues",
    Kind.APEC_INITIATIVES: "apec_initiatives",
    Kind.SUPPORTED: "supported_activities",
    Kind.ACTIVITY_ECONOMIES: "activity_economies",
}


def general_indicators(window: Window, *, economies: int | None = None) -> list[GeneralYear]:
    """`general_indicators_direct`'s figures, read from the summaries of each year (one query);
    one economy's from its own records."""
    if window.economy:
        return general_indicators_direct(window, economies=economies)
    if economies is None:
        economies = Economy.objects.count()
    years = {year: GeneralYear(year, 0, of=economies) for year in window.years}
    area = (
        Q(area=0)
        if not window.area
        else Q(area__in=window.plan.areas.filter(number=window.area).values("pk"))
    )
    rows = RollupCount.objects.filter(
        area | Q(kind=Kind.REPORTING, area=0),
        plan=window.plan,
        start=F("end"),
        start__gte=window.start,
        start__lte=window.end,
        submitted=window.include_submitted,
        kind__in=[Kind.REPORTING, *GENERAL_KINDS],
    )
    for year, kind, n in rows.values_list("start", "kind", "n"):
        if kind == Kind.REPORTING:
            years[year].economies = n
        else:
            setattr(years[year], GENERAL_KINDS[kind], n)
    return list(years.values())


def general_indicators_direct(window: Window, *, economies: int | None = None) -> list[GeneralYear]:
    """The general indicators by year, counted from the records economies entered. Under an
    area filter the records that name the area count; the economies reporting stay plan-wide
    (a report is not about one area)."""
    if economies is None:
        economies = Economy.objects.count()
    reports = window.reports()
    years = {
        row["cycle__year"]: GeneralYear(row["cycle__year"], row["n"], of=economies)
        for row in reports.values("cycle__year").annotate(n=Count("economy", distinct=True))
    }
    for year in window.years:
        years.setdefault(year, GeneralYear(year, 0, of=economies))
    by_area = {"area__number": window.area, "area__plan": window.plan} if window.area else {}
    for row in (
        BestPractice.objects.filter(report__in=reports, **by_area)
        .values("report__cycle__year", "direction")
        .annotate(n=Count("id"))
    ):
        target = years[row["report__cycle__year"]]
        if row["direction"] == BestPractice.Direction.SHARED:
            target.shared = row["n"]
        elif row["direction"] == BestPractice.Direction.ADOPTED:
            target.adopted = row["n"]
    for dialogues in (
        DialogueSession.objects.filter(report__in=reports, **by_area)
        .values("report__cycle__year")
        .annotate(n=Count("id"))
    ):
        years[dialogues["report__cycle__year"]].dialogues = dialogues["n"]
    activities = ApecActivity.objects.filter(report__in=reports, **by_area)
    for activity in activities.values("report__cycle__year", "kind").annotate(n=Count("id")):
        target = years[activity["report__cycle__year"]]
        if activity["kind"] == ApecActivity.Kind.INITIATIVE:
            target.apec_initiatives = activity["n"]
        elif activity["kind"] == ApecActivity.Kind.SUPPORTED:
            target.supported_activities = activity["n"]
    for taking_part in activities.values("report__cycle__year").annotate(
        n=Count("report__economy_id", distinct=True)
    ):
        years[taking_part["report__cycle__year"]].activity_economies = taking_part["n"]
    return [years[year] for year in window.years]


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


def figures(rollup: AreaRollup) -> dict[str, object]:
    """What a page shows of an area's roll-up, comparable with ==."""
    return {
        "economies reporting": rollup.economies_reporting,
        "initiatives": rollup.initiatives,
        "contributing economies": rollup.contributing_economies,
        "objectives": [(o.pk, o.initiative_count) for o in rollup.objectives],
        "objective scores": [
            (o.pk, o.score.counts, o.score.economies, o.score.previous) for o in rollup.objectives
        ],
        "target groups": rollup.target_groups,
        "measures": [(m.measure.pk, m.counts, m.economies) for m in rollup.measures],
        "score": (rollup.score.counts, rollup.score.economies, rollup.score.previous),
    }


def differences(plan: StrategicPlan) -> list[str]:
    """Where the summaries, or the area roll-ups read from them, differ from a direct
    computation from the reports (every window of the plan's years, both views; each area alone
    over the whole plan): one line each. `manage.py check_rollups` prints them."""
    found = summaries.rollups_differences(plan=plan)
    economies = Economy.objects.count()
    numbers = list(plan.areas.order_by("number").values_list("number", flat=True))
    for start, end in summaries.windows(plan):
        # Each area alone over the whole plan: the filter reads a subset of the same rows.
        whole = (start, end) == (plan.start_year, plan.end_year)
        for submitted in (False, True):
            for area in [None, *numbers] if whole else [None]:
                window = Window(plan, start, end, area=area, include_submitted=submitted)
                kept = area_rollups(window, economies=economies)
                direct = area_rollups_direct(window, economies=economies)
                general = general_indicators(window, economies=economies)
                general_direct = general_indicators_direct(window, economies=economies)
                if [vars(y) for y in general] != [vars(y) for y in general_direct]:
                    found.append(
                        f"{plan.code} {start}-{end} general indicators"
                        f"{' (accepted and submitted)' if submitted else ' (accepted)'}"
                        f"{f' filtered on area {area}' if area else ''}: read "
                        f"{[vars(y) for y in general]}, computed "
                        f"{[vars(y) for y in general_direct]}"
                    )
                for read, computed in zip(kept, direct, strict=True):
                    for name, value in figures(read).items():
                        if value != figures(computed)[name]:
                            found.append(
                                f"{plan.code} {start}-{end} area {read.area.number} "
                                f"{'(accepted and submitted)' if submitted else '(accepted)'}"
                                f"{f' filtered on area {area}' if area else ''}: {name} "
                                f"read {value!r}, computed {figures(computed)[name]!r}"
                            )
    return found

"""The roll-ups' summary rows (`RollupCount`, `MeasureStatistic`), kept by the workflow services
in the transaction of each change that can alter a figure, so that a page reads a number of rows
that depends on the catalogue and the plan's years, never on how many economies, reports or
records there are.

For every window of a plan's years (start <= end) and both views (accepted only; accepted and
submitted), the counts hold sums over the economies of what each economy's counted reports add:
initiatives, economies contributing and objectives covered per area, target groups reached,
assessments per measure, and the latest assessment of each measure in the window and as it stood
at the end of the year before (the progress score's inputs: the score itself, the shares and
the change are worked out by reporting.reports.scoring and reporting.rollups).

Everything one economy adds to a plan's counts is computed from that economy's own reports
(`plan_counts` of the economy): a step computes it before and after its change and adds the
difference, to the sum over every economy and to the economy's own part (rows of its id), which
the economy filter reads as the whole plan's figures read the sum. The plan's row is locked
first (after the report's), so that two steps on the same plan apply their differences one after
the other and each "before" sees the other's committed change.

The measures' statistics (`MeasureStatistic`: economies reporting a value, lowest, median,
highest and median absolute deviation, per measure, report year, reference year and view) cannot
be added up, a median being no sum: a step recomputes those of its report's year, for the
measures the report has entries of, from the entries of every economy (`measure_statistics`, the
one computation, which the rebuild and the check use too). Under the plan's lock, and each
statement reading what was committed before it, a step sees every earlier step's change: two
steps cannot both miss each other's.

What pages still read from the records (a bounded number of rows), and when to run
`manage.py rebuild_rollups`: docs/rollups.md.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import cast

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from plans.catalogue.data_version import data_version_bump
from plans.models import StrategicPlan
from reporting.reports.models import (
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    MeasureStatistic,
    ReportStatus,
    RollupCount,
)
from reporting.reports.scoring import SCORED, latest_of, profile_key, profile_moments


class Kind:
    """What a RollupCount counts (its `area` is the area's id, 0 for the plan)."""

    REPORTING = "reporting"  # economies with a counted report in the window
    INITIATIVES = "initiatives"  # initiatives of the area
    CONTRIBUTING = "contributing"  # economies with an initiative in the area
    OBJECTIVE = "objective"  # key objective id: initiatives of the area addressing it
    GROUP = "group"  # key target group id: initiatives of the area reaching it
    ANSWERS = "answers"  # key "measure:assessment": answers (economy-years)
    ANSWERING = "answering"  # key measure id: economies answering the measure
    LATEST = "latest"  # key "measure:assessment": latest assessment of each economy
    BEFORE = "before"  # the same, as it stood at the end of the year before the window's end
    ASSESSING = "assessing"  # economies whose latest assessment of a measure of the area counts
    ASSESSING_ROW = "assessing_row"  # the same per row of the plan's table (key: the row)
    # Economies by what their latest assessments that score add to the area's score (key "|"
    # then the counts now and the year before, each in SCORED's order, then 1 if the economy
    # reported in the window's last year: "|2,1,0|1,1,0|1") and to a row's (key "<row>|..."):
    # the bootstrap of how sure the score is resamples economies.
    PROFILE = "profile"
    # Their sums ("<row>|<sum>", scoring.profile_moments), in the sum over every economy only.
    MOMENTS = "moments"
    # The general indicators, in one-year windows; area 0: all records, else those naming it.
    SHARED = "shared"  # best practices shared
    ADOPTED = "adopted"  # best practices adopted that name their source
    DIALOGUES = "dialogues"
    APEC_INITIATIVES = "apec_initiatives"
    SUPPORTED = "supported_activities"
    ACTIVITY_ECONOMIES = "activity_economies"  # economies taking part in APEC activities


# (start, end, submitted, kind, area, key)
CountKey = tuple[int, int, bool, str, int, str]


def windows(plan: StrategicPlan) -> list[tuple[int, int]]:
    years = list(plan.years)
    return [(start, end) for start in years for end in years if start <= end]


def statuses(submitted: bool) -> tuple[str, ...]:
    if submitted:
        return (ReportStatus.ACCEPTED, ReportStatus.SUBMITTED)
    return (ReportStatus.ACCEPTED,)


def plan_counts(plan: StrategicPlan, economy_id: int | None = None) -> Counter[CountKey]:
    """What the economies (or the one economy) add to the plan's summaries, computed from their
    reports (five queries whatever the number of economies)."""
    total: Counter[CountKey] = Counter()
    for counts in economies_counts(plan, economy_id).values():
        total.update(counts)
    return total


def economies_counts(
    plan: StrategicPlan, economy_id: int | None = None
) -> dict[int, Counter[CountKey]]:
    """{economy id: what it adds to the plan's summaries} of every economy with a counted
    report (or of the one economy), computed from their reports in five queries."""
    reports = EconomyReport.objects.filter(cycle__plan=plan, status__in=statuses(submitted=True))
    if economy_id is not None:
        reports = reports.filter(economy_id=economy_id)
    report_rows = list(reports.values_list("pk", "economy_id", "cycle__year", "status"))
    if not report_rows:
        return {}
    ids = [row[0] for row in report_rows]
    initiatives: dict[int, list[tuple[int, int]]] = defaultdict(list)  # report -> (pk, area)
    for pk, report_id, area_id in Initiative.objects.filter(report_id__in=ids).values_list(
        "pk", "report_id", "area_id"
    ):
        initiatives[report_id].append((pk, area_id))
    objectives: dict[int, list[int]] = defaultdict(list)
    for initiative_id, objective_id in Initiative.objectives.through.objects.filter(
        initiative__report_id__in=ids
    ).values_list("initiative_id", "objective_id"):
        objectives[initiative_id].append(objective_id)
    groups: dict[int, list[int]] = defaultdict(list)
    for initiative_id, group_id in Initiative.target_groups.through.objects.filter(
        initiative__report_id__in=ids
    ).values_list("initiative_id", "targetgroup_id"):
        groups[initiative_id].append(group_id)
    entries: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for report_id, measure_id, area_id, row, assessment in (
        MeasureEntry.objects.filter(report_id__in=ids)
        .exclude(assessment="")
        .values_list("report_id", "measure_id", "measure__area_id", "measure__row", "assessment")
    ):
        entries[report_id].append((measure_id, area_id, row, assessment))

    general: dict[int, list[tuple[str, int]]] = defaultdict(list)  # report -> (kind, area)
    directions: dict[str, str] = {
        BestPractice.Direction.SHARED: Kind.SHARED,
        BestPractice.Direction.ADOPTED: Kind.ADOPTED,
    }
    # An adopted best practice counts once it names its source (its `Adoption`): the indicator
    # counts the links between economies, not claims without one.
    for report_id, area_id, direction, source in BestPractice.objects.filter(
        report_id__in=ids
    ).values_list("report_id", "area_id", "direction", "adoption"):
        if direction == BestPractice.Direction.ADOPTED and source is None:
            continue
        if direction in directions:
            general[report_id].append((directions[direction], area_id or 0))
    for report_id, area_id in DialogueSession.objects.filter(report_id__in=ids).values_list(
        "report_id", "area_id"
    ):
        general[report_id].append((Kind.DIALOGUES, area_id or 0))
    kinds: dict[str, str] = {
        ApecActivity.Kind.INITIATIVE: Kind.APEC_INITIATIVES,
        ApecActivity.Kind.SUPPORTED: Kind.SUPPORTED,
    }
    for report_id, area_id, kind in ApecActivity.objects.filter(report_id__in=ids).values_list(
        "report_id", "area_id", "kind"
    ):
        general[report_id].append((kinds.get(kind, ""), area_id or 0))

    by_economy: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for pk, economy, year, status in report_rows:
        by_economy[economy].append((pk, year, status))
    found: dict[int, Counter[CountKey]] = {}
    for economy, economy_reports in by_economy.items():
        counts = found[economy] = Counter()
        economy_reports.sort(key=lambda report: report[1])  # oldest first: the latest wins
        for submitted in (False, True):
            counted = [
                (pk, year) for pk, year, status in economy_reports if status in statuses(submitted)
            ]
            for start, end in windows(plan):
                _add_window(
                    counts,
                    (start, end, submitted),
                    counted,
                    plan.start_year,
                    initiatives,
                    objectives,
                    groups,
                    entries,
                )
            for pk, year in counted:
                _add_general(counts, (year, year, submitted), general.get(pk, ()))
    return found


def _add_general(
    counts: Counter[CountKey], window: tuple[int, int, bool], records: Iterable[tuple[str, int]]
) -> None:
    """What one economy's counted report of a year adds to the general indicators of the year:
    each record counts for the whole plan and for the area it names."""
    start, end, submitted = window
    active: set[int] = set()
    for kind, area_id in records:
        for area in {0, area_id}:
            if kind:
                counts[(start, end, submitted, kind, area, "")] += 1
            if kind in (Kind.APEC_INITIATIVES, Kind.SUPPORTED) or kind == "":
                active.add(area)
    for area in active:
        counts[(start, end, submitted, Kind.ACTIVITY_ECONOMIES, area, "")] += 1


def _add_window(
    counts: Counter[CountKey],
    window: tuple[int, int, bool],
    counted: list[tuple[int, int]],
    plan_start: int,
    initiatives: dict[int, list[tuple[int, int]]],
    objectives: dict[int, list[int]],
    groups: dict[int, list[int]],
    entries: dict[int, list[tuple[int, int, int, str]]],
) -> None:
    """What one economy's counted reports (report id, year; oldest first) add to one window."""
    start, end, submitted = window
    inside = [pk for pk, year in counted if start <= year <= end]
    if inside:
        counts[(start, end, submitted, Kind.REPORTING, 0, "")] += 1
    areas: set[int] = set()
    for report_id in inside:
        for initiative_id, area_id in initiatives.get(report_id, ()):
            areas.add(area_id)
            counts[(start, end, submitted, Kind.INITIATIVES, area_id, "")] += 1
            for objective_id in objectives.get(initiative_id, ()):
                counts[(start, end, submitted, Kind.OBJECTIVE, area_id, str(objective_id))] += 1
            for group_id in groups.get(initiative_id, ()):
                counts[(start, end, submitted, Kind.GROUP, area_id, str(group_id))] += 1
        for measure_id, area_id, _row, assessment in entries.get(report_id, ()):
            answer = f"{measure_id}:{assessment}"
            counts[(start, end, submitted, Kind.ANSWERS, area_id, answer)] += 1
    for area_id in areas:
        counts[(start, end, submitted, Kind.CONTRIBUTING, area_id, "")] += 1
    answering = {
        (area_id, measure_id)
        for report_id in inside
        for measure_id, area_id, _row, _assessment in entries.get(report_id, ())
    }
    for area_id, measure_id in answering:
        counts[(start, end, submitted, Kind.ANSWERING, area_id, str(measure_id))] += 1

    before = end - 1 if end - 1 >= plan_start else None
    first = start if before is None else min(start, before)
    rows = [
        ((measure_id, area_id, row), year, assessment)
        for report_id, year in counted
        if first <= year <= end
        for measure_id, area_id, row, assessment in entries.get(report_id, ())
    ]
    assessing_areas: set[int] = set()
    assessing_rows: set[tuple[int, int]] = set()
    # (area, row or "") -> [counts now, counts before], in SCORED's order.
    profiles: dict[tuple[int, str], list[list[int]]] = defaultdict(
        lambda: [[0] * len(SCORED), [0] * len(SCORED)]
    )
    for (measure_id, area_id, row), assessment in latest_of(rows, start, end).items():
        counts[(start, end, submitted, Kind.LATEST, area_id, f"{measure_id}:{assessment}")] += 1
        if assessment in SCORED:
            assessing_areas.add(area_id)
            assessing_rows.add((area_id, row))
            for group in ((area_id, ""), (area_id, str(row))):
                profiles[group][0][SCORED.index(assessment)] += 1
    for area_id in assessing_areas:
        counts[(start, end, submitted, Kind.ASSESSING, area_id, "")] += 1
    for area_id, row in assessing_rows:
        counts[(start, end, submitted, Kind.ASSESSING_ROW, area_id, str(row))] += 1
    if before is not None:
        for (measure_id, area_id, row), assessment in latest_of(rows, first, before).items():
            counts[(start, end, submitted, Kind.BEFORE, area_id, f"{measure_id}:{assessment}")] += 1
            if assessment in SCORED:
                for group in ((area_id, ""), (area_id, str(row))):
                    profiles[group][1][SCORED.index(assessment)] += 1
    reported = any(year == end for _pk, year in counted)
    for (area_id, row_key), (now, then) in profiles.items():
        profile = (tuple(now), tuple(then), reported)
        counts[(start, end, submitted, Kind.PROFILE, area_id, profile_key(row_key, profile))] += 1
        for name, value in profile_moments(profile).items():
            counts[(start, end, submitted, Kind.MOMENTS, area_id, f"{row_key}|{name}")] += value


def lock_plan(plan_id: int) -> None:
    """Take the plan's summaries for this transaction (after the report's row: one order).
    NO KEY UPDATE: it excludes another step's lock, not the key-share locks of rows inserted
    meanwhile that refer to the plan (a cycle, a review)."""
    plan = StrategicPlan.objects.select_for_update(no_key=True).filter(pk=plan_id)
    list(plan.values_list("pk"))


def before_change(report: EconomyReport) -> Counter[CountKey]:
    """Lock the plan's summaries and read what the report's economy adds to them now. Called by
    a service, under the report's lock, before it changes the report; `after_change` follows."""
    lock_plan(report.cycle.plan_id)
    return plan_counts(report.cycle.plan, report.economy_id)


def after_change(report: EconomyReport, before: Counter[CountKey]) -> None:
    """Add to the plan's summaries the difference the service's change made, and move the plan's
    data version (a step changes the participation figures even where no count moves)."""
    after = plan_counts(report.cycle.plan, report.economy_id)
    delta = {key: after[key] - before[key] for key in after.keys() | before.keys()}
    delta = {key: n for key, n in delta.items() if n}
    # The sum over every economy, and the economy's own part (the economy filter's).
    apply(report.cycle.plan_id, delta)
    apply(report.cycle.plan_id, own_part(delta), economy=report.economy_id)
    _refresh_statistics(report)
    data_version_bump(plan_ids=[report.cycle.plan_id])


def own_part(counts: Mapping[CountKey, int]) -> dict[CountKey, int]:
    """An economy's part of the summaries: its counts but the sums kept for many economies."""
    return {key: n for key, n in counts.items() if key[3] != Kind.MOMENTS}


def apply(plan_id: int, delta: dict[CountKey, int], *, economy: int = 0) -> None:
    """Add `delta` to the summary rows of every economy (`economy` 0) or of one: an increment
    in the database (one UPDATE per distinct difference), a row created where none was."""
    if not delta:
        return
    existing = {
        (start, end, submitted, kind, area, key): pk
        for pk, start, end, submitted, kind, area, key in RollupCount.objects.filter(
            plan_id=plan_id, economy=economy, kind__in={key[3] for key in delta}
        ).values_list("pk", "start", "end", "submitted", "kind", "area", "key")
    }
    by_difference: dict[int, list[int]] = defaultdict(list)
    new = []
    for count_key, n in delta.items():
        if count_key in existing:
            by_difference[n].append(existing[count_key])
        else:
            start, end, submitted, kind, area, key = count_key
            new.append(
                RollupCount(
                    plan_id=plan_id,
                    economy=economy,
                    start=start,
                    end=end,
                    submitted=submitted,
                    kind=kind,
                    area=area,
                    key=key,
                    n=n,
                )
            )
    for n, pks in sorted(by_difference.items()):
        RollupCount.objects.filter(pk__in=pks).update(n=F("n") + n)
    RollupCount.objects.bulk_create(new, batch_size=1000)


def stored_counts(plan: StrategicPlan) -> dict[int, Counter[CountKey]]:
    """{economy id (0: every economy): its stored counts}."""
    stored: dict[int, Counter[CountKey]] = defaultdict(Counter)
    for economy, start, end, submitted, kind, area, key, n in (
        RollupCount.objects.filter(plan=plan)
        .exclude(n=0)
        .values_list("economy", "start", "end", "submitted", "kind", "area", "key", "n")
    ):
        stored[economy][(start, end, submitted, kind, area, key)] = n
    return stored


@transaction.atomic
def rollups_rebuild(*, plan: StrategicPlan) -> int:
    """Recompute the plan's summaries from scratch; the number of rows written."""
    lock_plan(plan.pk)
    RollupCount.objects.filter(plan=plan).delete()
    by_economy = economies_counts(plan)
    counts: Counter[CountKey] = Counter()
    for economy_counts in by_economy.values():
        counts.update(economy_counts)
    _insert_counts(
        (plan.pk, economy, *count_key, n)
        for economy, found_counts in [
            (0, counts),
            *((economy, own_part(part)) for economy, part in by_economy.items()),
        ]
        for count_key, n in found_counts.items()
        if n
    )
    MeasureStatistic.objects.filter(plan=plan).delete()
    found = plan_statistics(plan)
    MeasureStatistic.objects.bulk_create(_statistic_rows(plan.pk, found), batch_size=1000)
    data_version_bump(plan_ids=[plan.pk])
    return len(counts) + sum(len(own_part(part)) for part in by_economy.values()) + len(found)


def _insert_counts(rows: Iterable[tuple]) -> None:
    """Insert (plan id, economy, start, end, submitted, kind, area, key, n) rows, many to a
    statement: too many to build as model instances (300,000 at 10x) or to send one at a time
    (psycopg2's `executemany` makes a round trip per row: 3 million at 100x)."""
    table = RollupCount._meta.db_table
    columns = ["plan_id", "economy", "start", "end", "submitted", "kind", "area", "key", "n"]
    quote = connection.ops.quote_name
    per_statement = min(1000, (connection.features.max_query_params or 9000) // len(columns))
    values = f"({', '.join(['%s'] * len(columns))})"
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, per_statement)):
            sql = (  # the names are the model's, quoted; the values are parameters
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                f"VALUES {', '.join([values] * len(batch))}"
            )
            cursor.execute(sql, [value for row in batch for value in row])


def rollups_differences(*, plan: StrategicPlan) -> list[str]:
    """Where the stored summaries differ from a computation from the reports: one line each."""
    stored = stored_counts(plan)
    computed = economies_counts(plan)
    computed[0] = Counter()
    for economy_id, counts in list(computed.items()):
        if economy_id:
            computed[0].update(counts)
            computed[economy_id] = Counter(own_part(counts))
    differences = []
    for economy in sorted(stored.keys() | computed.keys()):
        kept_part, computed_part = stored.get(economy, Counter()), computed.get(economy, Counter())
        part = f" economy={economy}" if economy else ""
        for key in sorted(kept_part.keys() | computed_part.keys()):
            if kept_part[key] != computed_part[key]:
                start, end, submitted, kind, area, item = key
                view = "accepted and submitted" if submitted else "accepted"
                differences.append(
                    f"{plan.code} {start}-{end} ({view}){part} {kind} area={area} "
                    f"key={item or '-'}: stored {kept_part[key]}, computed {computed_part[key]}"
                )
    stored_statistics = {
        (measure_id, year, reference, submitted): Statistic(
            economies, minimum, median, maximum, mad
        )
        for measure_id, year, reference, submitted, economies, minimum, median, maximum, mad in (
            MeasureStatistic.objects.filter(plan=plan).values_list(
                "measure_id",
                "year",
                "reference_year",
                "submitted",
                "economies",
                "minimum",
                "median",
                "maximum",
                "mad",
            )
        )
    }
    computed_statistics = plan_statistics(plan)
    for statistic_key in sorted(stored_statistics.keys() | computed_statistics.keys()):
        kept = stored_statistics.get(statistic_key)
        direct = computed_statistics.get(statistic_key)
        if kept != direct:
            measure_id, year, reference, submitted = statistic_key
            view = "accepted and submitted" if submitted else "accepted"
            differences.append(
                f"{plan.code} {year}-{year} ({view}) statistics measure={measure_id} "
                f"reference year={reference or '-'}: "
                f"stored {kept or 'none'}, computed {direct or 'none'}"
            )
    return differences


@dataclass(frozen=True)
class Statistic:
    """A measure's values of a year that count: how many economies gave one, the lowest, the
    median (of an even number of values, the mean of the two middle ones) and the highest."""

    economies: int
    minimum: Decimal
    median: Decimal
    maximum: Decimal
    # The median absolute deviation: the median of the values' distances from their median, the
    # scale of a modified z-score (0.6745 x (value - median) / MAD).
    mad: Decimal = Decimal(0)

    @classmethod
    def of(cls, values: list[Decimal]) -> Statistic:
        """The statistics of values given lowest first."""
        median = Decimal(statistics.median(values))
        mad = Decimal(statistics.median(sorted(abs(value - median) for value in values)))
        return cls(len(values), values[0], median, values[-1], mad)

    def __eq__(self, other: object) -> bool:
        # 20, not 20.0000 stored and 20.00000 read back: equal Decimals, whatever their places.
        return isinstance(other, Statistic) and self._numbers() == other._numbers()

    def __hash__(self) -> int:
        return hash(self._numbers())

    def _numbers(self) -> tuple[int, Decimal, Decimal, Decimal, Decimal]:
        return (self.economies, self.minimum, self.median, self.maximum, self.mad)

    def __str__(self) -> str:
        # 20, not 20.0000 stored and 20.00000 read back: a stored row and a computation read
        # alike in a difference.
        low, middle, high, mad = (
            format(value.normalize(), "f")
            for value in (self.minimum, self.median, self.maximum, self.mad)
        )
        return f"{self.economies} economies, {low} / {middle} / {high}, MAD {mad}"


# (measure id, year, reference year (0: not given), submitted)
StatisticKey = tuple[int, int, int, bool]


def measure_statistics(
    reports: QuerySet[EconomyReport], measures: Iterable[int] | None = None
) -> dict[tuple[int, int, int], Statistic]:
    """(measure id, year, reference year) -> the statistics of the values of `reports` that
    count, of the given measures (else all): a value in the measure's unit, not flagged as left
    unconverted. The values of one year's reports are kept apart by the year they are about
    (their reference year, 0 where none is given): 2024 data is never pooled with 2025 data. A
    report is one economy's of a year: each value counted is an economy's.

    One query of the values, ordered, a row per economy at most for each measure, year and
    reference year: a median and the deviations around it need them all."""
    entries = MeasureEntry.objects.filter(
        report__in=reports, value__isnull=False, unit=F("measure__unit"), unit_problem=""
    )
    if measures is not None:
        entries = entries.filter(measure_id__in=measures)
    rows = (
        entries.annotate(year=F("report__cycle__year"), reference=Coalesce("reference_year", 0))
        .order_by("measure_id", "year", "reference", "value")
        .values_list("measure_id", "year", "reference", "value")
    )
    values: dict[tuple[int, int, int], list[Decimal]] = defaultdict(list)
    for measure_id, year, reference, value in rows:
        values[(measure_id, year, reference)].append(cast(Decimal, value))  # not null: filtered
    return {key: Statistic.of(found) for key, found in values.items()}


def plan_statistics(
    plan: StrategicPlan, *, year: int | None = None, measures: Iterable[int] | None = None
) -> dict[StatisticKey, Statistic]:
    """The statistics of the plan's measures (or of those given), of every year (or of one),
    in both views, computed from the entries (a query per view)."""
    found: dict[StatisticKey, Statistic] = {}
    for submitted in (False, True):
        reports = EconomyReport.objects.filter(cycle__plan=plan, status__in=statuses(submitted))
        if year is not None:
            reports = reports.filter(cycle__year=year)
        for (measure_id, each_year, reference), statistic in measure_statistics(
            reports, measures
        ).items():
            found[(measure_id, each_year, reference, submitted)] = statistic
    return found


def _statistic_rows(plan_id: int, found: dict[StatisticKey, Statistic]) -> list[MeasureStatistic]:
    return [
        MeasureStatistic(
            plan_id=plan_id,
            measure_id=measure_id,
            year=year,
            reference_year=reference,
            submitted=submitted,
            economies=statistic.economies,
            minimum=statistic.minimum,
            median=statistic.median,
            maximum=statistic.maximum,
            mad=statistic.mad,
        )
        for (measure_id, year, reference, submitted), statistic in found.items()
    ]


def _refresh_statistics(report: EconomyReport) -> None:
    """Recompute the statistics of the report's year, in both views, of the measures it has
    entries of (the only ones a change of its status can move), and write them over the stored
    ones: an update or a new row where the measure has values that count, no row where none is
    left."""
    plan, year = report.cycle.plan, report.cycle.year
    measures = MeasureEntry.objects.filter(report=report).values_list("measure_id", flat=True)
    found = plan_statistics(plan, year=year, measures=measures)
    stale = MeasureStatistic.objects.filter(plan=plan, year=year, measure_id__in=measures)
    for measure_id, _year, reference, submitted in found:
        stale = stale.exclude(measure_id=measure_id, reference_year=reference, submitted=submitted)
    stale.delete()
    MeasureStatistic.objects.bulk_create(
        _statistic_rows(plan.pk, found),
        update_conflicts=True,
        unique_fields=["plan", "measure", "year", "reference_year", "submitted"],
        update_fields=["economies", "minimum", "median", "maximum", "mad"],
    )

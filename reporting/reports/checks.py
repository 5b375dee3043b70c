"""The data checks run on a report's measure entries as they are entered: warnings, never
refusals. The thresholds live here and nowhere else (docs/rollups.md lists them).

Each check is a plain function of a report's entries and what it needs from the database, read
by `report_warnings` in a fixed number of queries whatever the report's size: the entries, the
economy's earlier values of the same measures, and the other economies' values of the same
measures and reference years.

A delegate may confirm a flagged value with a reason (`MeasureEntry.confirmed_reason`, kept in
the entry's history): its warnings then show as confirmed, not open.
"""

from __future__ import annotations

import enum
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db.models import F, Q

from plans.models import MeasureOfProgress
from reporting.reports.models import EconomyReport, MeasureEntry, ReportStatus
from reporting.reports.scoring import SCORED

# A value more than RATIO times, or less than 1/RATIO of, the economy's previous one.
RATIO = Decimal(3)
# A modified z-score above this, among at least MIN_PEERS other economies' values.
Z_SCORE = Decimal("3.5")
MIN_PEERS = 5
# The constant that makes the median absolute deviation comparable with a standard deviation
# (Iglewicz and Hoaglin).
Z_FACTOR = Decimal("0.6745")
# A reference year older than the report's year minus this.
REFERENCE_AGE = 2

# The reports whose values the checks compare with: accepted ones, those the roll-ups count.
COMPARED = (ReportStatus.ACCEPTED,)


class Kind(enum.StrEnum):
    RATIO = "ratio"
    OUTLIER = "outlier"
    OLD_REFERENCE = "old_reference"
    NO_VALUE = "no_value"


@dataclass(frozen=True)
class DataWarning:
    entry: MeasureEntry
    kind: Kind
    message: str

    @property
    def confirmed(self) -> bool:
        return bool(self.entry.confirmed_reason)

    @property
    def measure(self) -> MeasureOfProgress:
        return self.entry.measure


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def check_ratio(entry: MeasureEntry, previous: MeasureEntry | None) -> DataWarning | None:
    """(a) More than RATIO times or less than 1/RATIO of the economy's previous value."""
    if entry.value is None or previous is None or previous.value is None:
        return None
    if previous.value <= 0 or entry.value < 0:
        return None
    if entry.value > previous.value * RATIO:
        how = f"more than {RATIO} times"
    elif entry.value * RATIO < previous.value:
        how = f"less than 1/{RATIO} of"
    else:
        return None
    year = previous.reference_year or previous.report.cycle.year
    return DataWarning(
        entry,
        Kind.RATIO,
        f"{_number(entry.value)} is {how} {_number(previous.value)}, the value for {year}.",
    )


def modified_z(value: Decimal, others: Sequence[Decimal]) -> Decimal | None:
    """The modified z-score of `value` among `others`: None with fewer than MIN_PEERS values
    or no spread (a median absolute deviation of zero)."""
    if len(others) < MIN_PEERS:
        return None
    median = Decimal(statistics.median(others))
    mad = Decimal(statistics.median([abs(other - median) for other in others]))
    if mad == 0:
        return None
    return Z_FACTOR * (value - median) / mad


def check_outlier(entry: MeasureEntry, others: Sequence[Decimal]) -> DataWarning | None:
    """(b) A modified z-score above Z_SCORE among the other economies' values of the measure
    for the same reference year."""
    if entry.value is None:
        return None
    score = modified_z(entry.value, others)
    if score is None or abs(score) <= Z_SCORE:
        return None
    return DataWarning(
        entry,
        Kind.OUTLIER,
        f"{_number(entry.value)} is far from the {len(others)} other economies' values for "
        f"{entry.reference_year} (median {_number(Decimal(statistics.median(others)))}).",
    )


def check_reference_year(entry: MeasureEntry, report_year: int) -> DataWarning | None:
    """(c) A reference year older than the report's year minus REFERENCE_AGE."""
    if entry.reference_year is None or entry.reference_year >= report_year - REFERENCE_AGE:
        return None
    return DataWarning(
        entry,
        Kind.OLD_REFERENCE,
        f"The data are for {entry.reference_year}, more than {REFERENCE_AGE} years before "
        f"{report_year}.",
    )


def check_value_missing(entry: MeasureEntry) -> DataWarning | None:
    """(d) An assessment without a value on a quantitative measure."""
    if entry.measure.kind == MeasureOfProgress.Kind.QUALITATIVE:
        return None
    if entry.assessment not in SCORED or entry.value is not None:
        return None
    return DataWarning(
        entry,
        Kind.NO_VALUE,
        f"Assessed “{entry.get_assessment_display()}” without a value.",
    )


# The entries whose values the statistics count: in the measure's unit, not flagged.
COUNTED_VALUE = Q(value__isnull=False, unit=F("measure__unit"), unit_problem="")


def _previous_values(
    plan_id: int, year: int, entries: Sequence[MeasureEntry]
) -> dict[tuple[int, int], MeasureEntry]:
    """(economy id, measure id) -> the economy's value of the measure in its latest compared
    report before `year` (one query; at most a row per economy, earlier year and measure)."""
    with_value = [entry for entry in entries if entry.value is not None]
    if not with_value:
        return {}
    rows = (
        MeasureEntry.objects.filter(
            COUNTED_VALUE,
            report__economy_id__in={entry.report.economy_id for entry in with_value},
            report__cycle__plan_id=plan_id,
            report__cycle__year__lt=year,
            report__status__in=COMPARED,
            measure_id__in={entry.measure_id for entry in with_value},
        )
        .select_related("report__cycle")
        .order_by("report__cycle__year")
    )
    return {(entry.report.economy_id, entry.measure_id): entry for entry in rows}


Peers = dict[tuple[int, int], dict[int, Decimal]]


def _peer_values(plan_id: int, entries: Sequence[MeasureEntry]) -> Peers:
    """(measure id, reference year) -> economy id -> the economy's value, from its latest
    compared report holding that measure and year (one query, at most a row per economy, report
    year and pair)."""
    pairs = {
        (entry.measure_id, entry.reference_year)
        for entry in entries
        if entry.value is not None and entry.reference_year is not None
    }
    if not pairs:
        return {}
    wanted = Q()
    for measure_id, reference_year in pairs:
        wanted |= Q(measure_id=measure_id, reference_year=reference_year)
    rows = (
        MeasureEntry.objects.filter(
            wanted, COUNTED_VALUE, report__cycle__plan_id=plan_id, report__status__in=COMPARED
        )
        .order_by("report__cycle__year")
        .values_list("measure_id", "reference_year", "report__economy_id", "value")
    )
    latest: Peers = defaultdict(dict)
    for row_measure, row_year, economy_id, value in rows:
        # Not null: the pairs name a reference year, and COUNTED_VALUE a value.
        latest[(row_measure, cast(int, row_year))][economy_id] = cast(Decimal, value)
    return latest


def entries_warnings(plan_id: int, year: int, entries: Sequence[MeasureEntry]) -> list[DataWarning]:
    """The warnings of `entries` (of reports of one plan and year; each with its measure and
    its report's economy id loaded): two queries, whatever the number of entries."""
    previous = _previous_values(plan_id, year, entries)
    peers = _peer_values(plan_id, entries)
    found: list[DataWarning] = []
    for entry in entries:
        economy_id = entry.report.economy_id
        others = peers.get((entry.measure_id, entry.reference_year or 0), {})
        checks = (
            check_ratio(entry, previous.get((economy_id, entry.measure_id))),
            check_outlier(entry, [v for e, v in others.items() if e != economy_id]),
            check_reference_year(entry, year),
            check_value_missing(entry),
        )
        found.extend(warning for warning in checks if warning is not None)
    return found


def report_warnings(report: EconomyReport) -> list[DataWarning]:
    """The warnings of a report's entries: three queries, whatever the report's size."""
    entries = list(MeasureEntry.objects.filter(report=report).select_related("measure__area"))
    for entry in entries:
        entry.report = report
    return entries_warnings(report.cycle.plan_id, report.cycle.year, entries)


def entry_warnings(
    report: EconomyReport, entries: Sequence[MeasureEntry]
) -> dict[int, list[DataWarning]]:
    """The warnings of the report's `entries` by entry id, for a page that shows them beside
    each field; entries not (or no longer) of the report, as a forged form's, are left out."""
    own = [entry for entry in entries if entry.pk and entry.report_id == report.pk]
    for entry in own:
        entry.report = report
    found: dict[int, list[DataWarning]] = defaultdict(list)
    for warning in entries_warnings(report.cycle.plan_id, report.cycle.year, own):
        found[warning.entry.pk].append(warning)
    return dict(found)


def year_warnings(
    plan_id: int, year: int, *, economy: str = "", statuses: Sequence[str] = ()
) -> list[DataWarning]:
    """The open warnings of a plan's reports of a year (of one economy's, if given; of the
    reports in `statuses`, else the submitted and accepted ones), in the catalogue's order: three
    queries, whatever the number of reports."""
    entries = MeasureEntry.objects.filter(
        report__cycle__plan_id=plan_id,
        report__cycle__year=year,
        report__status__in=statuses or (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED),
        confirmed_reason="",
    ).select_related("measure__area", "report__economy", "report__cycle")
    if economy:
        entries = entries.filter(report__economy__code=economy)
    ordered = list(
        entries.order_by("report__economy__position", "measure__area__number", "measure__number")
    )
    return open_warnings(entries_warnings(plan_id, year, ordered))


def open_warnings(warnings: Iterable[DataWarning]) -> list[DataWarning]:
    return [warning for warning in warnings if not warning.confirmed]

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
class Warning:
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


def check_ratio(entry: MeasureEntry, previous: MeasureEntry | None) -> Warning | None:
    """(a) More than RATIO times or less than 1/RATIO of the economy's previous value."""
    if entry.value is None or previous is None or previous.value is None:
        return None
    if previous.value <= 0 or entry.value < 0:
        return None
    if entry.value > previous.value * RATIO or entry.value * RATIO < previous.value:
        year = previous.reference_year or previous.report.cycle.year
        return Warning(
            entry,
            Kind.RATIO,
            f"{_number(entry.value)} is more than {RATIO} times or less than a third of "
            f"{_number(previous.value)}, the value for {year}.",
        )
    return None


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


def check_outlier(entry: MeasureEntry, others: Sequence[Decimal]) -> Warning | None:
    """(b) A modified z-score above Z_SCORE among the other economies' values of the measure
    for the same reference year."""
    if entry.value is None:
        return None
    score = modified_z(entry.value, others)
    if score is None or abs(score) <= Z_SCORE:
        return None
    return Warning(
        entry,
        Kind.OUTLIER,
        f"{_number(entry.value)} is far from the {len(others)} other economies' values for "
        f"{entry.reference_year} (median {_number(Decimal(statistics.median(others)))}).",
    )


def check_reference_year(entry: MeasureEntry, report_year: int) -> Warning | None:
    """(c) A reference year older than the report's year minus REFERENCE_AGE."""
    if entry.reference_year is None or entry.reference_year >= report_year - REFERENCE_AGE:
        return None
    return Warning(
        entry,
        Kind.OLD_REFERENCE,
        f"The data are for {entry.reference_year}, more than {REFERENCE_AGE} years before "
        f"{report_year}.",
    )


def check_value_missing(entry: MeasureEntry) -> Warning | None:
    """(d) An assessment without a value on a quantitative measure."""
    if entry.measure.kind == MeasureOfProgress.Kind.QUALITATIVE:
        return None
    if entry.assessment not in SCORED or entry.value is not None:
        return None
    return Warning(
        entry,
        Kind.NO_VALUE,
        f"Assessed “{entry.get_assessment_display()}” without a value.",
    )


# The entries whose values the statistics count: in the measure's unit, not flagged.
COUNTED_VALUE = Q(value__isnull=False, unit=F("measure__unit"), unit_problem="")


def _previous_values(report: EconomyReport, measures: list[int]) -> dict[int, MeasureEntry]:
    """The economy's value of each measure in its latest compared report before this one (one
    query; at most one row per earlier year and measure)."""
    rows = (
        MeasureEntry.objects.filter(
            COUNTED_VALUE,
            report__economy_id=report.economy_id,
            report__cycle__plan_id=report.cycle.plan_id,
            report__cycle__year__lt=report.cycle.year,
            report__status__in=COMPARED,
            measure_id__in=measures,
        )
        .select_related("report__cycle")
        .order_by("report__cycle__year")
    )
    return {entry.measure_id: entry for entry in rows}  # the latest year wins


def _peer_values(
    report: EconomyReport, pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], list[Decimal]]:
    """(measure id, reference year) -> the other economies' values, each economy's from its
    latest compared report holding that measure and year (one query, at most one row per
    economy, report year and pair)."""
    if not pairs:
        return {}
    wanted = Q()
    for measure_id, reference_year in pairs:
        wanted |= Q(measure_id=measure_id, reference_year=reference_year)
    rows = (
        MeasureEntry.objects.filter(
            wanted,
            COUNTED_VALUE,
            report__cycle__plan_id=report.cycle.plan_id,
            report__status__in=COMPARED,
        )
        .exclude(report__economy_id=report.economy_id)
        .order_by("report__cycle__year")
        .values_list("measure_id", "reference_year", "report__economy_id", "value")
    )
    latest: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for measure_id, reference_year, economy_id, value in rows:
        latest[(measure_id, reference_year)][economy_id] = value
    return {pair: list(values.values()) for pair, values in latest.items()}


def entries_warnings(report: EconomyReport, entries: Sequence[MeasureEntry]) -> list[Warning]:
    """The warnings of `entries` (of `report`, their measures loaded): two queries."""
    measures = [entry.measure_id for entry in entries if entry.value is not None]
    previous = _previous_values(report, measures) if measures else {}
    pairs = {
        (entry.measure_id, entry.reference_year)
        for entry in entries
        if entry.value is not None and entry.reference_year is not None
    }
    peers = _peer_values(report, pairs)
    year = report.cycle.year
    found: list[Warning] = []
    for entry in entries:
        checks = (
            check_ratio(entry, previous.get(entry.measure_id)),
            check_outlier(entry, peers.get((entry.measure_id, entry.reference_year or 0), [])),
            check_reference_year(entry, year),
            check_value_missing(entry),
        )
        found.extend(warning for warning in checks if warning is not None)
    return found


def report_warnings(report: EconomyReport) -> list[Warning]:
    """The warnings of a report's entries: three queries, whatever the report's size."""
    entries = list(MeasureEntry.objects.filter(report=report).select_related("measure__area"))
    return entries_warnings(report, entries)


def entry_warnings(
    report: EconomyReport, entries: Sequence[MeasureEntry]
) -> dict[int, list[Warning]]:
    """The warnings of `entries` by entry id, for a page that shows them beside each field."""
    found: dict[int, list[Warning]] = defaultdict(list)
    for warning in entries_warnings(report, entries):
        found[warning.entry.pk].append(warning)
    return dict(found)


def open_warnings(warnings: Iterable[Warning]) -> list[Warning]:
    return [warning for warning in warnings if not warning.confirmed]

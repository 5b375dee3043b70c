"""One measure of progress: each economy's values by year with the change on its value for the
reference year before, and the lowest, median and highest value of each year (never a sum)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from plans.models import Economy, MeasureOfProgress
from reporting.reports import summaries
from reporting.reports.models import Assessment, MeasureEntry, MeasureStatistic
from reporting.rollups.window import Window


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
    """A year's reports' values of a measure about one reference year (the year the data is
    about): a year's reports may carry the year before's data too, never pooled with its own.
    A year with no value at all has one row, its reference year None."""

    year: int  # the year of the reports
    economies: int  # economies that reported a value
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None
    of: int = 0  # all economies, the filter's one economy's values among them
    reference_year: int | None = None  # the year the data is about; 0: not given
    mad: Decimal | None = None  # median absolute deviation (the modified z-score's scale)

    @property
    def label(self) -> str:
        """“2024 data”, the heading of the statistics."""
        if self.reference_year is None:
            return "no data"
        return f"{self.reference_year} data" if self.reference_year else "data year not given"


@dataclass
class MeasureRollup:
    measure: MeasureOfProgress
    rows: list[tuple[Economy, dict[int, ValueCell]]]
    stats: list[YearStats]
    economies: int = 0  # the denominator: all economies, whatever the filter
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
    return MeasureRollup(
        measure=measure,
        rows=list(by_economy.values()),
        # Against all economies under an economy filter too: "1 of 21", as on the dashboard.
        stats=year_statistics(window, measure, of=economies),
        economies=economies,
        flagged=flagged,
    )


def year_statistics(window: Window, measure: MeasureOfProgress, *, of: int) -> list[YearStats]:
    """Lowest, median and highest value of each year of the window by reference year, and how
    many economies reported one, over the values that count (in the measure's unit): read from
    the statistics the workflow keeps (one query, a row per year and reference year), whatever
    the number of economies. One
    economy's are computed from its own reports."""
    return measures_statistics(window, [measure], of=of)[measure.pk]


def measures_statistics(
    window: Window, measures: list[MeasureOfProgress], *, of: int
) -> dict[int, list[YearStats]]:
    """`year_statistics` of each of the `measures` (the review's), in one query: measure id ->
    the YearStats of each year of the window and each reference year of its reports."""
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
        ).values_list(
            "measure_id",
            "year",
            "reference_year",
            "economies",
            "minimum",
            "median",
            "maximum",
            "mad",
        )
        found = {
            (measure_id, year, reference): summaries.Statistic(
                economies, minimum, median, maximum, mad
            )
            for measure_id, year, reference, economies, minimum, median, maximum, mad in rows
        }
    by_measure: dict[int, dict[tuple[int, int], summaries.Statistic]] = defaultdict(dict)
    for (measure_id, year, reference), statistic in found.items():
        by_measure[measure_id][(year, reference)] = statistic
    return {pk: year_stats(window, by_measure[pk], of=of) for pk in ids}


def year_stats(
    window: Window, found: dict[tuple[int, int], summaries.Statistic], *, of: int
) -> list[YearStats]:
    """A row per year of the window and reference year of its reports' values (oldest data
    first), one empty row for a year without any value."""
    stats = []
    for year in window.years:
        references = sorted(reference for each_year, reference in found if each_year == year)
        if not references:
            stats.append(YearStats(year, 0, None, None, None, of=of))
        for reference in references:
            statistic = found[(year, reference)]
            stats.append(
                YearStats(
                    year=year,
                    economies=statistic.economies,
                    minimum=statistic.minimum,
                    median=statistic.median,
                    maximum=statistic.maximum,
                    of=of,
                    reference_year=reference,
                    mad=statistic.mad,
                )
            )
    return stats

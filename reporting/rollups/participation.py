"""Who reported: each year's reports by status against all economies, the on-time count, and
the economy x year table of statuses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from plans.models import Economy
from reporting.reports.models import ReportStatus, on_time
from reporting.rollups.window import Window


@dataclass
class YearParticipation:
    year: int
    by_status: dict[str, int]
    counted: int
    economies: int
    on_time: int
    submitted: int
    reopened: int = 0  # reports of the year reopened after acceptance: the year's figures moved

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.submitted if self.submitted else None


def participation(window: Window, economies: list[Economy] | int) -> list[YearParticipation]:
    """Reports per year by status (x of N economies) and the on-time rate against the due date.

    On time: first submitted on or before the cycle's due date, the date taken in the cycle's
    time zone, among the counted reports that have been submitted; a resubmission after a return
    does not make a report late. Reopened: the year's reports the director reopened after
    accepting them, whatever their status now (each moved the year's figures). A row per year
    whatever the number of reports: the counts by status side by side, aggregated in the
    database over the window's reports (one per economy and year, on the cycle index).
    `economies`: all of them, or their number.
    """
    by_status = {status: Count("id", filter=Q(status=status)) for status in ReportStatus.values}
    counted = Q(status__in=window.statuses)
    rows = (
        window.all_reports()
        .values("cycle__year")
        .annotate(
            **by_status,
            sent=Count("id", filter=counted & Q(submitted_at__isnull=False)),
            on_time=Count("id", filter=counted & on_time()),
            reopened=Count("id", filter=Q(reopened_after_acceptance_at__isnull=False)),
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
                reopened=counts.get("reopened", 0),
            )
        )
    return result


def reopened_in(years: Iterable[YearParticipation]) -> int:
    """The reports of these years reopened after acceptance: the figures of the window that
    count them moved."""
    return sum(year.reopened for year in years)


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

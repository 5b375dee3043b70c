"""The director's queue and the home page's counts, read in the database: a page of economies
with their report of a cycle, filtered by status and economy, and the reports per state counted
by one aggregate. Their cost does not grow with the economies or the reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from plans.models import Economy
from reporting.reports.models import EconomyReport, ReportingCycle, ReportStatus

# A page of the queue: the 21 members on one.
ECONOMIES_PER_PAGE = 21
# Reports still to come from their economy: overdue once the due date has passed.
WAITING = (ReportStatus.DRAFT, ReportStatus.RETURNED)
MISSING = "missing"  # the status filter's value for an economy that has not started


@dataclass(frozen=True)
class StateCounts:
    """The reports of a cycle per state, "not started" included, of `economies` in all."""

    economies: int
    by_status: dict[str, int]  # "missing" and every ReportStatus value

    @property
    def waiting(self) -> int:
        """Economies whose report is not in: not started, draft or returned."""
        return sum(self.by_status[status] for status in (MISSING, *WAITING))


def state_counts(cycle: ReportingCycle) -> StateCounts:
    """One aggregate over the economies joined to their report of the cycle."""
    found = with_cycle_status(cycle).aggregate(
        economies=Count("pk"),
        **{
            status: Count("pk", filter=Q(cycle_status=status))
            for status in (MISSING, *ReportStatus.values)
        },
    )
    economies = found.pop("economies")
    return StateCounts(economies, found)


def with_cycle_status(cycle: ReportingCycle) -> QuerySet[Economy]:
    """Every economy, with `cycle_status`: its report's status for the cycle, or "missing".
    An economy has at most one report a cycle, so the join adds no row."""
    return Economy.objects.annotate(
        cycle_report=FilteredRelation("reports", condition=Q(reports__cycle=cycle)),
        cycle_status=Coalesce(F("cycle_report__status"), Value(MISSING)),
    )


def waiting_economies(cycle: ReportingCycle, *, limit: int) -> list[tuple[Economy, str]]:
    """The first `limit` economies whose report of the cycle is not in, in APEC's order, each
    with its report's status ("missing" when not started)."""
    economies = (
        with_cycle_status(cycle)
        .filter(Q(cycle_status__in=[MISSING, *WAITING]))
        .order_by("position")[:limit]
    )
    # cycle_status is the annotation above, which the type checker does not see.
    return [(economy, economy.cycle_status) for economy in economies]  # type: ignore[attr-defined]


def economy_matches(text: str) -> Q:
    """An economy by its code, or a part of its name ("CHL", "chile", "Korea")."""
    return Q(code__iexact=text) | Q(short_name__icontains=text) | Q(name__icontains=text)


@dataclass(frozen=True)
class QueueRow:
    economy: Economy
    report: EconomyReport | None


def queue_page(
    cycle: ReportingCycle,
    *,
    status: str = "",
    economy: str = "",
    page: str | None = None,
    counts: StateCounts | None = None,
) -> tuple[Page, list[QueueRow]]:
    """A page of the cycle's economies that pass the filters, each with its report (and the
    report's progress): the count (known from `counts` under the status filter alone), the
    page, and the page's reports."""
    economies = with_cycle_status(cycle)
    if status:
        economies = economies.filter(Q(cycle_status=status))
    if economy:
        economies = economies.filter(economy_matches(economy))
    paginator = Paginator(economies.order_by("position"), ECONOMIES_PER_PAGE)
    if counts is not None and not economy:
        # Paginator.count is a cached property: set, it is not asked of the database again.
        paginator.__dict__["count"] = counts.by_status[status] if status else counts.economies
    shown = paginator.get_page(page)
    listed = list(shown.object_list)
    reports = {
        report.economy_id: report
        for report in EconomyReport.objects.filter(
            cycle=cycle, economy__in=[e.pk for e in listed]
        ).with_progress()
    }
    rows = []
    for row_economy in listed:
        report = reports.get(row_economy.pk)
        if report is not None:
            report.cycle, report.economy = cycle, row_economy
        rows.append(QueueRow(row_economy, report))
    return shown, rows

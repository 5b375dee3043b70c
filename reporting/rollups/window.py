"""What a roll-up counts: a plan's years, optionally one economy or one priority area, and the
report statuses that count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from plans.models import PriorityArea, StrategicPlan
from reporting.reports.models import EconomyReport, ReportStatus


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

"""The APEC project portfolio of a plan over a year or a window of years: plain functions over
querysets, aggregated in the database.

Rules (docs/rollups.md): the projects of a window are those of the plan whose timeframe overlaps it
and that are under way or done (approved, in implementation, completed; not concept notes nor
cancelled projects). The share of a priority area is the number of those projects that tag the
area divided by all of them; a project may tag several areas, so the shares may add up to more
than 100 %, as the secretariat reports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from plans.catalogue import rounding
from plans.catalogue.models import PriorityArea, StrategicPlan
from plans.projects.models import ApecProject, Funding, ProjectStatus

PORTFOLIO_METHOD = (
    "Projects of the plan under way or done in the years chosen (approved, in implementation or "
    "completed). An area's share is the projects tagging the area over all those projects; a "
    "project may address several areas, so the shares may add up to more than 100 %."
)


@dataclass(frozen=True)
class AreaShare:
    area: PriorityArea
    projects: int
    total: int

    @property
    def share(self) -> float | None:
        return self.projects / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return int(rounding.percent_of(share)) if share is not None else None


@dataclass(frozen=True)
class Portfolio:
    plan: StrategicPlan
    start: int
    end: int
    total: int
    areas: list[AreaShare]
    funding: dict[str, int]  # Funding label -> projects
    statuses: dict[str, int]  # ProjectStatus label -> projects
    proponents: list[tuple[str, str, int]]  # (economy code, short name, projects), most first
    area: int | None = None  # funding, statuses and proponents of this area's projects only
    scoped: int = 0  # the projects tagging `area` (all of them without one)

    @property
    def economies_proposing(self) -> int:
        return len(self.proponents)

    @property
    def years(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


def portfolio_projects(*, plan: StrategicPlan, start: int, end: int) -> QuerySet[ApecProject]:
    return ApecProject.objects.filter(plan=plan).active_in(start, end).in_portfolio()


def area_shares(*, plan: StrategicPlan, start: int, end: int, total: int) -> list[AreaShare]:
    """One query: every area of the plan with the number of portfolio projects tagging it."""
    projects = portfolio_projects(plan=plan, start=start, end=end)
    areas = plan.areas.annotate(
        n=Count("projects", filter=Q(projects__in=projects.values("pk")), distinct=True)
    ).order_by("number")
    return [AreaShare(area=area, projects=area.n, total=total) for area in areas]


def portfolio(*, plan: StrategicPlan, start: int, end: int, area: int | None = None) -> Portfolio:
    """Three queries: funding by status, areas, proponents. With `area`, the figures of the
    projects tagging that area, and its share of all of them (a fourth query: the total)."""
    everything = portfolio_projects(plan=plan, start=start, end=end)
    projects = everything.filter(areas__number=area).distinct() if area else everything
    funding = dict.fromkeys(Funding.labels, 0)
    statuses = {
        label: 0
        for value, label in ProjectStatus.choices
        if value not in (ProjectStatus.CONCEPT_NOTE, ProjectStatus.CANCELLED)
    }
    funding_labels, status_labels = dict(Funding.choices), dict(ProjectStatus.choices)
    total = 0
    for row in projects.order_by().values("funding", "status").annotate(n=Count("pk")):
        total += row["n"]
        funding[funding_labels[row["funding"]]] += row["n"]
        statuses[status_labels[row["status"]]] += row["n"]
    proponents = [
        (row["proponent__code"], row["proponent__short_name"], row["n"])
        for row in projects.order_by()
        .values("proponent__code", "proponent__short_name", "proponent__position")
        .annotate(n=Count("pk"))
        .order_by("-n", "proponent__position")
    ]
    scoped = total
    if area:
        total = everything.count()
    shares = area_shares(plan=plan, start=start, end=end, total=total)
    return Portfolio(
        plan=plan,
        start=start,
        end=end,
        total=total,
        areas=[share for share in shares if not area or share.area.number == area],
        funding=funding,
        statuses=statuses,
        proponents=proponents,
        area=area,
        scoped=scoped,
    )


def panel_context(*, plan: StrategicPlan, start: int, end: int, area: int | None = None) -> dict:
    """What templates/projects/portfolio_panel.html shows, e.g. on the dashboard."""
    return {
        "portfolio": portfolio(plan=plan, start=start, end=end, area=area),
        "portfolio_method": PORTFOLIO_METHOD,
    }

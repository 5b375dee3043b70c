"""The home page's “what to do next” for each role. The page belongs to the catalogue's app,
which knows nothing of reports or reviews, so its template asks here (as `initiatives_naming`
does on a project's page): `{% role_home as home %}`."""

from django import template
from django.utils import timezone

from plans.accounts.roles import identity_of
from plans.models import StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.reports.models import ReportingCycle
from reporting.reports.overview import CycleCounts, delegate_tasks, director_counts
from reporting.reviews.models import Review, ReviewKind

register = template.Library()


@register.simple_tag(takes_context=True)
def role_home(context: template.Context) -> dict:
    identity = identity_of(context["request"].user)
    home: dict = {"identity": identity}
    if identity.is_delegate:
        home["tasks"], home["last_accepted"] = delegate_tasks(identity)
    if identity.reads_all:
        cycle = ReportingCycle.objects.open().select_related("plan").first()
        home["cycle_counts"] = director_counts(cycle) if cycle is not None else None
    if identity.is_chair:
        home["reviews"] = chair_reviews()
    if identity.is_director or identity.is_chair:
        home["annual"] = annual_report_home(home.get("cycle_counts"))
    return home


def annual_report_home(counts: CycleCounts | None) -> tuple | None:
    """The program director's report to write next: that of the open cycle's year, else of
    the plan in force's latest year so far (plan, year, report or None)."""
    cycle = counts.cycle if counts else None
    plan = cycle.plan if cycle else StrategicPlan.objects.order_by("-start_year").first()
    if plan is None:
        return None
    year = cycle.year if cycle else min(max(timezone.now().year, plan.start_year), plan.end_year)
    return plan, year, AnnualReport.objects.filter(plan=plan, year=year).first()


def chair_reviews() -> list[tuple]:
    """The mid-term and final review of the plan in force, written or not: (plan, kind, label,
    review or None)."""
    plan = StrategicPlan.objects.order_by("-start_year").first()
    if plan is None:
        return []
    saved = {review.kind: review for review in Review.objects.filter(plan=plan)}
    return [(plan, kind, label, saved.get(kind)) for kind, label in ReviewKind.choices]

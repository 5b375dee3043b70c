"""Who may read and change the director's annual report: every signed-in person reads it; the
program director and the Chair write, freeze and reopen it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from plans.accounts.roles import identity_of
from plans.models import StrategicPlan
from reporting.annual.models import AnnualReport


def get_annual_report_for_user(user, code: str, year: int, *, write: bool = False) -> AnnualReport:
    """The plan's report of that year (unsaved until first written). A year outside the plan
    is 404."""
    try:
        plan = StrategicPlan.objects.get(code=code)
    except StrategicPlan.DoesNotExist as missing:
        raise Http404("No such plan.") from missing
    if not plan.start_year <= year <= plan.end_year:
        raise Http404("The plan has no such year.")
    if write:
        require_annual_writer(user)
    report = AnnualReport.objects.for_page(plan, year)
    report.plan = plan
    return report


def require_annual_writer(user) -> None:
    identity = identity_of(user)
    if not (identity.is_director or identity.is_chair):
        raise PermissionDenied("Only the program director and the Chair can change this report.")

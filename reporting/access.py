"""Who may see and change which report: the one place views and the API ask.

Another economy's report is 404 (its existence is not disclosed); a read-only role or a report
that cannot change any more is 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from plans.models import Economy
from plans.roles import identity_of
from reporting.models import EconomyReport, ReportingCycle


def get_slot_for_user(
    user, year: int, code: str
) -> tuple[ReportingCycle, Economy, EconomyReport | None]:
    """The cycle, economy and report (if started) of /reports/<year>/<code>/, if the user may
    look at them."""
    identity = identity_of(user)
    if not (identity.reads_all or identity.economy_code == code):
        raise Http404("No such report.")
    try:
        cycle = ReportingCycle.objects.select_related("plan").get(year=year)
        economy = Economy.objects.get(code=code)
    except (ReportingCycle.DoesNotExist, Economy.DoesNotExist) as missing:
        raise Http404("No such report.") from missing
    report = (
        EconomyReport.objects.select_related("reviewed_by")
        .filter(cycle=cycle, economy=economy)
        .first()
    )
    if report is not None:
        report.cycle, report.economy = cycle, economy
    return cycle, economy, report


def get_report_for_user(user, year: int, code: str, *, write: bool = False) -> EconomyReport:
    """The report, checked for reading or (write=True) for a delegate's change."""
    _cycle, economy, report = get_slot_for_user(user, year, code)
    if report is None:
        raise Http404("This report has not been started.")
    if write:
        check_can_write(user, economy, report)
    return report


def check_can_write(user, economy: Economy, report: EconomyReport | None) -> None:
    identity = identity_of(user)
    if identity.economy_code != economy.code:
        raise PermissionDenied("Only the economy's delegates can change its report.")
    if report is not None and not report.is_editable:
        raise PermissionDenied(
            f"This report is {report.get_status_display().lower()}"
            + ("" if report.cycle.is_open else " and its cycle is closed")
            + ": it cannot be changed."
        )


def require_director(user) -> None:
    if not identity_of(user).is_director:
        raise PermissionDenied("Only the program director can do this.")


def require_reader_of_all(user) -> None:
    if not identity_of(user).reads_all:
        raise PermissionDenied("Only the program director and the Chair can see this page.")


def get_review_for_user(user, code: str, kind: str, *, write: bool = False):
    """The plan's review of that kind (unsaved until first written): every signed-in person
    reads it; the Chair and the program director write it."""
    from plans.models import StrategicPlan
    from reporting.review_models import Review, ReviewKind

    if kind not in ReviewKind.values:
        raise Http404("No such review.")
    try:
        plan = StrategicPlan.objects.get(code=code)
    except StrategicPlan.DoesNotExist as missing:
        raise Http404("No such plan.") from missing
    if write:
        require_review_writer(user)
    review = Review.objects.for_page(plan, kind)
    review.plan = plan
    return review


def require_review_writer(user) -> None:
    identity = identity_of(user)
    if not (identity.is_chair or identity.is_director):
        raise PermissionDenied("Only the Chair and the program director can change a review.")


def require_chair(user) -> None:
    if not identity_of(user).is_chair:
        raise PermissionDenied("Only the Chair can do this.")

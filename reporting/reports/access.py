"""Who may see and change which report: the one place views and the API ask.

Another economy's report is 404 (its existence is not disclosed); a read-only role or a report
that cannot change any more is 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from plans.accounts.roles import identity_of
from plans.models import Economy
from plans.projects.initiatives import ReportedInitiative
from reporting.reports.models import EconomyReport, Initiative, ReportingCycle, ReportStatus


def may_read_reports_of(user, code: str) -> bool:
    """Whether the user may open the reports of the economy with this code: the secretariat
    and the Chair read every economy's; a delegate, their own economy's."""
    identity = identity_of(user)
    return identity.reads_all or identity.economy_code == code


def get_slot_for_user(
    user, year: int, code: str
) -> tuple[ReportingCycle, Economy, EconomyReport | None]:
    """The cycle, economy and report (if started) of /reports/<year>/<code>/, if the user may
    look at them."""
    if not may_read_reports_of(user, code):
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
    check_is_writer(user, economy)
    if report is not None and not report.is_editable:
        raise PermissionDenied(why_unchangeable(report))


def check_is_writer(user, economy: Economy) -> None:
    """Only the economy's team (its delegate and contributors) changes its reports; every other
    role reads them only. Which sections a contributor changes: check_edits_section."""
    if not identity_of(user).is_team_member_of(economy.code):
        raise PermissionDenied("Only the economy's delegates can change its report.")


def check_is_head(user, economy: Economy) -> None:
    """Submitting and releasing the report is its delegate's (the head of delegation's) alone."""
    check_is_writer(user, economy)
    if not identity_of(user).is_delegate:
        raise PermissionDenied(
            "Only the economy's delegate can do this: contributors edit their sections."
        )


def check_edits_section(user, economy: Economy, slug: str) -> None:
    if not identity_of(user).edits_section(economy.code, slug):
        raise PermissionDenied(
            "This section is not assigned to you: the economy's delegate assigns the sections "
            "on the team page."
        )


def why_unchangeable(report: EconomyReport) -> str:
    """What its delegates are told of a report they can no longer change."""
    return (
        f"This report is {report.get_status_display().lower()}"
        + ("" if report.cycle.is_open else f" and its cycle is {report.cycle.state_label.lower()}")
        + ": it cannot be changed."
    )


def initiatives_naming_project(user, project_code: str) -> list[ReportedInitiative]:
    """Economies' reported initiatives naming an APEC project, from the reports the user may
    read: accepted and submitted ones for the secretariat and the Chair; accepted ones and their
    own economy's for a delegate, who reads other economies' accepted initiatives here but not
    their reports (no link). The project's page gets them through plans.projects.initiatives,
    with which reporting.apps registers this function."""
    identity = identity_of(user)
    if identity.reads_all:
        visible = Q(report__status__in=[ReportStatus.ACCEPTED, ReportStatus.SUBMITTED])
    elif identity.is_delegate:
        visible = Q(report__status=ReportStatus.ACCEPTED) | Q(
            report__economy__code=identity.economy_code
        )
    else:
        return []
    initiatives = (
        Initiative.objects.filter(visible, apec_project_code=project_code)
        .select_related("report__economy", "report__cycle", "area")
        .order_by("-report__cycle__year", "report__economy__position", "pk")
    )
    return [
        ReportedInitiative(
            year=initiative.report.cycle.year,
            economy=str(initiative.report.economy),
            title=initiative.title,
            area_number=initiative.area.number,
            area_name=initiative.area.name,
            report_status=initiative.report.get_status_display(),
            report_url=reverse(
                "reporting:report-detail",
                args=[initiative.report.cycle.year, initiative.report.economy.code],
            )
            if may_read_reports_of(user, initiative.report.economy.code)
            else None,
        )
        for initiative in initiatives
    ]

"""An economy's team page: its delegate assigns the sections of its reports to its contributors
(plans/accounts/teams.py). The team and the secretariat read it; only the delegate changes it;
another economy's team is 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.accounts.roles import SignedInRequest, identity_of
from plans.accounts.teams import TeamRefused, team_assign, team_of
from plans.catalogue.sections import section_labels
from plans.models import Economy
from reporting.reports.access import check_is_head, may_read_reports_of
from reporting.reports.models import ReportingCycle
from reporting.teams.forms import AssignmentForm


def section_choices() -> list[tuple[str, str]]:
    """The sections of this year's reports: the plan of the latest open cycle, else of the
    latest cycle, else the latest plan."""
    cycles = ReportingCycle.objects.order_by("-is_open", "-year")
    return list(section_labels(cycles.values_list("plan_id", flat=True).first()).items())


@require_http_methods(["GET", "POST"])
def team(request: SignedInRequest, code: str) -> HttpResponse:
    if not may_read_reports_of(request.user, code):
        raise Http404("No such team.")
    economy = get_object_or_404(Economy, code=code)
    identity = identity_of(request.user)
    if not (identity.reads_all or identity.is_team_member_of(code)):
        raise PermissionDenied("Only the economy's team and the secretariat see its team.")
    choices = section_choices()
    members = team_of(code)
    failed: AssignmentForm | None = None
    if request.method == "POST":
        check_is_head(request.user, economy)
        member = next(
            (m for m in members if str(m.user.pk) == request.POST.get("contributor")), None
        )
        if member is None:
            return HttpResponseBadRequest("Choose a contributor of the economy.")
        failed = AssignmentForm(request.POST, sections=choices, prefix=f"c{member.user.pk}")
        if failed.is_valid():
            try:
                team_assign(
                    by=request.user,
                    contributor=member.user,
                    all_sections=failed.cleaned_data["all_sections"],
                    sections=failed.cleaned_data["sections"],
                    valid=[slug for slug, _ in choices],
                )
            except TeamRefused as error:
                failed.add_error(None, str(error))
            else:
                name = member.user.get_full_name() or member.user.get_username()
                messages.success(request, f"The sections of {name} are saved.")
                return redirect("reporting:team", code=code)
    labels = dict(choices)
    rows = []
    for member in members:
        prefix = f"c{member.user.pk}"
        form = AssignmentForm(
            initial={"all_sections": member.all_sections, "sections": list(member.sections)},
            sections=choices,
            prefix=prefix,
        )
        if failed is not None and failed.prefix == prefix:
            form = failed
        rows.append((member, form, [labels.get(slug, slug) for slug in member.sections]))
    return render(
        request,
        "teams/team.html",
        {
            "economy": economy,
            "rows": rows,
            "may_assign": identity.is_delegate and identity.economy_code == code,
        },
        status=400 if failed is not None else 200,
    )

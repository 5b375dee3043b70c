"""The report's commitments page (its own commitments, and where the earlier ones stand) and
the director's overdue commitments per economy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from plans.accounts.roles import SignedInRequest, identity_of, require_reader_of_all
from reporting.commitments import services
from reporting.commitments.figures import commitment_figures
from reporting.commitments.forms import CommitmentForm, follow_up_forms
from reporting.commitments.open import open_commitments
from reporting.reports.access import get_report_for_user
from reporting.reports.models import ReportingCycle

ACTIONS = ("add", "follow-up", "remove")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


@require_http_methods(["GET", "POST"])
def commitment_list(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """What the report commits to, and where the economy's earlier commitments stand. Its
    delegates change both while the report can change; the secretariat and the Chair read.

    A POST says what it saves in `action`: "add" (the new commitment's form), "follow-up"
    (every open commitment's status) or "remove" (the commitment named in `commitment`)."""
    report = get_report_for_user(request.user, year, code, write=request.method == "POST")
    data = request.POST if request.method == "POST" else None
    action = data.get("action", "") if data is not None else ""
    if data is not None and action not in ACTIONS:
        return HttpResponseBadRequest("Choose what to save.")
    items = open_commitments(report)
    form = CommitmentForm(data if action == "add" else None, report=report)
    follow_ups = follow_up_forms(items, data if action == "follow-up" else None)
    problem = ""
    if data is not None:
        try:
            if action == "add" and form.is_valid():
                services.commitment_add(
                    report_id=report.pk,
                    user=request.user,
                    text=form.cleaned_data["text"],
                    objective_ids=form.cleaned_data["objectives"],
                    due_year=form.cleaned_data["due_year"],
                )
                messages.success(request, "The commitment is added to the report.")
                return redirect(request.path)
            if action == "follow-up" and all(each.is_valid() for each in follow_ups):
                changes = [change for each in follow_ups if (change := each.change())]
                services.follow_ups_save(report_id=report.pk, user=request.user, changes=changes)
                messages.success(request, "Where your earlier commitments stand is saved.")
                return redirect(request.path)
            if action == "remove":
                services.commitment_remove(
                    report_id=report.pk,
                    user=request.user,
                    commitment_id=_number(data.get("commitment", "")),
                )
                messages.success(request, "The commitment is removed from the report.")
                return redirect(request.path)
        except services.CommitmentError as error:
            problem = str(error)
    shown = [form] if action == "add" else follow_ups
    errors = [("commitments-top", problem)] if problem else []
    errors += [
        (field.auto_id, str(message))
        for each in shown
        for field in each
        for message in field.errors
    ]
    return render(
        request,
        "commitments/commitment_list.html",
        {
            "report": report,
            "editing": report.is_editable and identity_of(request.user).economy_code == code,
            "form": form,
            "follow_ups": follow_ups,
            "made": report.commitments.prefetch_related("objectives__area"),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@require_safe
def overdue_list(request: SignedInRequest) -> HttpResponse:
    """The overdue commitments per economy, as of the latest year whose cycle has opened, for
    the secretariat and the Chair."""
    require_reader_of_all(request.user)
    cycle = (
        ReportingCycle.objects.filter(opens__lte=timezone.localdate())
        .select_related("plan")
        .order_by("-year")
        .first()
    )
    if cycle is None:
        raise Http404("No reporting cycle has opened yet.")
    figures = commitment_figures(plan=cycle.plan, year=cycle.year)
    return render(
        request,
        "commitments/overdue_list.html",
        {"figures": figures, "plan": cycle.plan, "by_economy": figures.overdue_by_economy()},
    )

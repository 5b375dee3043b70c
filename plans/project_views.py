"""APEC projects, the portfolio, the implementation schedule and SMEWG meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plans import access, services
from plans.models import (
    ApecProject,
    Economy,
    ImplementationActivity,
    Meeting,
    MeetingBestPractice,
    MeetingDialogue,
    PriorityArea,
    StrategicPlan,
)
from plans.project_forms import ActivityForm, PortfolioForm, ProjectFilterForm
from plans.roles import identity_of
from reporting.portfolio import PORTFOLIO_METHOD, portfolio

PAGE_SIZE = 50


@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    plans = list(StrategicPlan.objects.only("code", "title", "start_year", "end_year"))
    form = ProjectFilterForm(
        request.GET or None,
        plans=plans,
        areas=list(PriorityArea.objects.only("plan_id", "number", "name")),
        economies=list(Economy.objects.only("code", "short_name")),
    )
    projects = form.filter(ApecProject.objects.for_list())
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "errors": [(form[name].auto_id, m) for name, ms in form.errors.items() for m in ms],
        },
    )


@require_safe
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.get_project(slug)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "initiatives": access.project_initiatives_for_user(request.user, project),
        },
    )


@require_safe
def portfolio_page(request: HttpRequest) -> HttpResponse:
    plans = list(StrategicPlan.objects.only("code", "title", "start_year", "end_year"))
    form = PortfolioForm(request.GET or None, plans=plans)
    window = form.window()
    result = None
    if window is not None:
        plan, start, end = window
        result = portfolio(plan=plan, start=start, end=end)
    return render(
        request,
        "projects/portfolio.html",
        {"form": form, "portfolio": result, "portfolio_method": PORTFOLIO_METHOD},
    )


@require_safe
def schedule(request: HttpRequest, code: str) -> HttpResponse:
    """The plan's implementation schedule: activities by priority area."""
    plan = access.get_plan(code)
    activities = (
        plan.activities.select_related("area")
        .prefetch_related("proponents")
        .order_by(F("area__number").asc(nulls_last=True), "number")
    )
    return render(
        request,
        "projects/schedule.html",
        {
            "plan": plan,
            "activities": activities,
            "is_director": identity_of(request.user).is_director,
        },
    )


def _activity_form_page(
    request: HttpRequest, plan: StrategicPlan, activity: ImplementationActivity | None
) -> HttpResponse:
    economies = list(Economy.objects.only("short_name"))
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        instance=activity,
        plan=plan,
        economies=economies,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(plan=plan, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Activity {saved.number} of the schedule is saved.")
            return redirect("projects:schedule", code=plan.code)
    return render(
        request,
        "projects/activity_form.html",
        {
            "plan": plan,
            "activity": activity,
            "form": form,
            "errors": form.errors_for_summary() if request.method == "POST" else [],
        },
    )


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, code: str) -> HttpResponse:
    access.require_director(request.user)
    return _activity_form_page(request, access.get_plan(code), None)


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    plan = access.get_plan(code)
    activity = access.get_activity_for_director(request.user, plan, number)
    return _activity_form_page(request, plan, activity)


@require_POST
def activity_delete(request: HttpRequest, code: str, number: int) -> HttpResponse:
    plan = access.get_plan(code)
    activity = access.get_activity_for_director(request.user, plan, number)
    services.activity_delete(activity_id=activity.pk)
    messages.success(request, f"Activity {number} is removed from the schedule.")
    return redirect("projects:schedule", code=plan.code)


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "projects/meeting_list.html", {"meetings": Meeting.objects.with_counts()}
    )


@require_safe
def meeting_detail(request: HttpRequest, number: int) -> HttpResponse:
    meeting = access.get_meeting(number)
    best_practices = MeetingBestPractice.objects.filter(meeting=meeting).select_related(
        "economy", "area__plan"
    )
    dialogues = MeetingDialogue.objects.filter(meeting=meeting).select_related("forum")
    return render(
        request,
        "projects/meeting_detail.html",
        {"meeting": meeting, "best_practices": best_practices, "dialogues": dialogues},
    )

"""APEC projects, the portfolio, the implementation schedule, proposal rounds and their ranking."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from plans.accounts.roles import SignedInRequest, identity_of
from plans.catalogue.models import Economy, ImplementationActivity, PriorityArea, StrategicPlan
from plans.projects import access, services
from plans.projects.forms import ActivityForm, PortfolioForm, ProjectFilterForm, ScoreSheet
from plans.projects.initiatives import initiatives_naming
from plans.projects.models import (
    ApecProject,
    ProposalRound,
    ProposalScore,
    ScoreCriterion,
)
from plans.projects.portfolio import PORTFOLIO_METHOD, portfolio
from plans.spreadsheets import append_row

if TYPE_CHECKING:
    from plans.projects.models import RankedProposal

PAGE_SIZE = 50


@require_safe
def project_list(request: SignedInRequest) -> HttpResponse:
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
def project_detail(request: SignedInRequest, slug: str) -> HttpResponse:
    project = access.get_project(slug)
    return render(
        request,
        "projects/project_detail.html",
        {"project": project, "initiatives": initiatives_naming(request.user, project.code)},
    )


@require_safe
def portfolio_page(request: SignedInRequest) -> HttpResponse:
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
def schedule(request: SignedInRequest, code: str) -> HttpResponse:
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
    request: SignedInRequest, plan: StrategicPlan, activity: ImplementationActivity | None
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
def activity_create(request: SignedInRequest, code: str) -> HttpResponse:
    access.require_director(request.user)
    return _activity_form_page(request, access.get_plan(code), None)


@require_http_methods(["GET", "POST"])
def activity_edit(request: SignedInRequest, code: str, number: int) -> HttpResponse:
    plan = access.get_plan(code)
    activity = access.get_activity_for_director(request.user, plan, number)
    return _activity_form_page(request, plan, activity)


@require_POST
def activity_delete(request: SignedInRequest, code: str, number: int) -> HttpResponse:
    plan = access.get_plan(code)
    activity = access.get_activity_for_director(request.user, plan, number)
    services.activity_delete(activity_id=activity.pk)
    messages.success(request, f"Activity {number} is removed from the schedule.")
    return redirect("projects:schedule", code=plan.code)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ranked(round_: ProposalRound) -> list[RankedProposal]:
    return list(round_.proposals.ranked().select_related("proponent").prefetch_related("areas"))


@require_safe
def round_list(request: SignedInRequest) -> HttpResponse:
    rounds = ProposalRound.objects.select_related("plan").annotate(
        proposal_count=Count("proposals")
    )
    return render(request, "projects/round_list.html", {"rounds": rounds})


@require_safe
def round_detail(request: SignedInRequest, year: int, number: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, year, number)
    identity = identity_of(request.user)
    context: dict[str, Any] = {
        "round": round_,
        "is_director": identity.is_director,
        "may_score": identity.is_delegate and round_.is_open,
        "sees_ranking": access.sees_ranking(request.user, round_),
        "criteria": ScoreCriterion.choices,
    }
    if context["sees_ranking"]:
        context["proposals"] = _ranked(round_)
    else:
        context["proposals"] = list(
            round_.proposals.select_related("proponent").prefetch_related("areas")
        )
    if identity.is_delegate:
        own = {
            score.proposal_id: score
            for score in ProposalScore.objects.filter(
                proposal__round=round_, economy__code=identity.economy_code
            )
        }
        for proposal in context["proposals"]:
            proposal.own_score = own.get(proposal.pk)
    return render(request, "projects/round_detail.html", context)


@require_http_methods(["GET", "POST"])
def round_score(request: SignedInRequest, year: int, number: int) -> HttpResponse:
    """The delegate's score sheet: one row per proposal, for their own economy."""
    round_, economy = access.get_round_for_scoring(request.user, year, number)
    proposals = list(
        round_.proposals.select_related("proponent").prefetch_related("areas", "broader_priorities")
    )
    existing = {
        score.proposal_id: score
        for score in ProposalScore.objects.filter(proposal__round=round_, economy=economy)
    }
    sheet = ScoreSheet(proposals, existing, request.POST if request.method == "POST" else None)
    if request.method == "POST" and sheet.is_valid():
        try:
            scored = services.round_scores_save(
                round_id=round_.pk, economy=economy, user=request.user, scores=sheet.scores()
            )
        except services.RoundClosed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Scores of {economy} saved: {scored} of {len(proposals)} proposals scored. "
                "You can change them until the round closes.",
            )
        return redirect("projects:round-detail", year=year, number=number)
    return render(
        request,
        "projects/round_score.html",
        {
            "round": round_,
            "economy": economy,
            "sheet": sheet,
            "errors": sheet.errors() if request.method == "POST" else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def round_close(request: SignedInRequest, year: int, number: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, year, number)
    access.require_director(request.user)
    try:
        services.round_close(round_id=round_.pk, user=request.user)
    except services.RoundClosed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{round_} is closed. The ranked list is final.")
    return redirect("projects:round-detail", year=year, number=number)


@require_safe
def round_export(request: SignedInRequest, year: int, number: int) -> HttpResponse:
    """The ranked list as a spreadsheet, for the director and the Chair."""
    round_ = access.get_round_for_user(request.user, year, number)
    access.require_reader_of_all(request.user)
    content = ranking_xlsx(round_, _ranked(round_))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="smewg-ranking-{round_.year}-session-{round_.number}.xlsx"'
    )
    return response


RANKING_COLUMNS = [
    "Rank",
    "No.",
    "Proposal",
    "Proponent",
    "Priority areas addressed",
    "Economies scoring",
    "Mean score (3-15)",
    *[f"Mean: {label}" for label in ScoreCriterion.labels],
]


def ranking_xlsx(round_: ProposalRound, proposals: list[RankedProposal]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Session {round_.number} {round_.year}"
    state = "closed" if not round_.is_open else "open: provisional ranking"
    append_row(sheet, [f"SMEWG project ranking, {round_} ({round_.plan.code} plan), {state}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, RANKING_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)

    def mean(value: float | None) -> float | None:
        return round(value, 2) if value is not None else None

    for rank, proposal in enumerate(proposals, start=1):
        append_row(
            sheet,
            [
                rank if proposal.economies_scoring else None,
                proposal.number,
                proposal.title,
                proposal.proponent.short_name,
                "; ".join(str(area) for area in proposal.areas.all()),
                proposal.economies_scoring,
                mean(proposal.mean_total),
                mean(proposal.mean_plan_link),
                mean(proposal.mean_apec_priorities),
                mean(proposal.mean_feasibility),
            ],
        )
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["E"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

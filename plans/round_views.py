"""Proposal rounds: delegates score the concept notes, the director closes the round and
downloads the ranked list."""

from __future__ import annotations

import io

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from plans import access, services
from plans.models import Proposal, ProposalRound, ProposalScore, ScoreCriterion
from plans.project_forms import ScoreSheet
from plans.roles import identity_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ranked(round_: ProposalRound) -> list[Proposal]:
    return list(round_.proposals.ranked().select_related("proponent").prefetch_related("areas"))


@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = ProposalRound.objects.select_related("plan").annotate(
        proposal_count=Count("proposals")
    )
    return render(request, "projects/round_list.html", {"rounds": rounds})


@require_safe
def round_detail(request: HttpRequest, year: int, number: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, year, number)
    identity = identity_of(request.user)
    context = {
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
def round_score(request: HttpRequest, year: int, number: int) -> HttpResponse:
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
def round_close(request: HttpRequest, year: int, number: int) -> HttpResponse:
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
def round_export(request: HttpRequest, year: int, number: int) -> HttpResponse:
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


def ranking_xlsx(round_: ProposalRound, proposals: list[Proposal]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Session {round_.number} {round_.year}"
    state = "closed" if not round_.is_open else "open: provisional ranking"
    sheet.append([f"SMEWG project ranking, {round_} ({round_.plan.code} plan), {state}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(RANKING_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)

    def mean(value: float | None) -> float | None:
        return round(value, 2) if value is not None else None

    for rank, proposal in enumerate(proposals, start=1):
        sheet.append(
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
            ]
        )
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["E"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from plans.accounts.roles import Identity, SignedInRequest, identity_of
from plans.models import StrategicPlan
from reporting.home.overview import (
    AnnualReportDue,
    ContributorPart,
    CycleCounts,
    DelegateTask,
    ReviewDue,
    annual_report_due,
    chair_reviews,
    contributor_part,
    delegate_tasks,
    director_counts,
)
from reporting.questions.waiting import WaitingQuestion, waiting_questions
from reporting.reports.models import EconomyReport, ReportingCycle


@dataclass(frozen=True)
class HomePanels:
    """The panels of the reader's roles; None where a role does not give the panel."""

    identity: Identity
    tasks: list[DelegateTask] | None = None
    last_accepted: EconomyReport | None = None
    cycle_counts: CycleCounts | None = None
    reviews: list[ReviewDue] | None = None
    annual: AnnualReportDue | None = None
    # The questions waiting for the delegate's economy, or (the director) for any economy.
    questions: list[WaitingQuestion] | None = None
    contributor: ContributorPart | None = None


def home_panels(identity: Identity) -> HomePanels:
    tasks = last_accepted = cycle_counts = reviews = annual = contributor = None
    if identity.in_team:
        tasks, last_accepted = delegate_tasks(identity)
    if identity.is_contributor:
        contributor = contributor_part(identity, tasks[0].cycle.plan_id if tasks else None)
    if identity.reads_all:
        cycle = ReportingCycle.objects.open().select_related("plan").first()
        cycle_counts = director_counts(cycle) if cycle is not None else None
    if identity.is_chair:
        reviews = chair_reviews()
    if identity.is_director or identity.is_chair:
        annual = annual_report_due(cycle_counts)
    questions = waiting_questions(identity)
    return HomePanels(
        identity, tasks, last_accepted, cycle_counts, reviews, annual, questions, contributor
    )


@require_safe
def home(request: SignedInRequest) -> HttpResponse:
    plans = StrategicPlan.objects.only("code", "title", "start_year", "end_year")
    return render(
        request,
        "home/home.html",
        {
            "home": home_panels(identity_of(request.user)),
            "current_plan": plans.first(),
            "plans": plans,
        },
    )

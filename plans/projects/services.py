"""Writes to projects, proposal rounds and the implementation schedule: one transaction each,
validated with `full_clean()`, the rules enforced here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from plans.catalogue.data_version import data_version_bump
from plans.catalogue.models import (
    BroaderPriority,
    Economy,
    ImplementationActivity,
    Objective,
    PriorityArea,
    StrategicPlan,
)
from plans.projects.models import (
    ApecProject,
    Proposal,
    ProposalRound,
    ProposalScore,
    check_project_tags,
    project_slug,
)


class RoundClosed(Exception):
    """The round no longer takes scores; the message is for the person who tried."""


@dataclass(frozen=True)
class Score:
    plan_link: int
    apec_priorities: int
    feasibility: int


@transaction.atomic
def project_create(
    *,
    plan: StrategicPlan,
    code: str,
    title: str,
    proponent: Economy,
    funding: str,
    start_year: int,
    end_year: int,
    status: str,
    kind: str,
    areas: Iterable[PriorityArea],
    sub_fund: str = "",
    session: str = "",
    co_sponsors: Iterable[Economy] = (),
    objectives: Iterable[Objective] = (),
    broader_priorities: Iterable[BroaderPriority] = (),
    participating_economies: Iterable[Economy] = (),
    outcomes: str = "",
    lessons_learned: str = "",
) -> ApecProject:
    areas, objectives = list(areas), list(objectives)
    check_project_tags(plan=plan, areas=areas, objectives=objectives)
    project = ApecProject(
        plan=plan,
        code=code,
        title=title,
        proponent=proponent,
        funding=funding,
        sub_fund=sub_fund,
        session=session,
        start_year=start_year,
        end_year=end_year,
        status=status,
        kind=kind,
        outcomes=outcomes,
        lessons_learned=lessons_learned,
    )
    project.slug = project_slug(code)
    project.full_clean()
    project.save()
    project.areas.set(areas)
    project.objectives.set(objectives)
    project.co_sponsors.set(co_sponsors)
    project.broader_priorities.set(broader_priorities)
    project.participating_economies.set(participating_economies)
    data_version_bump(plan_ids=[plan.pk])  # the plan's portfolio
    return project


@transaction.atomic
def round_scores_save(
    *, round_id: int, economy: Economy, user: User, scores: Mapping[int, Score | None]
) -> int:
    """Write the economy's scores of the round's proposals (proposal id -> score, or None to
    withdraw a score). Returns how many proposals the economy has scored now."""
    # Locking the round makes a save and the director's closing happen one after the other.
    round_ = ProposalRound.objects.select_for_update().get(pk=round_id)
    if not round_.is_open:
        raise RoundClosed(f"{round_} is closed: scores can no longer change.")
    proposals = set(round_.proposals.filter(pk__in=scores).values_list("pk", flat=True))
    existing = {
        score.proposal_id: score
        for score in ProposalScore.objects.filter(proposal__in=proposals, economy=economy)
    }
    for proposal_id, given in scores.items():
        if proposal_id not in proposals:
            raise ValueError(f"Proposal {proposal_id} is not part of {round_}.")
        score = existing.get(proposal_id)
        if given is None:
            if score is not None:
                score.delete()
            continue
        if score is None:
            score = ProposalScore(proposal_id=proposal_id, economy=economy)
        elif (score.plan_link, score.apec_priorities, score.feasibility) == (
            given.plan_link,
            given.apec_priorities,
            given.feasibility,
        ):
            continue  # unchanged: no new history row
        score.plan_link = given.plan_link
        score.apec_priorities = given.apec_priorities
        score.feasibility = given.feasibility
        score.scored_by = user
        score.full_clean()
        score.save()
    return ProposalScore.objects.filter(proposal__round=round_, economy=economy).count()


@transaction.atomic
def round_close(*, round_id: int, user: User) -> ProposalRound:
    round_ = ProposalRound.objects.select_for_update().get(pk=round_id)
    if not round_.is_open:
        raise RoundClosed(f"{round_} is closed already.")
    round_.is_open = False
    round_.closed_at = timezone.now()
    round_.closed_by = user
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def round_create(
    *,
    plan: StrategicPlan,
    year: int,
    number: int,
    opens,
    closes,
    proposals: Iterable[dict],
) -> ProposalRound:
    """A round with its concept notes, numbered in the order given. Each proposal is a dict of
    title, proponent, and optionally summary, areas, broader_priorities."""
    round_ = ProposalRound(plan=plan, year=year, number=number, opens=opens, closes=closes)
    round_.full_clean()
    round_.save()
    for position, data in enumerate(proposals, start=1):
        proposal = Proposal(
            round=round_,
            number=position,
            title=data["title"],
            proponent=data["proponent"],
            summary=data.get("summary", ""),
        )
        proposal.full_clean()
        proposal.save()
        proposal.areas.set(data.get("areas", ()))
        proposal.broader_priorities.set(data.get("broader_priorities", ()))
    return round_


@transaction.atomic
def activity_save(
    *,
    plan: StrategicPlan,
    activity: ImplementationActivity | None,
    number: int,
    area: PriorityArea | None,
    title: str,
    start_year: int,
    end_year: int,
    proponents: Iterable[Economy],
) -> ImplementationActivity:
    """Add an activity to the plan's implementation schedule, or change one."""
    if activity is None:
        activity = ImplementationActivity(plan=plan)
    activity.number = number
    activity.area = area
    activity.title = title
    activity.start_year = start_year
    activity.end_year = end_year
    activity.full_clean()
    activity.save()
    activity.proponents.set(proponents)
    data_version_bump(plan_ids=[plan.pk])  # the plan's schedule
    return activity


@transaction.atomic
def activity_delete(*, activity_id: int) -> None:
    plan_ids = ImplementationActivity.objects.filter(pk=activity_id).values_list("plan_id")
    data_version_bump(plan_ids=[plan_id for (plan_id,) in plan_ids])
    ImplementationActivity.objects.filter(pk=activity_id).delete()

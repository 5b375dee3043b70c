"""Who may see and change projects, proposal rounds, meetings and the implementation schedule:
the one place the project pages ask.

Every signed-in person reads projects, meetings and the schedule. The program director changes
the schedule and closes rounds. In an open round each delegate scores as their own economy only;
the ranking is for the director and the Chair until the round closes, then for everyone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from plans.accounts.roles import identity_of, require_director, require_reader_of_all
from plans.catalogue.models import Economy, ImplementationActivity, StrategicPlan
from plans.projects.models import ApecProject, ProposalRound

__all__ = [
    "get_activity_for_director",
    "get_project",
    "get_round_for_scoring",
    "get_round_for_user",
    "require_director",
    "require_reader_of_all",
    "scoring_economy",
    "sees_ranking",
]


def get_project(slug: str) -> ApecProject:
    return get_object_or_404(ApecProject.objects.with_details(), slug=slug)


def get_plan(code: str) -> StrategicPlan:
    return get_object_or_404(StrategicPlan, code=code)


def get_activity_for_director(user, plan: StrategicPlan, number: int) -> ImplementationActivity:
    require_director(user)
    return get_object_or_404(
        ImplementationActivity.objects.prefetch_related("proponents"), plan=plan, number=number
    )


def get_round_for_user(user, year: int, number: int) -> ProposalRound:
    return get_object_or_404(ProposalRound.objects.select_related("plan"), year=year, number=number)


def get_round_for_scoring(user, year: int, number: int) -> tuple[ProposalRound, Economy]:
    """The round and the economy the delegate scores for, while the round is open (403 for
    anyone else, or once it is closed)."""
    economy = scoring_economy(user)
    round_ = get_round_for_user(user, year, number)
    if not round_.is_open:
        raise PermissionDenied(f"{round_} is closed: scores can no longer change.")
    return round_, economy


def scoring_economy(user) -> Economy:
    """The economy a delegate scores for: their own, never one they choose."""
    identity = identity_of(user)
    if not identity.is_delegate:
        raise PermissionDenied("Only economies' delegates score proposals.")
    try:
        return Economy.objects.get(code=identity.economy_code)
    except Economy.DoesNotExist as missing:  # the delegate's economy was removed meanwhile
        raise Http404("No such economy.") from missing


def sees_ranking(user, round_: ProposalRound) -> bool:
    return identity_of(user).reads_all or not round_.is_open

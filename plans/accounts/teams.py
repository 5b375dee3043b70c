"""An economy's team: its delegate (the head of delegation) and its contributors, and the
sections of its reports each contributor edits.

The delegate assigns sections on the team page; a contributor edits those (reporting's section
service asks `roles.Identity.edits_section`), reads the whole report, and cannot submit it: the
delegate checks and submits. Sections are named as their URLs name them: an area's number, or
"general" for the general indicators, so that an assignment holds from one year's report to the
next.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from plans.accounts.models import Delegate, SectionAssignment
from plans.accounts.roles import Role, identity_of

GENERAL = "general"


class TeamRefused(Exception):
    """Why an assignment cannot be made: the message is for the delegate."""


@dataclass(frozen=True)
class TeamMember:
    """A contributor on the team page and the people page."""

    user: User
    all_sections: bool
    sections: tuple[str, ...]

    def edits(self, slug: str) -> bool:
        return self.all_sections or slug in self.sections


def contributors_of(economy_code: str, *, active_only: bool = True) -> QuerySet[User]:
    """The economy's contributors, with their assignment: one query."""
    users = User.objects.filter(
        delegate__economy__code=economy_code, groups__name=Role.CONTRIBUTOR
    ).exclude(groups__name=Role.DELEGATE)
    if active_only:
        users = users.filter(is_active=True)
    return users.select_related("section_assignment").order_by("last_name", "username")


def head_of(economy_code: str) -> User | None:
    """The economy's delegate, who checks and submits its reports."""
    heads = User.objects.filter(
        delegate__economy__code=economy_code, groups__name=Role.DELEGATE, is_active=True
    )
    return heads.order_by("pk").first()


def team_member(user: User) -> TeamMember:
    assignment = getattr(user, "section_assignment", None)
    if assignment is None:
        return TeamMember(user, False, ())
    return TeamMember(user, assignment.all_sections, tuple(sorted(map(str, assignment.sections))))


def team_of(economy_code: str) -> list[TeamMember]:
    return [team_member(user) for user in contributors_of(economy_code)]


def contributors_editing(economy_code: str, slugs: set[str] | None = None) -> list[User]:
    """The active contributors assigned any of these sections (None: any section at all)."""
    return [
        member.user
        for member in team_of(economy_code)
        if (member.all_sections or member.sections)
        and (slugs is None or any(map(member.edits, slugs)))
    ]


@transaction.atomic
def team_assign(
    *, by: User, contributor: User, all_sections: bool, sections: list[str], valid: list[str]
) -> SectionAssignment:
    """The sections the contributor edits from now on (`valid`: the slugs the economy's reports
    have). Only the economy's delegate assigns; nothing assigned leaves the contributor a
    reader."""
    identity = identity_of(by)
    if not identity.is_delegate:
        raise TeamRefused("Only the economy's delegate assigns its sections.")
    target = identity_of(contributor)
    if not target.is_contributor or target.economy_code != identity.economy_code:
        raise TeamRefused(f"{contributor.get_username()} is not a contributor of your economy.")
    unknown = set(sections) - set(valid)
    if unknown:
        raise TeamRefused(f"There is no section {', '.join(sorted(unknown))}.")
    Delegate.objects.select_for_update().filter(user=contributor).first()
    assignment = SectionAssignment.objects.filter(user=contributor).first() or SectionAssignment(
        user=contributor
    )
    assignment.all_sections = all_sections
    assignment.sections = [] if all_sections else [s for s in valid if s in sections]
    assignment.assigned_by = by
    assignment.assigned_at = timezone.now()
    assignment.full_clean()
    assignment._history_user = by  # type: ignore[attr-defined]
    assignment.save()
    return assignment

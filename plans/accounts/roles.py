"""Who a signed-in person is in the SMEWG: the one place that reads roles and economies.

Roles are Django groups; a delegate's or contributor's economy is their `Delegate` row, a
contributor's sections their `SectionAssignment` (models.py). Views and API
endpoints ask the functions here (or the access helpers built on them), never the groups
directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class Role(StrEnum):
    # The head of delegation: checks the contributors' sections and submits the report.
    DELEGATE = "Delegate"
    # An agency of the economy: edits the sections the delegate assigns, cannot submit.
    CONTRIBUTOR = "Contributor"
    DIRECTOR = "Program Director"
    CHAIR = "Chair"
    ADMINISTRATOR = "Administrator"


# The secretariat and the Chair read every economy's reports and the roll-ups.
READ_ALL_ROLES = frozenset({Role.DIRECTOR, Role.CHAIR, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Identity:
    roles: frozenset[Role]
    economy_code: str | None = None
    economy_name: str | None = None
    # A contributor's sections ("1", "general" ...); None: every section.
    sections: frozenset[str] | None = frozenset()

    @property
    def is_delegate(self) -> bool:
        """The head of delegation of an economy."""
        return Role.DELEGATE in self.roles and self.economy_code is not None

    @property
    def is_contributor(self) -> bool:
        return (
            Role.CONTRIBUTOR in self.roles
            and Role.DELEGATE not in self.roles
            and self.economy_code is not None
        )

    @property
    def in_team(self) -> bool:
        """An economy's delegate or one of its contributors."""
        return self.is_delegate or self.is_contributor

    def is_team_member_of(self, code: str) -> bool:
        return self.in_team and self.economy_code == code

    def edits_section(self, code: str, slug: str) -> bool:
        """Whether the person may change this section of the economy's reports: its delegate
        every section, a contributor those assigned to them."""
        if self.is_delegate:
            return self.economy_code == code
        if not self.is_contributor or self.economy_code != code:
            return False
        return self.sections is None or slug in self.sections

    @property
    def is_director(self) -> bool:
        return Role.DIRECTOR in self.roles

    @property
    def is_chair(self) -> bool:
        return Role.CHAIR in self.roles

    @property
    def reads_all(self) -> bool:
        return bool(self.roles & READ_ALL_ROLES)

    @property
    def label(self) -> str:
        """How the header names the person's role, e.g. “Delegate of Chile”."""
        if self.is_delegate:
            return f"Delegate of {self.economy_name}"
        if self.is_contributor:
            return f"Contributor for {self.economy_name}"
        economy_roles = (Role.DELEGATE, Role.CONTRIBUTOR)
        names = [role.value for role in Role if role in self.roles and role not in economy_roles]
        return ", ".join(names) or "No role yet"


ANONYMOUS = Identity(roles=frozenset())

# Where identity_of keeps a user's identity for the rest of the request.
_IDENTITY_ATTRIBUTE = "_smewg_identity"


class SignedInRequest(HttpRequest):
    """A page's request, for the type checker: LoginRequiredMiddleware lets only signed-in people
    reach a view (none is marked @login_not_required), so its user is never AnonymousUser."""

    user: User


def identity_of(user: User | AnonymousUser) -> Identity:
    """The person's roles, economy and sections, read in one query and kept on the user
    object."""
    if not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _IDENTITY_ATTRIBUTE, None)
    if cached is not None:
        return cached
    rows = list(
        User.objects.filter(pk=user.pk).values_list(
            "groups__name",
            "delegate__economy__code",
            "delegate__economy__short_name",
            "section_assignment__all_sections",
            "section_assignment__sections",
        )
    )
    known = {role.value for role in Role}
    roles = {Role(row[0]) for row in rows if row[0] in known}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    economy_code, economy_name, all_sections, assigned = rows[0][1:] if rows else (None,) * 4
    sections = None if all_sections else frozenset(str(slug) for slug in assigned or [])
    identity = Identity(frozenset(roles), economy_code, economy_name, sections)
    setattr(user, _IDENTITY_ATTRIBUTE, identity)
    return identity


def require_director(user) -> None:
    if not identity_of(user).is_director:
        raise PermissionDenied("Only the program director can do this.")


def require_reader_of_all(user) -> None:
    if not identity_of(user).reads_all:
        raise PermissionDenied("Only the program director and the Chair can see this page.")

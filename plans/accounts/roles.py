"""Who a signed-in person is in the SMEWG: the one place that reads roles and economies.

Roles are Django groups; a delegate's economy is their `Delegate` row (models.py). Views and API
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
    DELEGATE = "Delegate"
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

    @property
    def is_delegate(self) -> bool:
        return Role.DELEGATE in self.roles and self.economy_code is not None

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
        names = [role.value for role in Role if role in self.roles and role != Role.DELEGATE]
        return ", ".join(names) or "No role yet"


ANONYMOUS = Identity(roles=frozenset())

# Where identity_of keeps a user's identity for the rest of the request.
_IDENTITY_ATTRIBUTE = "_smewg_identity"


class SignedInRequest(HttpRequest):
    """A page's request, for the type checker: LoginRequiredMiddleware lets only signed-in people
    reach a view (none is marked @login_not_required), so its user is never AnonymousUser."""

    user: User


def identity_of(user: User | AnonymousUser) -> Identity:
    """The person's roles and economy, read in one query and kept on the user object."""
    if not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _IDENTITY_ATTRIBUTE, None)
    if cached is not None:
        return cached
    rows = list(
        User.objects.filter(pk=user.pk).values_list(
            "groups__name", "delegate__economy__code", "delegate__economy__short_name"
        )
    )
    known = {role.value for role in Role}
    roles = {Role(name) for name, _, _ in rows if name in known}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    economy_code, economy_name = (rows[0][1], rows[0][2]) if rows else (None, None)
    identity = Identity(frozenset(roles), economy_code, economy_name)
    setattr(user, _IDENTITY_ATTRIBUTE, identity)
    return identity


def require_director(user) -> None:
    if not identity_of(user).is_director:
        raise PermissionDenied("Only the program director can do this.")


def require_reader_of_all(user) -> None:
    if not identity_of(user).reads_all:
        raise PermissionDenied("Only the program director and the Chair can see this page.")

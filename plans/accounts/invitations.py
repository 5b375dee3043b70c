"""Invitations, deactivations and handovers: how people join and leave without the admin.

The program director invites delegates and contributors of an economy (teams.py: the delegate
assigns the contributors' sections); the administrator invites the director and the Chair too.
An invitation's e-mail (queued, mail.py) carries a link that works once and for
`INVITATION_LIFETIME`; only a digest of its token is kept, as with API tokens. The invitee sets
a password on it and becomes the role's user.

A handover is an invitation that names the economy's delegate it replaces: the predecessor's
account is deactivated when the successor accepts, or on the date the director gave
(`handovers_complete`, run daily by `send_reminders` before it picks the recipients). A
deactivated person cannot sign in, their sessions and API token end; their reports and the
history of what they did stay, as they belong to the economy. Reminders go to the economy's
active delegates, so that after a handover they reach the successor.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from plans.accounts.mail import queue_mail
from plans.accounts.models import ApiToken, Deactivation, Delegate, Invitation, InvitedRole
from plans.accounts.preferences import local_time
from plans.accounts.roles import Role, identity_of
from plans.accounts.sessions import sessions_end
from plans.accounts.tokens import key_digest


class InvitationRefused(Exception):
    """Why an invitation, a deactivation or a handover cannot be done: the message is for the
    person who asked."""


@dataclass(frozen=True)
class SentInvitation:
    """The invitation just sent, with its link: the only moment the token exists here."""

    invitation: Invitation
    link: str


def roles_invitable_by(user: User) -> list[InvitedRole]:
    """The director invites delegates and contributors; the administrator anyone."""
    identity = identity_of(user)
    if Role.ADMINISTRATOR in identity.roles:
        return list(InvitedRole)
    if identity.is_director:
        return [InvitedRole.DELEGATE, InvitedRole.CONTRIBUTOR]
    return []


def may_manage_accounts(user: User) -> bool:
    return bool(roles_invitable_by(user))


def people_of_economies() -> QuerySet[Delegate]:
    """Every economy's delegates and contributors, deactivated ones too, with their last sign-in
    and a contributor's sections: one query."""
    contributor = User.groups.through.objects.filter(
        user_id=OuterRef("user_id"), group__name=Role.CONTRIBUTOR
    )
    return (
        Delegate.objects.select_related(
            "user", "economy", "user__deactivation", "user__section_assignment"
        )
        .annotate(is_contributor=Exists(contributor))
        .order_by("economy__short_name", "-user__is_active", "is_contributor", "user__username")
    )


def invitation_link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('invitation-accept', kwargs={'token': token})}"


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_digest = key_digest(token)
    invitation.expires = now + settings.INVITATION_LIFETIME
    return token


def _queue_invitation_mail(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "role": _role_words(invitation),
        "link": invitation_link(token),
        "days": settings.INVITATION_LIFETIME.days,
        # The invitee has no time zone yet: UTC, named.
        "works_until": local_time(invitation.expires, ZoneInfo("UTC")),
        "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    queue_mail(
        subject=f"[SMEWG] You are invited to the SMEWG tracker as {context['role']}",
        body=loader.render_to_string("registration/invitation_email.txt", context),
        recipients=[invitation.email],
    )


ECONOMY_ROLES = (InvitedRole.DELEGATE, InvitedRole.CONTRIBUTOR)


def _role_words(invitation: Invitation) -> str:
    if invitation.role == InvitedRole.DELEGATE and invitation.economy is not None:
        return f"delegate of {invitation.economy}"
    if invitation.role == InvitedRole.CONTRIBUTOR and invitation.economy is not None:
        return f"contributor for {invitation.economy}"
    return InvitedRole(invitation.role).label.lower().replace("chair", "the Chair")


def _history_by(instance: Invitation | Deactivation, user: User | None) -> None:
    """Names the person in the record's history (django-simple-history reads this)."""
    instance._history_user = user  # type: ignore[union-attr]


@transaction.atomic
def invitation_send(
    *,
    by: User,
    email: str,
    role: InvitedRole | str,
    economy_code: str | None = None,
    predecessor: User | None = None,
    predecessor_access_ends: datetime.date | None = None,
) -> SentInvitation:
    """Invite a person by e-mail to the role (a delegate of the economy); a handover names the
    delegate whose access ends."""
    role = InvitedRole(role)
    if role not in roles_invitable_by(by):
        raise InvitationRefused(f"You cannot invite a {role.label.lower()}.")
    email = User.objects.normalize_email(email).strip()
    economy = None
    if role in ECONOMY_ROLES:
        Economy = apps.get_model("plans", "Economy")
        economy = Economy.objects.filter(code=economy_code).first()
        if economy is None:
            raise InvitationRefused(f"Choose the economy the {role.value.lower()} reports for.")
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        raise InvitationRefused(f"An account with the address {email} exists already.")
    if Invitation.objects.pending().filter(email__iexact=email).exists():
        raise InvitationRefused(
            f"{email} has an invitation waiting already: send it again or withdraw it."
        )
    if predecessor is not None:
        if (
            role != InvitedRole.DELEGATE
            or economy is None
            or not Delegate.objects.filter(
                user=predecessor,
                economy=economy,
                user__is_active=True,
                user__groups__name=Role.DELEGATE,
            ).exists()
        ):
            raise InvitationRefused(
                f"{predecessor.get_username()} is not an active delegate of that economy."
            )
        if predecessor_access_ends is not None and predecessor_access_ends < timezone.localdate():
            raise InvitationRefused("The date the access ends cannot be in the past.")
    invitation = Invitation(
        email=email,
        role=role,
        economy=economy,
        invited_by=by,
        created=timezone.now(),
        predecessor=predecessor,
        predecessor_access_ends=predecessor_access_ends if predecessor else None,
    )
    token = _new_token(invitation)
    invitation.full_clean()
    _history_by(invitation, by)
    invitation.save()
    _queue_invitation_mail(invitation, token)
    return SentInvitation(invitation, invitation_link(token))


def _locked(invitation: Invitation) -> Invitation:
    # Only the invitation's row: PostgreSQL locks no row of an outer join's nullable side.
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("economy")
        .get(pk=invitation.pk)
    )


def _check_manager(by: User, invitation: Invitation) -> None:
    if invitation.role not in roles_invitable_by(by):
        raise InvitationRefused("You cannot change this invitation.")


@transaction.atomic
def invitation_resend(*, by: User, invitation: Invitation) -> SentInvitation:
    """A new link (the old one stops working) for another `INVITATION_LIFETIME`."""
    invitation = _locked(invitation)
    _check_manager(by, invitation)
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise InvitationRefused(f"The invitation of {invitation.email} is no longer open.")
    token = _new_token(invitation)
    _history_by(invitation, by)
    invitation.save(update_fields=["token_digest", "expires"])
    _queue_invitation_mail(invitation, token)
    return SentInvitation(invitation, invitation_link(token))


@transaction.atomic
def invitation_withdraw(*, by: User, invitation: Invitation) -> Invitation:
    invitation = _locked(invitation)
    _check_manager(by, invitation)
    if invitation.accepted_at is not None:
        raise InvitationRefused(f"{invitation.email} accepted the invitation already.")
    if invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        _history_by(invitation, by)
        invitation.save(update_fields=["withdrawn_at"])
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("economy").filter(token_digest=key_digest(token)).first()
    )


def invitation_state(invitation: Invitation | None) -> str:
    """ "open", or why the link no longer works: "unknown", "accepted", "withdrawn", "expired"."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.withdrawn_at is not None:
        return "withdrawn"
    if invitation.is_expired:
        return "expired"
    return "open"


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """The invitee's account, with the password they chose (the form validated it against
    AUTH_PASSWORD_VALIDATORS), in the invitation's role; a handover without a date ends the
    predecessor's access now."""
    found = invitation_for_token(token)
    return _accept(_locked(found) if found is not None else None, password=password)


@transaction.atomic
def invitation_accept_by_sign_on(*, email: str) -> User | None:
    """The account of whoever holds the open invitation to `email`, accepted as by its link,
    without a password: the organisation's provider vouched for the address (sso/). None when
    no invitation to the address is open."""
    found = Invitation.objects.pending().filter(email__iexact=email).order_by("-created").first()
    if found is None:
        return None
    return _accept(_locked(found), password=None)


def _accept(invitation: Invitation | None, *, password: str | None) -> User:
    state = invitation_state(invitation)
    if invitation is None or state != "open":
        raise InvitationRefused(f"This invitation is {state}.")
    if User.objects.filter(username__iexact=invitation.email).exists():
        raise InvitationRefused(f"An account with the address {invitation.email} exists already.")
    user = User(username=invitation.email, email=invitation.email)
    # Without a password, the person signs in through single sign-on (or sets one by a reset).
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=invitation.role)[0])
    if invitation.role in ECONOMY_ROLES:
        # A contributor edits no section until the economy's delegate assigns some.
        delegate = Delegate(user=user, economy=invitation.economy)
        delegate.full_clean()
        delegate.save()
    invitation.accepted_at = timezone.now()
    invitation.user = user
    _history_by(invitation, user)
    invitation.save(update_fields=["accepted_at", "user"])
    ends = invitation.predecessor_access_ends
    predecessor = invitation.predecessor
    if (
        predecessor is not None
        and predecessor.is_active
        and (ends is None or ends <= timezone.localdate())
    ):
        _deactivate(predecessor, by=invitation.invited_by, invitation=invitation)
    return user


def _deactivate(user: User, *, by: User | None, invitation: Invitation | None = None) -> None:
    User.objects.select_for_update().filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    ApiToken.objects.filter(user=user).delete()
    sessions_end(user_id=user.pk)
    if invitation is not None:
        reason = f"Handed {invitation.economy} over to {invitation.email}"
    else:
        reason = "Deactivated on the people page"
    deactivation = Deactivation(
        user=user, by=by, at=timezone.now(), reason=reason, invitation=invitation
    )
    deactivation.full_clean()
    _history_by(deactivation, by)
    deactivation.save()


@transaction.atomic
def account_deactivate(*, by: User, user: User) -> None:
    """The person can no longer sign in; their sessions and API token end at once. The director
    deactivates delegates; the administrator anyone but an administrator."""
    if user.pk == by.pk:
        raise InvitationRefused("You cannot deactivate your own account.")
    if not user.is_active:
        raise InvitationRefused(f"{user.get_username()} is deactivated already.")
    target = identity_of(user)
    allowed = {InvitedRole(role.value) for role in target.roles if role != Role.ADMINISTRATOR}
    if Role.ADMINISTRATOR in target.roles or not allowed <= set(roles_invitable_by(by)):
        raise InvitationRefused(f"You cannot deactivate {user.get_username()}.")
    if not allowed:
        raise InvitationRefused(f"{user.get_username()} has no role you manage.")
    _deactivate(user, by=by)


@transaction.atomic
def handovers_complete(*, today: datetime.date | None = None) -> list[Invitation]:
    """Ends the access of the predecessors whose handover date has come, accepted or not."""
    today = today or timezone.localdate()
    due = list(
        Invitation.objects.select_for_update(of=("self",))
        .select_related("predecessor", "economy", "invited_by")
        .filter(
            predecessor__is_active=True,
            predecessor_access_ends__lte=today,
            withdrawn_at__isnull=True,
        )
    )
    for invitation in due:
        assert invitation.predecessor is not None
        _deactivate(invitation.predecessor, by=invitation.invited_by, invitation=invitation)
    return due

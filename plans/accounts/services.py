"""What a person changes on their account: their API token, their time zone, and their
sessions ended everywhere."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from plans.accounts.models import TOKEN_PREFIX_LENGTH, ApiToken, UserPreferences
from plans.accounts.sessions import sessions_end
from plans.accounts.tokens import key_digest


@dataclass(frozen=True)
class IssuedToken:
    """The token just issued, with its key: the only moment the key exists outside the client."""

    token: ApiToken
    key: str


@transaction.atomic
def token_issue(*, user: User) -> IssuedToken:
    """A new token for the user; the one they had stops working.

    Two issues at once for one person (two tabs) queue on the user's row, so the key the later
    page shows is the one that works; the one-to-one column makes a second token impossible.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    ApiToken.objects.filter(user=user).delete()
    # Hexadecimal, as DRF's keys were: safe to paste into a shell, a header or a regex.
    key = secrets.token_hex(24)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        prefix=key[:TOKEN_PREFIX_LENGTH],
        digest=key_digest(key),
        created=now,
        expires=now + settings.API_TOKEN_LIFETIME,
    )
    return IssuedToken(token, key)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def preferences_set_time_zone(*, user: User, time_zone: str) -> UserPreferences:
    preferences, _ = UserPreferences.objects.select_for_update().get_or_create(user=user)
    preferences.time_zone = time_zone
    preferences.full_clean()
    preferences.save()
    return preferences


@transaction.atomic
def preferences_set_digest(*, user: User, question_digest: bool) -> UserPreferences:
    preferences, _ = UserPreferences.objects.select_for_update().get_or_create(user=user)
    preferences.question_digest = question_digest
    preferences.full_clean()
    preferences.save(update_fields=["question_digest"])
    return preferences


@transaction.atomic
def access_end_everywhere(*, user: User) -> int:
    """Signs the person out of every session, this one too, and revokes their API token: for a
    lost laptop or a shared computer left signed in. Returns how many sessions ended."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    ApiToken.objects.filter(user=user).delete()
    return sessions_end(user_id=user.pk)

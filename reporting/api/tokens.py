"""API tokens: a signed-in person issues one on their profile page, sees it once, and can
replace or revoke it. One token per person.

Only a SHA-256 digest of the key is stored (and its first characters, to name it on the
profile page): a copy of the database signs nobody in. A token expires after
API_TOKEN_LIFETIME, and a new password revokes it (see `revoke_tokens_on_new_password`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from rest_framework import authentication, exceptions

from plans.roles import SignedInRequest, identity_of
from reporting.reports.models import time_zone_of
from reporting.reports.preferences import TimeZoneForm, preferences_set_time_zone

PREFIX_LENGTH = 8
# A token's use is written down at most this often: reading the API writes nothing otherwise.
LAST_USED_PRECISION = timedelta(minutes=15)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="api_token")
    prefix = models.CharField(max_length=PREFIX_LENGTH)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField()
    expires = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()


class IssuedToken:
    """The token just issued, with its key: the only moment the key exists outside the client."""

    def __init__(self, token: ApiToken, key: str):
        self.token = token
        self.key = key


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
        prefix=key[:PREFIX_LENGTH],
        digest=key_digest(key),
        created=now,
        expires=now + settings.API_TOKEN_LIFETIME,
    )
    return IssuedToken(token, key)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)


@receiver(pre_save, sender=User, dispatch_uid="revoke-api-tokens-on-new-password")
def revoke_tokens_on_new_password(sender, instance: User, update_fields=None, **kwargs) -> None:
    """A new password revokes the person's API tokens.

    A signal, against the style guide's rule, because passwords change in places that are not
    ours: the admin's password form, `manage.py changepassword`, Django's password views,
    `set_password()` in a shell. Each of them saves the user with the new hash, so comparing
    the hash with the stored one catches every path. It writes nothing else and cascades
    nowhere; saves that cannot change the password (the sign-in's `last_login`) are skipped.
    """
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        ApiToken.objects.filter(user_id=instance.pk).delete()


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, looked up by the key's digest."""

    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                "The token has expired: issue a new one on your profile page."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.last_used is None or token.last_used < now - LAST_USED_PRECISION:
            ApiToken.objects.filter(
                Q(last_used__isnull=True) | Q(last_used__lt=now - LAST_USED_PRECISION),
                pk=token.pk,
            ).update(last_used=now)
        return (token.user, token)


@never_cache  # the page shows a new token once: no copy in any cache
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    new_key = None
    status = 200
    zone_form = TimeZoneForm(initial={"time_zone": str(time_zone_of(request.user))})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "time_zone":
            zone_form = TimeZoneForm(request.POST)
            if zone_form.is_valid():
                preferences_set_time_zone(
                    user=request.user, time_zone=zone_form.cleaned_data["time_zone"]
                )
                messages.success(request, "Your time zone is saved.")
                return redirect("profile")
            status = 400
        elif action == "issue":
            new_key = token_issue(user=request.user).key
        elif action == "revoke":
            if token_revoke(user=request.user):
                messages.success(request, "Your API token is revoked: it no longer works.")
            return redirect("profile")
        else:
            status = 400
    token = ApiToken.objects.filter(user=request.user).first()
    return render(
        request,
        "registration/profile.html",
        {
            "identity": identity_of(request.user),
            "token": token,
            "new_key": new_key,
            "bad_request": status == 400 and not zone_form.errors,
            "zone_form": zone_form,
        },
        status=status,
    )

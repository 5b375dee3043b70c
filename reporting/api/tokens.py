"""API tokens: a signed-in person issues one on their profile page, sees it once, and can
replace or revoke it. One token per person (DRF's authtoken)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from plans.roles import identity_of
from reporting.reports.models import time_zone_of
from reporting.reports.preferences import TimeZoneForm, preferences_set_time_zone


@transaction.atomic
def token_issue(*, user: User) -> Token:
    """A new token for the user; the one they had stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


@never_cache  # the page shows a new token once: no copy in any cache
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
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
    token = Token.objects.filter(user=request.user).first()
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

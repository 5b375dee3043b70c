"""Sign-in throttling (django-axes): the page a locked-out person sees, and the lockouts the
program director may lift (views.lockouts).

Axes keeps the failed attempts in the database, so a lockout holds across every app instance.
The director is not staff, so their page, not axes' admin, is where they lift a lockout (the
administrator can also delete the attempt in the admin, under Axes).
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def locked_out_attempts():
    """Attempts at the failure limit whose cool-off has not run out."""
    since = timezone.now() - get_cool_off()
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the site's own page, 429, saying how long the pause lasts."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "username": (credentials or {}).get("username", ""),
            "minutes": minutes,
        },
        status=429,
    )

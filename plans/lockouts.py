"""Sign-in lockouts (django-axes): the program director sees who is locked out and lifts it.

Axes keeps the failed attempts in the database, so a lockout holds across every app instance.
The director is not staff, so this page, not axes' admin, is where they lift a lockout (the
administrator can also delete the attempt in the admin, under Axes).
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from plans.roles import require_director


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


@require_http_methods(["GET", "POST"])
def lockouts(request: HttpRequest) -> HttpResponse:
    require_director(request.user)
    if request.method == "POST":
        try:
            attempt_id = int(request.POST.get("attempt", ""))
        except ValueError:
            return HttpResponseBadRequest("Choose the lockout to lift.")
        attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
        attempt.delete()
        messages.success(
            request, f"“{attempt.username}” can sign in again from {attempt.ip_address}."
        )
        return redirect("lockouts")
    return render(
        request,
        "registration/lockouts.html",
        {"attempts": locked_out_attempts(), "failure_limit": settings.AXES_FAILURE_LIMIT},
    )

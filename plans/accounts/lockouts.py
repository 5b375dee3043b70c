"""Sign-in throttling: the page a locked-out person sees, the lockouts the program director may
lift (views.lockouts), and the slowing of guesses at one account from many addresses.

Two rules, neither of which lets a stranger keep the account's owner out:

- Per username and address (django-axes): five wrong passwords pause that username from that
  address, for 15 minutes. The stranger pauses only their own address.
- Per username across addresses (`account_wait`): a guesser who changes address at each try
  escapes the first rule. Past SIGNIN_ACCOUNT_FREE_FAILURES failures for a username (counted
  across every address, within the cool-off), each further try must wait an interval after the
  last failure, doubling with each failure up to the cool-off: the page answers 429 and says
  how many seconds. A device that has signed in as that username before (a signed cookie set at
  sign-in, `remember_device`) is not slowed, so the owner signs in from their own computer
  while someone guesses elsewhere; from a new device they wait at most the interval.

Axes keeps the failed attempts in the database, so both rules hold across every app instance.
The director is not staff, so their page, not axes' admin, is where they lift a lockout (the
administrator can also delete the attempt in the admin, under Axes).
"""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

# A browser that signed in as a username carries this cookie (signed: it cannot be forged).
DEVICE_COOKIE = "smewg_device"
_DEVICE_SALT = "plans.accounts.lockouts.device"


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


def lockouts_lift(username: str) -> None:
    """After a password reset: whoever set it holds the account's mailbox, so its pauses and its
    count of failures start again."""
    AccessAttempt.objects.filter(username=username).delete()


def remember_device(response: HttpResponse, username: str) -> None:
    """After a successful sign-in: this browser is a known device of the username."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        username,
        salt=_DEVICE_SALT,
        max_age=int(settings.SIGNIN_DEVICE_LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def is_known_device(request: HttpRequest, username: str) -> bool:
    known = request.get_signed_cookie(
        DEVICE_COOKIE,
        default=None,
        salt=_DEVICE_SALT,
        max_age=settings.SIGNIN_DEVICE_LIFETIME,
    )
    return bool(username) and known == username


def account_wait(request: HttpRequest, username: str) -> int:
    """Seconds before `username` may be tried again from this browser (0: now)."""
    if not username or is_known_device(request, username):
        return 0
    now = timezone.now()
    cool_off = get_cool_off(request)
    failed = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - cool_off
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    beyond = (failed["failures"] or 0) - settings.SIGNIN_ACCOUNT_FREE_FAILURES
    if beyond < 0:
        return 0
    # The doubling stops at 2**16 times (over 20 days at 30 s), far past the cool-off: a count
    # that grows for days cannot overflow the arithmetic.
    interval = min(settings.SIGNIN_ACCOUNT_INTERVAL * 2 ** min(beyond, 16), cool_off)
    return max(0, math.ceil((failed["last"] + interval - now).total_seconds()))


def slowed_response(request: HttpRequest, username: str, seconds: int) -> HttpResponse:
    response = render(
        request,
        "registration/slowed.html",
        {"username": username, "seconds": seconds},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response

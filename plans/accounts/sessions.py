"""A person's signed-in sessions, as their profile lists them: where and when each began and was
last seen, and "sign out everywhere".

A session is recorded when someone signs in (`session_record`, a `user_logged_in` receiver, so
that every way in counts: the sign-in page, the admin's, a test's `force_login`), and touched by
`SessionActivityMiddleware` at most once a minute: the time of the last touch rides in the
session itself, so a page costs no query for this until a minute has passed. Sessions live in
the database (Django's default backend), which the `UserSession` row points to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from plans.accounts.addresses import client_address
from plans.accounts.models import UserSession
from plans.accounts.preferences import time_zone_of, zone_remember

# A session's "last seen" is written down at most this often.
LAST_SEEN_PRECISION = timedelta(minutes=1)
# Where the session keeps the time of its last touch (seconds since the epoch).
_SEEN_KEY = "_smewg_seen"


def session_record(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """At sign-in (the `user_logged_in` signal): record the new session as the person's."""
    if request is not None and hasattr(request, "session"):
        session_touch(request, user)


def session_touch(request: HttpRequest, user: User) -> None:
    """Record the request's session as the person's, seen now."""
    key = request.session.session_key
    if key is None:
        return  # a session never saved: nothing to point to
    now = timezone.now()
    seen = {
        "user": user,
        "last_seen": now,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
        "address": client_address(request) or None,
    }
    UserSession.objects.update_or_create(
        session_id=key, defaults=seen, create_defaults={**seen, "created": now}
    )
    request.session[_SEEN_KEY] = now.timestamp()
    # The time zone rides in the session too, read again as often (plans/accounts/preferences.py).
    zone_remember(request, time_zone_of(user))


class SessionActivityMiddleware:
    """Touches the signed-in person's session record at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            seen = request.session.get(_SEEN_KEY)
            if seen is None or timezone.now().timestamp() - seen >= (
                LAST_SEEN_PRECISION.total_seconds()
            ):
                session_touch(request, user)
        return self.get_response(request)


def sessions_of(user: User) -> QuerySet[UserSession]:
    """The person's sessions that still work, the latest seen first."""
    live = Session.objects.filter(pk=OuterRef("session_id"), expire_date__gt=timezone.now())
    return UserSession.objects.filter(Exists(live), user=user)


def sessions_end(*, user_id: int) -> int:
    """Ends every session of the person; their records go with them."""
    sessions = Session.objects.filter(
        session_key__in=UserSession.objects.filter(user_id=user_id).values("session_id")
    )
    _, deleted = sessions.delete()
    return deleted.get(Session._meta.label, 0)

"""A person's settings: the time zone in which pages and e-mails show times (UTC unless they
choose), how a time names its zone, and the weekly digest of questions (sent unless they opt
out).

Every page shows times in its reader's zone: `TimeZoneMiddleware` makes it Django's current time
zone for the request (UTC, named, for whoever is not signed in), so `{{ when|date }}` is local
and `{{ when|local_time }}` (plans/templatetags/zones.py) writes it with the zone named. The zone
rides in the session, written at sign-in and when the profile changes it, and read again from
the preferences at most once a minute (with the session's "last seen", plans/accounts/sessions.py)
so that a change made in another browser reaches this one within a minute, at no query per page.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from plans.accounts.models import UserPreferences

# Where the session keeps the name of its person's time zone.
_ZONE_KEY = "_smewg_zone"
UTC = zoneinfo.ZoneInfo("UTC")


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name for name in zoneinfo.available_timezones() if "/" in name and "Etc/" not in name
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def time_zone_of(user) -> zoneinfo.ZoneInfo:
    """The user's time zone, UTC unless they chose another on their profile."""
    return preferences_of(user)[0]


def preferences_of(user) -> tuple[zoneinfo.ZoneInfo, bool]:
    """The user's time zone and whether they get the weekly digest of questions (one query)."""
    found = (
        UserPreferences.objects.filter(user_id=user.pk)
        .values_list("time_zone", "question_digest")
        .first()
        if user.is_authenticated
        else None
    )
    name, digest = found or ("UTC", True)
    try:
        return zoneinfo.ZoneInfo(name or "UTC"), digest
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC"), digest


def time_zones_of(user_ids) -> dict[int, zoneinfo.ZoneInfo]:
    """Each person's time zone, UTC for whoever chose none: one query for any number."""
    chosen = dict(
        UserPreferences.objects.filter(user_id__in=list(user_ids)).values_list(
            "user_id", "time_zone"
        )
    )
    zones = {}
    for user_id in user_ids:
        try:
            zones[user_id] = zoneinfo.ZoneInfo(chosen.get(user_id) or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zones[user_id] = zoneinfo.ZoneInfo("UTC")
    return zones


def zone_name(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """How a time names its zone: "UTC", "CET (Berlin)", "UTC-05 (Lima)" where the zone has no
    abbreviation of its own."""
    key = str(zone)
    if key == "UTC":
        return "UTC"
    abbreviation = moment.astimezone(zone).tzname() or ""
    if abbreviation[:1] in "+-":
        abbreviation = f"UTC{abbreviation}"
    return f"{abbreviation} ({key.rsplit('/', 1)[-1].replace('_', ' ')})"


def local_time(moment: datetime.datetime, zone: zoneinfo.ZoneInfo | None = None) -> str:
    """A time as every page and e-mail writes it to its reader, in `zone` or else the request's
    (the reader's): "7 December 2026, 12:31 UTC-05 (Lima)"."""
    zone = zone or current_zone()
    local = moment.astimezone(zone)
    return f"{local.day} {local:%B %Y, %H:%M} {zone_name(moment, zone)}"


def current_zone() -> zoneinfo.ZoneInfo:
    """The zone in which this request shows times: its reader's (UTC outside a request)."""
    zone = timezone.get_current_timezone()
    return zone if isinstance(zone, zoneinfo.ZoneInfo) else zoneinfo.ZoneInfo(str(zone))


def zone_remember(request: HttpRequest, zone: zoneinfo.ZoneInfo) -> None:
    """The session shows times in `zone` from its next page on."""
    request.session[_ZONE_KEY] = str(zone)


def session_zone(request: HttpRequest) -> zoneinfo.ZoneInfo:
    """The zone of the signed-in person of this session, from the session (one query if it
    holds none yet)."""
    try:
        return zoneinfo.ZoneInfo(request.session[_ZONE_KEY])
    except (KeyError, zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = time_zone_of(request.user)
        zone_remember(request, zone)
        return zone


class TimeZoneMiddleware:
    """The request's current time zone is its reader's: the signed-in person's, or UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        with timezone.override(session_zone(request) if signed_in else UTC):
            return self.get_response(request)

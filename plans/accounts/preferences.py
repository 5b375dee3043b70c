"""A person's settings: the time zone in which pages and e-mails show times (UTC unless they
choose), how a time names its zone, and the weekly digest of questions (sent unless they opt
out)."""

from __future__ import annotations

import datetime
import zoneinfo

from plans.accounts.models import UserPreferences


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


def local_time(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A time as an e-mail writes it to its reader: "7 December 2026, 12:31 UTC-05 (Lima)"."""
    local = moment.astimezone(zone)
    return f"{local.day} {local:%B %Y, %H:%M} {zone_name(moment, zone)}"

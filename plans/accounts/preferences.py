"""A person's settings: the time zone in which pages show times (UTC unless they choose), and
the weekly digest of questions (sent unless they opt out)."""

from __future__ import annotations

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

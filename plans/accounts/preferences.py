"""A person's settings: the time zone in which pages show times (UTC unless they choose)."""

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
    name = (
        UserPreferences.objects.filter(user_id=user.pk).values_list("time_zone", flat=True).first()
        if user.is_authenticated
        else None
    )
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")

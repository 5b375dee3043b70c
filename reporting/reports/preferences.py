"""A person's settings: the time zone in which pages show times (UTC unless they choose)."""

from __future__ import annotations

import zoneinfo
from typing import cast

from django import forms
from django.contrib.auth.models import User
from django.db import transaction

from reporting.reports.models import UserPreferences


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name for name in zoneinfo.available_timezones() if "/" in name and "Etc/" not in name
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Times on the history page are shown in this time zone.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()


@transaction.atomic
def preferences_set_time_zone(*, user: User, time_zone: str) -> UserPreferences:
    preferences, _ = UserPreferences.objects.select_for_update().get_or_create(user=user)
    preferences.time_zone = time_zone
    preferences.full_clean()
    preferences.save()
    return preferences

"""Times as every page writes them, in the reader's time zone (the request's current one, see
plans/accounts/preferences.py) with the zone named:

- `{{ when|local_time }}`: "<time datetime=…>7 December 2026, 12:31 UTC-05 (Lima)</time>";
- `{% current_zone %}`: the zone's name, "UTC-05 (Lima)", for a table whose column heading
  names the zone once above times written `{{ when|date:"j M Y, H:i" }}`.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from plans.accounts import preferences

register = template.Library()


@register.filter
def local_time(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        moment.isoformat(timespec="seconds"),
        preferences.local_time(moment),
    )


@register.simple_tag
def current_zone() -> str:
    return preferences.zone_name(timezone.now(), preferences.current_zone())

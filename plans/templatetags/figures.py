"""`{{ value|figure }}`: a figure on a page as everywhere else (plans/catalogue/rounding.py):
half-up, thousands separated, no trailing zeros (1234.5000 is "1,234.5", 2000 is "2,000")."""

from __future__ import annotations

from decimal import Decimal

from django import template

from plans.catalogue import rounding

register = template.Library()


@register.filter
def figure(value: Decimal | float | int | None, places: int = 2) -> str:
    """At most `places` decimals: 4 for a value as an economy typed it, 2 for a statistic."""
    return rounding.number(value, places=int(places))

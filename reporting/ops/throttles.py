"""Per-user rate limits, counted in the cache: API writes and review downloads.

The rates are in settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]), read on each request so
that a settings change (or a test) applies at once. The counts live in the default cache; with
several app instances, give them a shared cache (CACHES) or each instance counts on its own.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import UserRateThrottle


class SettingsRateThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        # Read at each request, so that a change of settings (tests) applies; django-stubs types
        # the rate table only as a collection.
        rates = cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        return rates.get(self.scope or "")


class ApiWriteThrottle(SettingsRateThrottle):
    """Writes through the API (POST, PUT, PATCH, DELETE); reads are not counted."""

    scope = "api-write"

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class ReviewExportThrottle(SettingsRateThrottle):
    scope = "review-export"


def refuse_if_throttled(
    request: HttpRequest, throttle: SettingsRateThrottle
) -> HttpResponse | None:
    """For a Django view: None when the request may go on, else a 429 page saying when."""
    # DRF's throttles read only the user and the address from the request, which a Django
    # request has too; no view is involved.
    if throttle.allow_request(request, None):  # type: ignore[arg-type]
        return None
    wait = max(1, round(throttle.wait() or 1))
    response = render(request, "429.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response

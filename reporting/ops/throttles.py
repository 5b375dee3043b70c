"""Per-user rate limits: API writes, review downloads and the download button's requests.

Each limit counts a user's requests in fixed windows (a minute for "10/min") in one row per limit
and user (`RateCount`), incremented by a single INSERT ... ON CONFLICT DO UPDATE ... RETURNING,
which PostgreSQL and SQLite each run atomically: requests that arrive together get one count
each, so a burst cannot slip through. (DRF's throttles read a history list from the cache and
write it back, and the database cache's `incr` is a read and a write too: requests at the same
moment read the same count.) The counts are in the app's database, which every instance shares.

A fixed window lets a user make up to twice the rate across the end of one (the last seconds of a
minute and the first of the next): the price of one row and one statement per request.

The rates are in settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]), read on each request so
that a settings change (or a test) applies at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

from reporting.ops.models import RateCount

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# One statement: a new row at 1, or the row's count plus one, or 1 again in a later window. The
# right-hand sides read the row as it was; a window earlier than the row's (another instance's
# clock behind) counts in the row's window. SQLite runs RETURNING from 3.35 (Python 3.11 ships a
# later one); `table` is our own model's table name, not input.
COUNT_SQL = """
    INSERT INTO {table} (counter, window_start, n) VALUES (%s, %s, 1)
    ON CONFLICT (counter) DO UPDATE SET
        n = CASE WHEN {table}.window_start < excluded.window_start THEN 1
                 ELSE {table}.n + 1 END,
        window_start = CASE WHEN {table}.window_start < excluded.window_start
                            THEN excluded.window_start ELSE {table}.window_start END
    RETURNING n, window_start
"""


@dataclass(frozen=True)
class Counted:
    n: int  # this request's place in its window: 1 for the first
    retry_after: float  # seconds until the window ends


def count(counter: str, *, period: int) -> Counted:
    """Count one request against `counter` in the current window of `period` seconds."""
    now = time.time()
    window = int(now // period * period)
    sql = COUNT_SQL.format(table=connection.ops.quote_name(RateCount._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [counter, window])
        n, window_start = cursor.fetchone()
    return Counted(n=n, retry_after=window_start + period - now)


def parse_rate(rate: str) -> tuple[int, int]:
    """A rate such as "10/min" as (10, 60): requests, and the window in seconds."""
    number, _, period = rate.partition("/")
    return int(number), PERIODS[period[0]]


class CountedRateThrottle(BaseThrottle):
    """A DRF throttle (the API's) that a Django view can use too (`refuse_if_throttled`): the
    signed-in user is counted, anyone else by address."""

    scope = ""
    retry_after: float | None = None

    def rate(self) -> tuple[int, int] | None:
        # Read at each request, so that a change of settings (tests) applies; django-stubs
        # types the rate table only as a collection.
        rates = cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        given = rates.get(self.scope)
        return parse_rate(given) if given else None

    def allow_request(self, request, view) -> bool:
        rate = self.rate()
        if rate is None:
            return True
        limit, period = rate
        user = request.user
        who = f"user:{user.pk}" if user.is_authenticated else f"address:{self.get_ident(request)}"
        counted = count(f"{self.scope}:{who}", period=period)
        self.retry_after = counted.retry_after
        return counted.n <= limit

    def wait(self) -> float | None:
        return self.retry_after


class ApiWriteThrottle(CountedRateThrottle):
    """Writes through the API (POST, PUT, PATCH, DELETE); reads are not counted."""

    scope = "api-write"

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class ReviewExportThrottle(CountedRateThrottle):
    """Review and annual report files made in the request (seconds of work each)."""

    scope = "review-export"


class ReviewPrepareThrottle(CountedRateThrottle):
    """The download button's requests for a review's file: each reads the review's digest (its
    content built when it may have changed) and may queue a task."""

    scope = "review-prepare"


def _seconds(throttle: CountedRateThrottle) -> int:
    return max(1, round(throttle.wait() or 1))


def refuse_if_throttled(request: HttpRequest, throttle: CountedRateThrottle) -> HttpResponse | None:
    """For a Django view: None when the request may go on, else a 429 page saying when."""
    # DRF's throttles read only the user and the address from the request, which a Django
    # request has too; no view is involved.
    if throttle.allow_request(request, None):
        return None
    wait = _seconds(throttle)
    response = render(request, "429.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def refuse_json_if_throttled(
    request: HttpRequest, throttle: CountedRateThrottle, message: str
) -> JsonResponse | None:
    """The same for a script's request: 429 and the `message` (with `{wait}`, the seconds)."""
    if throttle.allow_request(request, None):
        return None
    wait = _seconds(throttle)
    response = JsonResponse(
        {"status": "throttled", "message": message.format(wait=wait)}, status=429
    )
    response["Retry-After"] = str(wait)
    return response

"""One log line per request, and a request id that ties the app's lines to the proxy's."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("smewg.requests")

HEADER = "X-Request-ID"
# A proxy's id is kept when it is a plain token (nginx's $request_id is 32 hex digits); anything
# else, such as a newline that would forge a log line or a header, gets a fresh id instead.
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_for(request: HttpRequest) -> str:
    given = request.headers.get(HEADER, "")
    return given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex


def user_id_of(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    # A user the view never looked at stays unread: logging must not add a session query (or
    # fail on /healthz when the database is down).
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_for(request)
        response = self.get_response(request)
        response[HEADER] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id_of(request),
            },
        )
        return response

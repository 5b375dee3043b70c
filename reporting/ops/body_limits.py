"""Request bodies are capped before Django reads them.

Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) count only form fields, not files, and apply
once the body is being parsed: a 1 GB multipart POST to any address, even the sign-in page,
would be read and spooled to disk first. This middleware comes first and answers 413 from the
Content-Length header alone, so nothing is read. A chunked body (no Content-Length) is read up
to the cap and no further.

The caps are in settings: REQUEST_BODY_MAX_BYTES everywhere, and REQUEST_BODY_LIMITS, a list of
(path pattern, bytes) for the few addresses that take a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse

TOO_LARGE = (
    "The request is too large: this address accepts at most {limit} of data. "
    "If you are uploading a report workbook, upload the one downloaded from the report's page."
)


def _limits() -> list[tuple[re.Pattern, int]]:
    return [(re.compile(pattern), limit) for pattern, limit in settings.REQUEST_BODY_LIMITS]


def body_limit(path: str) -> int:
    for pattern, limit in _limits():
        if pattern.match(path):
            return limit
    return settings.REQUEST_BODY_MAX_BYTES


def _megabytes(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB"


def _too_large(limit: int) -> HttpResponse:
    return HttpResponse(
        TOO_LARGE.format(limit=_megabytes(limit)),
        status=413,
        content_type="text/plain; charset=utf-8",
    )


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request.path_info)
        declared = request.META.get("CONTENT_LENGTH")
        if declared:
            try:
                length = int(declared)
            except ValueError:
                return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
            if length > limit:
                return _too_large(limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            # Read one byte past the cap at most; then hand Django the body as if its length
            # had been declared (WSGI otherwise reads a body without Content-Length as empty).
            body = request.META["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return _too_large(limit)
            request.META["CONTENT_LENGTH"] = str(len(body))
            # The request reads its body from _stream: the part already read, replayed.
            request._stream = LimitedStream(BytesIO(body), len(body))  # type: ignore[assignment]
        return self.get_response(request)

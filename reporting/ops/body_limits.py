"""Request bodies are capped before Django reads them.

Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) count only form fields, not files, and apply
once the body is being parsed: a 1 GB multipart POST to any address, even the sign-in page,
would be read and spooled to disk first. This middleware answers 413 from the Content-Length
header alone, so nothing is read. A chunked body (no Content-Length) is read up to the cap and
no further.

The caps are in settings: REQUEST_BODY_MAX_BYTES everywhere, and REQUEST_BODY_LIMITS, a list of
(path pattern, bytes) for the few addresses that take a file. Those larger caps are for people
signed in (a session): someone who is not gets the everyday cap whatever the address, so that no
stranger can make the server read and spool a 60 MB body to be redirected to the sign-in page.

It comes after the session and authentication middleware, to know who is signed in, and before
anything reads the body: the CSRF check reads the form in `process_view`, which runs only once
every middleware's `__call__` has. The user (a session query) is looked up only for a body over
the everyday cap sent to an address with a larger one.
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
SIGN_IN_FIRST = (
    "The request is too large: this address accepts at most {limit} of data from someone who "
    "is not signed in. Sign in, then send your files again."
)


def _limits() -> list[tuple[re.Pattern, int]]:
    return [(re.compile(pattern), limit) for pattern, limit in settings.REQUEST_BODY_LIMITS]


def address_limit(path: str) -> int:
    """The address's own cap (it takes files), else the everyday one."""
    for pattern, limit in _limits():
        if pattern.match(path):
            return limit
    return settings.REQUEST_BODY_MAX_BYTES


def body_limit(path: str, *, signed_in: bool) -> int:
    """The cap on a body sent to `path`: an address's larger cap only for a signed-in user."""
    address = address_limit(path)
    return address if signed_in else min(address, settings.REQUEST_BODY_MAX_BYTES)


def _limit_for(request: HttpRequest, address: int) -> int:
    """The request's cap, reading the user (a session query) only where it makes a difference."""
    if address <= settings.REQUEST_BODY_MAX_BYTES:
        return address
    return address if request.user.is_authenticated else settings.REQUEST_BODY_MAX_BYTES


def _megabytes(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB"


def _too_large(limit: int, *, sign_in_first: bool) -> HttpResponse:
    return HttpResponse(
        (SIGN_IN_FIRST if sign_in_first else TOO_LARGE).format(limit=_megabytes(limit)),
        status=413,
        content_type="text/plain; charset=utf-8",
    )


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = address_limit(request.path_info)
        declared = request.META.get("CONTENT_LENGTH")
        if declared:
            try:
                length = int(declared)
            except ValueError:
                return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
            # Everyday bodies (forms) pass without a look at the user.
            if length > min(address, settings.REQUEST_BODY_MAX_BYTES):
                limit = _limit_for(request, address)
                if length > limit:
                    return _too_large(limit, sign_in_first=limit < address)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            limit = _limit_for(request, address)
            # Read one byte past the cap at most; then hand Django the body as if its length
            # had been declared (WSGI otherwise reads a body without Content-Length as empty).
            body = request.META["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return _too_large(limit, sign_in_first=limit < address)
            request.META["CONTENT_LENGTH"] = str(len(body))
            # The request reads its body from _stream: the part already read, replayed.
            request._stream = LimitedStream(BytesIO(body), len(body))  # type: ignore[assignment]
        return self.get_response(request)

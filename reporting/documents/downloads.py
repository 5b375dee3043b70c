"""How a request for a document's file answers: the kept file of the document's current content,
or "being prepared" (202) with a page that asks again by itself (a meta refresh: no JavaScript
needed; `Retry-After` for a program), a link to stop it doing so, and a button to ask at once.
The public data files answer alike (reporting.public.files). No file is ever made in a
request: the task worker makes them (reporting.documents.tasks)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from reporting.documents.formats import Format
from reporting.documents.kinds import DocumentKind
from reporting.documents.models import FrozenContent
from reporting.documents.rendering import Export
from reporting.documents.stored import stored_file
from reporting.documents.tasks import request_file

# How often the page of a file being prepared asks again, in seconds.
REFRESH = 5


def attachment(export: Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def download(
    request: HttpRequest,
    kind: DocumentKind,
    document: FrozenContent,
    fmt: Format,
    *,
    title: str,
    back: str,
    base: str = "base.html",
) -> HttpResponse:
    """The kept file, or the page saying it is being prepared (a task is queued for it unless
    one is already). `title` names the document ("the mid-term review"), `back` is its page,
    `base` the page's frame (the public site's has no link that needs a sign-in)."""
    status, digest = request_file(kind, document, fmt)
    if status == "ready" and (kept := stored_file(kind, document, digest, fmt)) is not None:
        return attachment(kept)
    return preparing(
        request,
        label=fmt.noun,
        title=title,
        caption=f"Strategic Plan {kind.reference(document)['plan']}",
        failed=status == "failed",
        back=back,
        base=base,
    )


def preparing(
    request: HttpRequest,
    *,
    label: str,
    title: str,
    caption: str,
    back: str,
    failed: bool = False,
    base: str = "base.html",
) -> HttpResponse:
    """The page saying that the file (`label`: "PDF") of `title` is being prepared (202): it asks
    again by itself, says when in `Retry-After` for a program, and is never kept by a cache."""
    # The reader may stop the page from asking by itself (WCAG 2.2.1, a time limit one can
    # turn off): the button still asks.
    refreshes = request.GET.get("refresh") != "off"
    response = render(
        request,
        "documents/download_preparing.html",
        {
            "base": base,
            "label": label,
            "title": title,
            "caption": caption,
            "failed": failed,
            "again": request.path,
            "stop": f"{request.path}?refresh=off",
            "back": back,
            "refresh": REFRESH if refreshes else None,
        },
        status=202,
    )
    response["Retry-After"] = str(REFRESH)
    add_never_cache_headers(response)
    return response

"""The addresses the annual report and the review share: their index, a document's page, its
reopen page and its downloads, with each feature's own addresses beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

View = Callable[..., Any]


def document_urlpatterns(
    document: str,
    *,
    name: str,
    index: View,
    page: View,
    reopen: View,
    download: View,
    more: list[tuple[str, View, str]],
) -> list[URLPattern]:
    """`document`: a document's address below the feature's, as `<str:code>/<int:year>/`;
    `name`: its page's name; `more`: (address below the document's, view, name)."""
    return [
        path("", index, name="index"),
        path(document, page, name=name),
        *(path(document + route, view, name=key) for route, view, key in more),
        path(document + "reopen/", reopen, name="reopen"),
        path(document + "download/<str:fmt>/", download, name="download"),
    ]

"""The addresses the annual report and the review share: their index, a document's page, its
reopen page and its downloads, with each feature's own addresses beside them."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.urls import URLPattern, path

View = Callable[..., Any]


def document_urlpatterns(
    document: str, views: ModuleType, *, more: list[tuple[str, View, str]]
) -> list[URLPattern]:
    """`document`: a document's address below the feature's, as `<str:code>/<int:year>/`;
    `views`: the feature's views, with its `PAGES` (reporting.documents.pages) and the views
    `<key>_index`, `<key>_detail`, `<key>_reopen` and `<key>_download`, `key` being its
    document kind's; `more`: (address below the document's, view, name). The document's page
    is named by its kind's noun."""
    kind = views.PAGES.kind

    def view(page: str) -> View:
        return getattr(views, f"{kind.key}_{page}")

    return [
        path("", view("index"), name="index"),
        path(document, view("detail"), name=kind.noun),
        *(path(document + route, more_view, name=key) for route, more_view, key in more),
        path(document + "reopen/", view("reopen"), name="reopen"),
        path(document + "download/<str:fmt>/", view("download"), name="download"),
    ]

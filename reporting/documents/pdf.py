"""A document of the tracker as PDF (the review, the program director's annual report): its
print template in a print wrapper, laid out by WeasyPrint with the print stylesheet, charts as
the page's inline SVG."""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import strip_spaces_between_tags
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from reporting.documents.charts import document_charts
from reporting.documents.content import DocumentContent, Stored

STYLESHEETS = ("css/review_print.css",)


def render_document(
    template: str,
    stored: Stored,
    content: DocumentContent,
    *,
    stamp: datetime.datetime,
    **context: object,
) -> bytes:
    """A document of the tracker as PDF (the review, the program director's annual report):
    its print template (templates/includes/document_pdf.html wraps it) with the print
    stylesheet, its charts drawn from its typed content; the file's identifier is the stored
    content's."""
    # The document holds everything it shows: no URL in it is fetched, so rendering never
    # reaches the network or the server's files (the stylesheets are ours, read from disk).
    html: str = render_to_string(
        template,
        {
            "content": content,
            "charts": document_charts(content),
            "stamp": stamp.isoformat(),
            **context,
        },
    )
    # The template's indentation is a fifth of the text WeasyPrint's parser would read.
    html = strip_spaces_between_tags(html)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf(
        stylesheets=_stylesheets(),
        # The file identifier is the content's: the same review gives the same file.
        pdf_identifier=hashlib.sha256(
            json.dumps(stored, sort_keys=True).encode() + stamp.isoformat().encode()
        )
        .hexdigest()[:32]
        .encode(),
    )


@cache
def _stylesheets() -> tuple[CSS, ...]:
    """Our stylesheets, read from the static files on disk (never over HTTP), parsed once."""
    return tuple(CSS(filename=finders.find(path)) for path in STYLESHEETS)

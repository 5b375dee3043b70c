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
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reporting.documents import typefaces
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
    fonts, stylesheets = _stylesheets()
    return HTML(string=html, url_fetcher=DocumentFetcher()).write_pdf(
        stylesheets=stylesheets,
        font_config=fonts,
        # The file identifier is the content's: the same review gives the same file.
        pdf_identifier=hashlib.sha256(
            json.dumps(stored, sort_keys=True).encode() + stamp.isoformat().encode()
        )
        .hexdigest()[:32]
        .encode(),
    )


class DocumentFetcher(URLFetcher):
    """What a document may load: data: URLs, and the bundled fonts' files (read from disk)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"})

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        fonts = {face.path.as_uri(): face.path for face in typefaces.FACES}
        if url in fonts:
            return URLFetcherResponse(url, body=fonts[url].read_bytes())
        return super().fetch(url, headers)


@cache
def _stylesheets() -> tuple[FontConfiguration, tuple[CSS, ...]]:
    """The bundled fonts and our stylesheets, read from disk (never over HTTP), parsed once: the
    fonts are copied into WeasyPrint's font configuration once per process, not per file."""
    fonts = FontConfiguration()
    faces = CSS(string=typefaces.font_face_css(), font_config=fonts, url_fetcher=DocumentFetcher())
    return fonts, (faces, *(CSS(filename=finders.find(path)) for path in STYLESHEETS))

"""The program director's annual report as PDF: its print template with the documents' print
stylesheet, laid out by WeasyPrint."""

from __future__ import annotations

import datetime

from reporting.annual import text
from reporting.annual.schema import load_annual
from reporting.documents.content import Stored
from reporting.documents.pdf import render_document


def render(stored: Stored, *, fmt: str, stamp: datetime.datetime) -> bytes:
    content = load_annual(stored)
    return render_document(
        "annual/annual_pdf.html", stored, content, stamp=stamp, chapters=text.chapters(content)
    )

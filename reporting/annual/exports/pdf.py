"""The program director's annual report as PDF: its print template with the documents' print
stylesheet, laid out by WeasyPrint."""

from __future__ import annotations

import datetime
from typing import Any

from reporting.annual import text
from reporting.documents.pdf import render_document


def render(content: dict[str, Any], *, fmt: str, stamp: datetime.datetime) -> bytes:
    return render_document(
        "annual/annual_pdf.html", content, stamp=stamp, chapters=text.chapters(content)
    )

"""The review as PDF: the review page's document (templates/reviews/review_document.html) in the
documents' print wrapper (reporting.documents.pdf)."""

from __future__ import annotations

import datetime
from typing import Any

from reporting.documents.pdf import render_document
from reporting.reviews.exports import text


def render(content: dict[str, Any], *, fmt: str, stamp: datetime.datetime) -> bytes:
    return render_document(
        "reviews/review_pdf.html", content, stamp=stamp, chapters=text.chapters(content)
    )

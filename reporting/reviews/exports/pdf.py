"""The review as PDF: the review page's document (templates/reviews/review_document.html) in the
documents' print wrapper (reporting.documents.pdf)."""

from __future__ import annotations

import datetime

from reporting.documents.content import Stored
from reporting.documents.pdf import render_document
from reporting.reviews.exports import text
from reporting.reviews.schema import load_review


def render(stored: Stored, *, fmt: str, stamp: datetime.datetime) -> bytes:
    content = load_review(stored)
    return render_document(
        "reviews/review_pdf.html", stored, content, stamp=stamp, chapters=text.chapters(content)
    )

"""A review as a file: Word, PDF, Excel, and the raw entries as CSV and JSON, one renderer
module a format (the registry: reporting.documents.formats).

Every format renders the review's content and nothing else (the snapshot once the review is
final, the live data while it is a draft), so the formats cannot disagree and a final review
cannot drift.
"""

from __future__ import annotations

from reporting.documents.formats import REVIEW, format_of, formats_of
from reporting.documents.rendering import Export, render_export
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.models import Review

FORMATS = tuple(fmt.key for fmt in formats_of(REVIEW))


def export_review(review: Review, fmt: str) -> Export:
    """The review's file in this format, made now (`manage.py export_review`; the site's
    downloads read the files the task worker keeps)."""
    found = format_of(REVIEW, fmt)
    if found is None:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return render_export(
        REVIEW_DOCUMENT,
        REVIEW_DOCUMENT.content(review),
        found,
        stem=REVIEW_DOCUMENT.stem(review),
    )

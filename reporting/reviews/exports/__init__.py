"""A review as a file: Word, PDF, Excel, and the raw entries as CSV and JSON.

Every format renders `reviews.content_of(review)` and nothing else (the snapshot once the review
is final, the live data while it is a draft), so the formats cannot disagree and a final review
cannot drift. The bytes depend on that content alone: every date inside a file is the review's
"as of" time (a fixed date for drafts), so the download button and `manage.py export_review`
write identical files, today and next year.
"""

from __future__ import annotations

import datetime
import importlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder

from reporting.reviews import content as reviews
from reporting.reviews.models import Review

FORMATS = ("docx", "pdf", "xlsx", "csv", "json")
# How the download buttons name each format for the Chair.
FORMAT_LABELS = {
    "docx": "Word",
    "pdf": "PDF",
    "xlsx": "Excel",
    "csv": "CSV of the entries",
    "json": "JSON of the entries",
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
# The module that writes each format, imported on first use: the PDF and Word libraries are
# heavy, and most requests never export.
MODULES = {"docx": "docx", "pdf": "pdf", "xlsx": "xlsx", "csv": "raw", "json": "raw"}
# A draft has no date of its own: its files carry the earliest date a zip entry can hold.
DRAFT_STAMP = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def export_review(review: Review, fmt: str) -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return render_export(document_content(review), fmt)


def render_export(content: reviews.Content, fmt: str) -> Export:
    """The file of this content: its bytes depend on the content alone."""
    module = importlib.import_module(f"{__name__}.{MODULES[fmt]}")
    return Export(
        content=module.render(content, fmt=fmt, stamp=stamp_of(content)),
        content_type=CONTENT_TYPES[fmt],
        filename=f"smewg-{content['plan']['code']}-{content['kind']}-review.{fmt}",
    )


def document_content(review: Review) -> reviews.Content:
    """The review's content as its snapshot stores it: through JSON, so that a draft and the
    final review made from it have the same types (lists, string keys, floats)."""
    return json.loads(json.dumps(reviews.content_of(review), cls=DjangoJSONEncoder))


def stamp_of(content: reviews.Content) -> datetime.datetime:
    """The date every file of this content carries: when the data was frozen, for a final
    review."""
    if content.get("as_of"):
        return datetime.datetime.fromisoformat(content["as_of"]).astimezone(datetime.UTC)
    return DRAFT_STAMP

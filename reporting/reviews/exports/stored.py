"""A review's files, made once per content and kept in the default storage (Django's storage
API: the file system under MEDIA_ROOT by default), named by the hash of that content.

A file depends on the review's content alone (every date in it is the "as of" time), so the
first file made for a content is the file for every later download of the same content:

- a final review's content is its snapshot: making it final makes its files, and every download
  reads them (no query beyond the review's row);
- a draft's content is built from the live data on each download (its queries, a few hundred
  milliseconds), and its file is made only when that content has changed since the last one
  (a report accepted, a text saved, a quote added). Profiling showed nearly all of a draft PDF's
  time in WeasyPrint's layout and drawing, which this skips when nothing changed.

Files of contents that are no longer current are never read again: the folder may be emptied
at any time (the next download makes what it needs).
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from reporting.reviews import content as reviews
from reporting.reviews.exports import (
    CONTENT_TYPES,
    FORMATS,
    Export,
    document_content,
    render_export,
)
from reporting.reviews.models import Review

# Part of every file's key: raise it when a change to the exports changes their bytes, so that
# files kept for a content are made anew by the new code.
LAYOUT = 2
FOLDER = "reviews"

logger = logging.getLogger(__name__)


def storage_name(key: str, fmt: str) -> str:
    digest = hashlib.sha256(f"{LAYOUT}\n{key}".encode()).hexdigest()
    return f"{FOLDER}/{digest[:2]}/{digest}.{fmt}"


def content_key(review: Review) -> tuple[str, reviews.Content | None]:
    """What names the review's files, and its content when that had to be built for it: a
    final review's snapshot as stored (nothing to build or parse), a draft's content from the
    live data."""
    if review.is_final and review.frozen_content:
        return review.frozen_content, None
    content = document_content(review)
    return json.dumps(content, sort_keys=True, ensure_ascii=False), content


def review_file(review: Review, fmt: str) -> Export:
    """The review's file in this format: the kept one when its content has one, else made now
    and kept."""
    key, content = content_key(review)
    name = storage_name(key, fmt)
    filename = f"smewg-{review.plan.code}-{review.kind}-review.{fmt}"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return Export(stored.read(), CONTENT_TYPES[fmt], filename)
    export = render_export(content or document_content(review), fmt)
    # Two requests may make the same file at once: the storage then keeps both under different
    # names, with the same bytes; later downloads read the first.
    default_storage.save(name, ContentFile(export.content))
    return export


def store_review_files(review: Review) -> None:
    """Make and keep every file of a review just made final. A failure is logged, not raised:
    the review is final either way, and a download makes a missing file."""
    for fmt in FORMATS:
        try:
            review_file(review, fmt)
        except Exception:
            logger.exception("Could not store the %s file of %s", fmt, review)

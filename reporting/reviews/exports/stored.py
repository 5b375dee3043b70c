"""A review's files, made once per content and kept in the default storage (Django's storage
API: the file system under MEDIA_ROOT by default), named by the hash of that content.

A file depends on the review's content alone (every date in it is the "as of" time), so the
first file made for a content is the file for every later download of the same content:

- a final review's content is its snapshot: making it final queues the making of its files,
  and every download reads them (no query beyond the review's row);
- a draft's content is built from the live data (its queries, a few hundred milliseconds) when
  it may have changed, and its file is made only when that content has changed since the last
  one (a report accepted, a text saved, a quote added). Profiling showed nearly all of a draft
  PDF's time in WeasyPrint's layout and drawing, which this skips when nothing changed; the task
  worker makes a draft's files after each save of its text or quotes (`tasks.py`), so that the
  download button usually finds them made.

Which content a review has now is its digest, kept in the cache (`content_digest`) under what
the content depends on: the review's own row (its version and when it was saved), its quotes,
the plan's data version (plans.catalogue.data_version: every change to the reports, the
catalogue, the cycles and the projects moves it), the address its links use and LAYOUT. So the
download button's request for an unchanged review reads a few rows and the cache, not the data.

Each review keeps its files in a folder of its own, `reviews/<plan>/<kind>/draft/` and
`.../final/`, each named `<digest>.<format>`. Storing a draft's file removes the review's older
draft files of that format: only the current one is kept. A final review's files stay. The
director's annual reports keep theirs the same way (`kept_name`, `read_kept`, `keep`), under
`annual/<plan>/<year>/`.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Max

from plans.catalogue.data_version import data_version
from reporting.reviews import content as reviews
from reporting.reviews.exports import (
    CONTENT_TYPES,
    FORMATS,
    Export,
    document_content,
    render_export,
)
from reporting.reviews.models import Review

# Part of every file's key, and of the key of every digest kept in the cache: raise it when a
# change to the code changes the content (reporting.reviews.content) or the files' bytes, so
# that the digests and the files kept for a content are made anew by the new code.
LAYOUT = 3
FOLDER = "reviews"
DIGEST = re.compile(r"[0-9a-f]{64}")
# A digest is kept this long at most: a safety net that a change made outside every path that
# moves the data version (an edit in the database's own shell) is seen by the next day.
DIGEST_KEPT = timedelta(hours=24)


def digest_of(key: str) -> str:
    return hashlib.sha256(f"{LAYOUT}\n{key}".encode()).hexdigest()


# The kept files of any document made from a content (the reviews, the director's annual
# reports): `root` is the document's own folder, and its drafts and finals sit apart under it.


def kept_name(root: str, digest: str, fmt: str, *, final: bool) -> str:
    return f"{root}/{'final' if final else 'draft'}/{digest}.{fmt}"


def read_kept(root: str, digest: str, fmt: str, *, final: bool) -> bytes | None:
    name = kept_name(root, digest, fmt, final=final)
    return _read(name) if default_storage.exists(name) else None


def keep(root: str, digest: str, fmt: str, data: bytes, *, final: bool) -> str:
    """Keep a file; a draft's replaces the document's older draft files of that format."""
    name = kept_name(root, digest, fmt, final=final)
    # Two processes may make the same file at once: the storage then keeps both under different
    # names, with the same bytes; later downloads read the first, and the next draft file
    # stored removes both.
    saved = default_storage.save(name, ContentFile(data))
    if not final:
        remove_older_drafts(root, fmt, keep={name, saved})
    return saved


def remove_older_drafts(root: str, fmt: str, *, keep: set[str]) -> list[str]:
    folder = f"{root}/draft"
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    removed = []
    for file in files:
        name = f"{folder}/{file}"
        if file.endswith(f".{fmt}") and name not in keep:
            try:
                default_storage.delete(name)
            except FileNotFoundError:  # removed by another process meanwhile
                continue
            removed.append(name)
    return removed


def _read(name: str) -> bytes | None:
    """The kept file's bytes, or None: a newer draft file may have just replaced it."""
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def review_root(review: Review) -> str:
    """One folder per review (a plan has one review of each kind), known before its row
    exists: a review no one has written yet can be downloaded too."""
    return f"{FOLDER}/{review.plan.code}/{review.kind}"


def review_folder(review: Review, *, final: bool) -> str:
    return f"{review_root(review)}/{'final' if final else 'draft'}"


def storage_name(review: Review, digest: str, fmt: str, *, final: bool) -> str:
    return kept_name(review_root(review), digest, fmt, final=final)


def filename_of(review: Review, fmt: str) -> str:
    return f"smewg-{review.plan.code}-{review.kind}-review.{fmt}"


def content_key(review: Review) -> tuple[str, reviews.Content | None]:
    """What names the review's files, and its content when that had to be built for it: a
    final review's snapshot as stored (nothing to build or parse), a draft's content from the
    live data."""
    if review.is_final and review.frozen_content:
        return review.frozen_content, None
    content = document_content(review)
    return json.dumps(content, sort_keys=True, ensure_ascii=False), content


def content_digest(review: Review) -> str:
    """The digest of the review's current content: a final review's from its snapshot when that
    was read with the row; else from the cache when nothing the content depends on has changed
    since it was worked out (three queries: the quotes, the plan's data version, the cache), else
    from the content, built and hashed, and kept for the next request."""
    return _digest_and_content(review)[0]


def _digest_and_content(review: Review) -> tuple[str, reviews.Content | None]:
    """The digest, and the content when it had to be built for it (None for a final review)."""
    if "frozen_content" not in review.get_deferred_fields() and is_final_key(review):
        return digest_of(review.frozen_content), None
    key = _digest_cache_key(review)
    digest = cache.get(key)
    if digest is not None:
        return digest, None
    # The version was read before the content: a change committed meanwhile is in the content,
    # under the older version's key, which no later request reads.
    text, content = content_key(review)
    digest = digest_of(text)
    cache.set(key, digest, DIGEST_KEPT.total_seconds())
    return digest, content


def _digest_cache_key(review: Review) -> str:
    quotes = (
        review.quotes.aggregate(count=Count("pk"), last=Max("pk")) if review.pk is not None else {}
    )
    depends_on = [
        LAYOUT,
        settings.SITE_URL,  # the evidence files' links in the annex
        review.plan_id,
        review.kind,
        review.pk,
        review.version,
        review.status,
        review.start_year,
        review.end_year,
        review.updated_at.isoformat() if review.updated_at else None,
        # Quotes are added and removed without a new version: their number and the newest id
        # (ids are never reused) change with each.
        quotes.get("count"),
        quotes.get("last"),
        data_version(review.plan_id),
    ]
    hashed = hashlib.sha256(json.dumps(depends_on).encode()).hexdigest()
    return f"review-digest:{hashed}"


def is_final_key(review: Review) -> bool:
    return bool(review.is_final and review.frozen_content)


def stored_file_exists(review: Review, digest: str, fmt: str) -> bool:
    return any(
        default_storage.exists(storage_name(review, digest, fmt, final=final))
        for final in (True, False)
    )


def stored_file(review: Review, digest: str, fmt: str) -> Export | None:
    """The review's kept file of that content, draft or final, if there is one."""
    if fmt not in FORMATS or not DIGEST.fullmatch(digest):
        return None
    for final in (True, False):
        if (data := read_kept(review_root(review), digest, fmt, final=final)) is not None:
            return Export(data, CONTENT_TYPES[fmt], filename_of(review, fmt))
    return None


def review_file(review: Review, fmt: str) -> Export:
    """The review's file in this format: the kept one when its content has one, else made now
    and kept."""
    final = is_final_key(review)
    digest, content = _digest_and_content(review)
    kept = read_kept(review_root(review), digest, fmt, final=final)
    if kept is not None:
        return Export(kept, CONTENT_TYPES[fmt], filename_of(review, fmt))
    if content is None and not final:
        # The digest came from the cache and its file is gone: the content is built for the
        # file, and named by its own digest.
        key, content = content_key(review)
        digest = digest_of(key)
    export = render_export(content or document_content(review), fmt)
    store(review, digest, fmt, export.content, final=final)
    return export


def make_review_files(review: Review, formats: list[str]) -> str:
    """Make and keep the files of the review's current content that are not kept yet (the
    content built once for all of them); its digest."""
    key, content = content_key(review)
    final = is_final_key(review)
    digest = digest_of(key)
    for fmt in formats:
        if not default_storage.exists(storage_name(review, digest, fmt, final=final)):
            content = content or document_content(review)
            store(review, digest, fmt, render_export(content, fmt).content, final=final)
    return digest


def store(review: Review, digest: str, fmt: str, data: bytes, *, final: bool) -> str:
    return keep(review_root(review), digest, fmt, data, final=final)

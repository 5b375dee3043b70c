"""A document's files, made once per content and kept in the default storage (Django's storage
API: the file system under MEDIA_ROOT by default), named by the hash of that content.

A file depends on the document's content alone (every date in it is the "as of" time), so the
first file made for a content is the file for every later download of the same content:

- a final document's content is its snapshot: making it final queues the making of its files,
  and every download reads them (no query beyond the document's row);
- a draft's content is built from the live data (its queries, a few hundred milliseconds) when
  it may have changed, and its files are made by the task worker (`tasks.py`) when that content
  has changed since the last ones (a report accepted, a text saved, a quote added).

Which content a document has now is its digest, kept in the cache (`content_digest`) under what
the content depends on: the document's own row (`DocumentKind.depends_on`: its version, when it
was saved ...), the plan's data version (plans.catalogue.data_version: every change to the
reports, the catalogue, the cycles and the projects moves it), the address its links use and
LAYOUT. So a download request for an unchanged document reads a few rows and the cache, not the
data.

Each document keeps its files in a folder of its own (`DocumentKind.root`: the review's
`reviews/<plan>/<kind>/`, the annual report's `annual/<plan>/<year>/`), drafts and finals apart
under it, each named `<digest>.<format>`. Storing a draft's file removes the document's older
draft files of that format: only the current one is kept. A final document's files stay.
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

from plans.catalogue.data_version import data_version
from reporting.documents.formats import Format
from reporting.documents.kinds import Content, DocumentKind
from reporting.documents.models import FrozenContent
from reporting.documents.rendering import Export, render_export

# Part of every file's key, and of the key of every digest kept in the cache: raise it when a
# change to the code changes a content or the files' bytes, so that the digests and the files
# kept for a content are made anew by the new code.
LAYOUT = 4
DIGEST = re.compile(r"[0-9a-f]{64}")
# A digest is kept this long at most: a safety net that a change made outside every path that
# moves the data version (an edit in the database's own shell) is seen by the next day.
DIGEST_KEPT = timedelta(hours=24)


def digest_of(key: str) -> str:
    return hashlib.sha256(f"{LAYOUT}\n{key}".encode()).hexdigest()


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


def is_final_key(document: FrozenContent) -> bool:
    return bool(document.is_final and document.frozen_content)


def content_key(kind: DocumentKind, document: FrozenContent) -> tuple[str, Content | None]:
    """What names the document's files, and its content when that had to be built for it: a
    final document's snapshot as stored (nothing to build or parse), a draft's content from the
    live data."""
    if is_final_key(document):
        return document.frozen_content, None
    content = kind.content(document)
    return json.dumps(content, sort_keys=True, ensure_ascii=False), content


def content_digest(kind: DocumentKind, document: FrozenContent) -> str:
    """The digest of the document's current content: a final document's from its snapshot when
    that was read with the row; else from the cache when nothing the content depends on has
    changed since it was worked out (a few queries: its own rows, the plan's data version, the
    cache), else from the content, built and hashed, and kept for the next request."""
    if "frozen_content" not in document.get_deferred_fields() and is_final_key(document):
        return digest_of(document.frozen_content)
    if not kind.digest_kept:
        return digest_of(content_key(kind, document)[0])
    key = _digest_cache_key(kind, document)
    digest = cache.get(key)
    if digest is None:
        # The version was read before the content: a change committed meanwhile is in the
        # content, under the older version's key, which no later request reads.
        digest = digest_of(content_key(kind, document)[0])
        cache.set(key, digest, DIGEST_KEPT.total_seconds())
    return digest


def _digest_cache_key(kind: DocumentKind, document: FrozenContent) -> str:
    depends_on = [
        LAYOUT,
        kind.key,
        settings.SITE_URL,  # the evidence files' links in the annex
        document.status,
        document.version,
        document.updated_at.isoformat() if document.updated_at else None,
        *kind.depends_on(document),
        data_version(kind.plan_id(document)),
    ]
    hashed = hashlib.sha256(json.dumps(depends_on).encode()).hexdigest()
    return f"document-digest:{hashed}"


def stored_file_exists(kind: DocumentKind, document: FrozenContent, digest: str, fmt: str) -> bool:
    root = kind.root(document)
    return any(
        default_storage.exists(kept_name(root, digest, fmt, final=final)) for final in (True, False)
    )


def stored_file(
    kind: DocumentKind, document: FrozenContent, digest: str, fmt: Format
) -> Export | None:
    """The document's kept file of that content, draft or final, if there is one."""
    if not DIGEST.fullmatch(digest):
        return None
    for final in (True, False):
        if (data := read_kept(kind.root(document), digest, fmt.key, final=final)) is not None:
            return Export(data, fmt.content_type, fmt.file_name_for(kind.stem(document)))
    return None


def make_files(kind: DocumentKind, document: FrozenContent, formats: list[Format]) -> str:
    """Make and keep the files of the document's current content that are not kept yet (the
    content built once for all of them); its digest."""
    key, content = content_key(kind, document)
    final = is_final_key(document)
    digest = digest_of(key)
    root = kind.root(document)
    for fmt in formats:
        if not default_storage.exists(kept_name(root, digest, fmt.key, final=final)):
            content = content or kind.content(document)
            export = render_export(kind, content, fmt, stem=kind.stem(document))
            keep(root, digest, fmt.key, export.content, final=final)
    return digest

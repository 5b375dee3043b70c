"""The documents' files made in the task worker (`manage.py db_worker`), never in a request: a
draft's PDF takes seconds, and at ten times the data its Word file too.

- A change to a document (its text or quotes saved, the document made final) queues the making
  of all its files (`queue_files`, on commit), so that a download usually finds them made.
- So does a change to the data a draft counts: every change that moves a plan's data version (a
  report submitted, returned, accepted or reopened, the catalogue changed) queues, once
  committed, the files of each of the plan's draft documents (`queue_draft_files`), once per
  document and data version however many steps a transaction took.
- A download asks for its file (`request_file`): made already, it is ready; else a task is
  queued to make it and the request answers that it is being prepared (reporting.documents.
  downloads), with where to ask again.

Which contents are being made is a mark in the cache (shared by every instance: the database
cache by default), one per document, content and format: a second request for the same content
queues nothing new. The mark lapses after PREPARING, so a task lost with its worker is asked
again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Literal

from django.core.cache import cache
from django_tasks import task

from plans.catalogue.data_version import data_version
from reporting.documents.formats import Format, formats_of
from reporting.documents.kinds import KINDS, DocumentKind, kind_named
from reporting.documents.models import FrozenContent
from reporting.documents.stored import content_digest, make_files, stored_file_exists

logger = logging.getLogger(__name__)

Status = Literal["ready", "preparing", "failed", "changed", "unknown"]
# Long enough for the slowest file behind a queue of others; a lost task is asked again after.
PREPARING = timedelta(minutes=10)
# How long a failure or a change of content is told to the page asking for it.
TOLD = timedelta(minutes=5)


def mark(kind: DocumentKind, document: FrozenContent, digest: str, fmt: str) -> str:
    return f"document-file:{kind.root(document)}:{digest}:{fmt}"


def request_file(kind: DocumentKind, document: FrozenContent, fmt: Format) -> tuple[Status, str]:
    """The status of the file of the document's current content, and that content's digest;
    a task is queued to make it unless it is kept already or being made."""
    digest = content_digest(kind, document)
    if stored_file_exists(kind, document, digest, fmt.key):
        return "ready", digest
    if cache.add(mark(kind, document, digest, fmt.key), "preparing", PREPARING.total_seconds()):
        prepare_document_files.enqueue(
            document=kind.key,
            reference=kind.reference(document),
            formats=[fmt.key],
            digest=digest,
        )
    return file_status(kind, document, digest, fmt.key), digest


def file_status(kind: DocumentKind, document: FrozenContent, digest: str, fmt: str) -> Status:
    if stored_file_exists(kind, document, digest, fmt):
        return "ready"
    return cache.get(mark(kind, document, digest, fmt), "unknown")


def queue_files(kind: DocumentKind, document: FrozenContent) -> None:
    """After the document changed (call it on commit): make its files now, before anyone asks
    for them."""
    prepare_document_files.enqueue(
        document=kind.key,
        reference=kind.reference(document),
        formats=[fmt.key for fmt in formats_of(kind.key)],
    )


def queue_draft_files(plan_ids: list[int] | None) -> None:
    """After a committed change to these plans' data (every plan's: None): queue the files of
    each of their draft documents, once per document and data version (a mark in the cache:
    several changes committed together, or told to several instances, queue one task)."""
    for kind in KINDS.values():
        for document in kind.drafts(plan_ids):
            version = data_version(document.plan_id)
            queued = f"document-drafts:{kind.root(document)}:{version}"
            if cache.add(queued, "queued", PREPARING.total_seconds()):
                queue_files(kind, document)


@task()
def prepare_document_files(
    *, document: str, reference: dict[str, Any], formats: list[str], digest: str = ""
) -> str:
    """Make and keep the document's files of its current content in these formats. `digest`
    names the content someone asked for; when the content has changed since, the page asking
    is told so (and asks for the current file)."""
    kind = kind_named(document)
    found = kind.load(reference)
    offered = {fmt.key: fmt for fmt in formats_of(kind.key)}
    try:
        current = make_files(kind, found, [offered[key] for key in formats])
    except Exception:
        if digest:
            for key in formats:
                cache.set(mark(kind, found, digest, key), "failed", TOLD.total_seconds())
        raise
    if digest and digest != current:
        logger.info("The %s changed while its files were asked for", found)
        for key in formats:
            cache.set(mark(kind, found, digest, key), "changed", TOLD.total_seconds())
    elif digest:
        cache.delete_many([mark(kind, found, digest, key) for key in formats])
    return current

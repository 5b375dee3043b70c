"""Publishing a final document on the public site and withdrawing it, and sending it back to
draft, each with a reason in its history: the program director's annual report and the Chair's
review are published and reopened alike. The
callers lock the row and say who may act; the public site reads the document's snapshot."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from reporting.documents.errors import DocumentError
from reporting.documents.kinds import DocumentKind
from reporting.documents.models import FrozenContent
from reporting.documents.tasks import queue_files
from reporting.ops.public_cache import public_changed

D = TypeVar("D", bound=FrozenContent)


class PublicationError(Exception):
    """A rule refused the act; the message is for the person who tried."""


def document_publish(document: FrozenContent, *, user: Any, noun: str) -> None:
    """Put the locked, final `document` on the public site. `noun` names it in the messages
    (“report”, “review”)."""
    if not document.is_final:
        raise PublicationError(f"Only a final {noun} can be published: make it final first.")
    if document.published_at is not None:
        raise PublicationError(f"This {noun} is published already.")
    document.published_at = timezone.now()
    document.published_by = user
    document._change_reason = "Published on the public site."
    document.full_clean()
    document.save(update_fields=["published_at", "published_by"])
    public_changed("documents")


def document_withdraw(document: FrozenContent, *, reason: str, noun: str) -> None:
    """Take the locked `document` off the public site, with the reason in its history."""
    if document.published_at is None:
        raise PublicationError(f"This {noun} is not published.")
    if not reason.strip():
        raise PublicationError(f"Say why the {noun} is withdrawn.")
    document.published_at = None
    document.published_by = None
    document._change_reason = f"Withdrawn from the public site: {reason.strip()}"
    document.full_clean()
    document.save(update_fields=["published_at", "published_by"])
    public_changed("documents")


def _locked(kind: DocumentKind[D], pk: int) -> D:
    manager: Any = kind.model._default_manager
    return manager.select_for_update().get(pk=pk)


@transaction.atomic
def locked_publish(
    kind: DocumentKind[D], pk: int, *, user: Any, error: type[Exception] = DocumentError
) -> D:
    """Lock the document's row and publish it; a refusal is raised as the caller's `error`."""
    document = _locked(kind, pk)
    try:
        document_publish(document, user=user, noun=kind.noun)
    except PublicationError as refusal:
        raise error(str(refusal)) from refusal
    return document


@transaction.atomic
def locked_withdraw(
    kind: DocumentKind[D], pk: int, *, reason: str, error: type[Exception] = DocumentError
) -> D:
    """Lock the document's row and withdraw it; a refusal is raised as the caller's `error`."""
    document = _locked(kind, pk)
    try:
        document_withdraw(document, reason=reason, noun=kind.noun)
    except PublicationError as refusal:
        raise error(str(refusal)) from refusal
    return document


@transaction.atomic
def locked_reopen(
    kind: DocumentKind[D], pk: int, *, reason: str, error: type[Exception] = DocumentError
) -> D:
    """Lock the document's row and send it back to draft, with the reason in its history; a
    refusal is raised as the caller's `error`."""
    document = _locked(kind, pk)
    noun = kind.noun
    if not document.is_final:
        raise error(f"This {noun} is a draft already.")
    if not reason.strip():
        raise error(f"Say why the {noun} is reopened.")
    document.make_draft(reason=reason)
    document.full_clean()
    document.save()
    # Its files follow the live data again.
    transaction.on_commit(lambda: queue_files(kind, document))
    return document


def save_final(kind: DocumentKind[D], document: D) -> D:
    """Save a document just made final; its files are made once by the task worker and kept:
    every later download reads them."""
    document.full_clean()
    document.save()
    transaction.on_commit(lambda: queue_files(kind, document))
    return document

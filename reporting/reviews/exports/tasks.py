"""A review's files made in the task worker (`manage.py db_worker`), not in the request: a
draft's PDF takes seconds.

- The download button, with JavaScript, asks for its file (`request_file`): made already, it is
  ready; else a task is queued to make it and the page polls `file_status` until it is kept,
  then downloads it. Without JavaScript the link downloads the kept file; a slow file (the PDF)
  not kept yet is queued and a page says so, with the link to ask again; other files are made in
  the request.
- Saving a draft's text or its quotes, and making the review final, queue the making of all
  its files (`queue_review_files`, on commit), so that a download usually finds them made.

Which contents are being made is a mark in the cache (shared by every instance: the database
cache by default), one per content and format: a second request for the same content queues
nothing new. The mark lapses after PREPARING, so a task lost with its worker is asked again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Literal

from django.core.cache import cache
from django_tasks import task

from plans.models import StrategicPlan
from reporting.reviews.exports import FORMATS
from reporting.reviews.exports.stored import (
    content_digest,
    make_review_files,
    stored_file_exists,
)
from reporting.reviews.models import Review

logger = logging.getLogger(__name__)

Status = Literal["ready", "preparing", "failed", "changed", "unknown"]
# Long enough for the slowest file behind a queue of others; a lost task is asked again after.
PREPARING = timedelta(minutes=10)
# How long a failure or a change of content is told to the page polling for it.
TOLD = timedelta(minutes=5)
# A draft's files that take over a second to make (its PDF: WeasyPrint lays out some forty
# pages) are never made in a request: the review page asks for them as it opens (with
# JavaScript), so that they are usually made by the time the reader clicks, and the plain link
# queues them and says they are being prepared.
SLOW_FORMATS = ("pdf",)
# How long the plain link waits for the worker before making the file in the request itself
# (a worker down or far behind).
WORKER_WAIT = timedelta(minutes=1)


def mark(review: Review, digest: str, fmt: str) -> str:
    return f"review-file:{review.plan.code}:{review.kind}:{digest}:{fmt}"


def request_file(review: Review, fmt: str) -> tuple[Status, str]:
    """The status of the file of the review's current content, and that content's digest;
    a task is queued to make it unless it is kept already or being made."""
    digest = content_digest(review)
    if stored_file_exists(review, digest, fmt):
        return "ready", digest
    if cache.add(mark(review, digest, fmt), "preparing", PREPARING.total_seconds()):
        prepare_review_files.enqueue(
            plan=review.plan.code, kind=review.kind, formats=[fmt], digest=digest
        )
    return file_status(review, digest, fmt), digest


def file_status(review: Review, digest: str, fmt: str) -> Status:
    if stored_file_exists(review, digest, fmt):
        return "ready"
    return cache.get(mark(review, digest, fmt), "unknown")


def queue_review_files(review: Review) -> None:
    """After a draft's text or quotes changed, or the review was made final (call it on
    commit): make its files now, before anyone asks for them."""
    prepare_review_files.enqueue(plan=review.plan.code, kind=review.kind, formats=list(FORMATS))


@task()
def prepare_review_files(*, plan: str, kind: str, formats: list[str], digest: str = "") -> str:
    """Make and keep the review's files of its current content in these formats. `digest`
    names the content someone asked for; when the content has changed since, the page asking
    is told so (and its plain link makes the current file)."""
    review = Review.objects.for_page(StrategicPlan.objects.get(code=plan), kind)
    try:
        current = make_review_files(review, formats)
    except Exception:
        if digest:
            for fmt in formats:
                cache.set(mark(review, digest, fmt), "failed", TOLD.total_seconds())
        raise
    if digest and digest != current:
        logger.info("The %s changed while its files were asked for", review)
        for fmt in formats:
            cache.set(mark(review, digest, fmt), "changed", TOLD.total_seconds())
    elif digest:
        cache.delete_many([mark(review, digest, fmt) for fmt in formats])
    return current

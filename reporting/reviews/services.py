"""Every change to a review: its text, its quotes, making it final and reopening it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from plans.models import StrategicPlan
from reporting.documents import publication
from reporting.documents.errors import DocumentError, StaleDocument
from reporting.documents.tasks import queue_files
from reporting.documents.writing import write_text
from reporting.reviews import content as reviews
from reporting.reviews import quotes
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.models import Review, ReviewQuote


class ReviewError(DocumentError):
    """A rule refused the change to the review."""


class StaleReview(StaleDocument, ReviewError):
    noun = "review"


def _draft(plan: StrategicPlan, kind: str) -> Review:
    """The review row, locked, refused when it is final; created on its first change. First
    changes made at the same time create it once: get_or_create reads the row again when its
    insert meets the other's."""
    start, end = Review.default_window(plan, kind)
    Review.objects.get_or_create(
        plan=plan, kind=kind, defaults={"start_year": start, "end_year": end}
    )
    review = Review.objects.select_for_update().get(plan=plan, kind=kind)
    _editable(review)
    return review


def _editable(review: Review) -> None:
    if review.is_final:
        raise ReviewError("This review is final. The Chair can reopen it to change it.")


def _files_follow(review: Review) -> None:
    """The draft's text or quotes changed: its files are made again in the task worker once
    the change is committed, before anyone asks for them."""
    transaction.on_commit(lambda: queue_files(REVIEW_DOCUMENT, review))


@transaction.atomic
def review_save(
    *,
    plan: StrategicPlan,
    kind: str,
    user: User,
    expected_version: int,
    executive_summary: str,
    area_texts: dict[int, dict[str, str]],
) -> Review:
    """Write the executive summary and the text on each area (area id -> field -> text)."""
    review = _draft(plan, kind)
    write_text(
        review,
        areas=area_texts,
        area_fields=reviews.TEXT_FIELDS,
        expected_version=expected_version,
        stale=StaleReview,
        executive_summary=executive_summary,
    )
    _files_follow(review)
    return review


@transaction.atomic
def review_add_quote(
    *, plan: StrategicPlan, kind: str, user: User, source: str, source_id: int
) -> ReviewQuote:
    """Copy a passage of a counted report into the review, attributed to economy and year."""
    review = _draft(plan, kind)
    try:
        found = quotes.quote_source(review, source=source, source_id=source_id)
    except LookupError as missing:
        raise ReviewError("That passage is not in a report this review counts.") from missing
    quote, _created = ReviewQuote.objects.get_or_create(
        review=review,
        source=source,
        source_id=source_id,
        defaults={
            "area_id": found["area_id"],
            "economy_id": found["economy_id"],
            "year": found["year"],
            "text": found["text"],
        },
    )
    quote.full_clean()
    _files_follow(review)
    return quote


@transaction.atomic
def review_remove_quote(*, review_id: int, user: User, quote_id: int) -> None:
    review = Review.objects.select_for_update().get(pk=review_id)
    _editable(review)
    review.quotes.filter(pk=quote_id).delete()
    _files_follow(review)


@transaction.atomic
def review_finalize(*, plan: StrategicPlan, kind: str, user: User) -> Review:
    """Make the review final: freeze every figure and quote it shows, as of now."""
    review = _draft(plan, kind)
    review.make_final(user=user, reason="Made final: figures and quotes frozen.")
    content = reviews.build_content(review, raw=True)
    review.freeze(content, body=reviews.without_annexes(content))
    return publication.save_final(REVIEW_DOCUMENT, review)


@transaction.atomic
def review_reopen(*, review_id: int, user: User, reason: str) -> Review:
    """Back to draft (the Chair's decision, with its reason in the history): the review follows
    the live data again until it is made final anew."""
    return publication.locked_reopen(REVIEW_DOCUMENT, review_id, reason=reason, error=ReviewError)


@transaction.atomic
def review_publish(*, review_id: int, user: User) -> Review:
    """Put the final review on the public site (the Chair's decision): its figures are those of
    its snapshot."""
    return publication.locked_publish(REVIEW_DOCUMENT, review_id, user=user, error=ReviewError)


@transaction.atomic
def review_withdraw(*, review_id: int, user: User, reason: str) -> Review:
    """Take the review off the public site, with the reason in the history."""
    return publication.locked_withdraw(REVIEW_DOCUMENT, review_id, reason=reason, error=ReviewError)

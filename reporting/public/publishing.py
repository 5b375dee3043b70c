"""Which final document a request to publish or withdraw it acts on, for whom alone: what the
confirmation pages (`release.py`) and the API (`api.py`) both ask first."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from plans.accounts.roles import SignedInRequest, require_director
from reporting.annual.access import get_annual_report_for_user
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.documents.kinds import DocumentKind
from reporting.documents.models import FrozenContent
from reporting.public import published
from reporting.reviews.access import get_review_for_user, require_chair
from reporting.reviews.document import REVIEW_DOCUMENT


@dataclass(frozen=True)
class Publication:
    """What publishing or withdrawing a document needs: its kind, the final document (its
    public view) and its page, where the confirmation pages go back to."""

    kind: DocumentKind
    document: FrozenContent
    public: published.PublicDocument
    back: str


def annual_publication(request: SignedInRequest, code: str, year: int) -> Publication:
    """The annual report to publish or withdraw, for the program director alone (also by API)."""
    report = get_annual_report_for_user(request.user, code, year)
    require_director(request.user)
    back = reverse("annual:report", kwargs={"code": code, "year": year})
    return Publication(ANNUAL_DOCUMENT, report, published.public_document(report), back)


def review_publication(request: SignedInRequest, code: str, kind: str) -> Publication:
    """The review to publish or withdraw, for the Chair alone (also by API)."""
    review = get_review_for_user(request.user, code, kind)
    require_chair(request.user)
    back = reverse("reviews:review", kwargs={"code": code, "kind": kind})
    return Publication(REVIEW_DOCUMENT, review, published.public_review(review), back)

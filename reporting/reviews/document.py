"""The review as a document of the shared machinery (reporting.documents): where its files are
kept, what they are named and what its content depends on."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from reporting.documents.formats import REVIEW
from reporting.documents.kinds import Content, DocumentKind, register
from reporting.reviews import content as reviews
from reporting.reviews.models import Review


class ReviewDocument(DocumentKind[Review]):
    key = REVIEW
    noun = "review"
    layouts = "reporting.reviews.exports"
    model = Review
    detail = "kind"
    folder = "reviews"

    def stem(self, document: Review) -> str:
        return f"smewg-{document.plan.code}-{document.kind}-review"

    def build(self, document: Review) -> Content:
        return reviews.content_of(document)

    def depends_on(self, document: Review) -> list[Any]:
        # Quotes are added and removed without a new version: their number and the newest id
        # (ids are never reused) change with each.
        quotes = (
            document.quotes.aggregate(count=Count("pk"), last=Max("pk"))
            if document.pk is not None
            else {}
        )
        return [
            document.plan_id,
            document.kind,
            document.pk,
            document.start_year,
            document.end_year,
            quotes.get("count"),
            quotes.get("last"),
        ]


REVIEW_DOCUMENT = register(ReviewDocument())

"""The Chair's reviews of a plan: the mid-term and the final review, their own text, the quotes
picked from the economies' reports, and the frozen snapshot of the figures they rest on."""

import json

from django.db import models
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from plans.models import Economy, PriorityArea, StrategicPlan
from reporting.documents.models import DocumentStatus, FrozenContent
from reporting.reports.models import NARRATIVE_VALIDATORS


class ReviewKind(models.TextChoices):
    MIDTERM = "midterm", "Mid-term review"
    FINAL = "final", "Final review"


# The review's states are every document's (reporting.documents.models).
ReviewStatus = DocumentStatus


def review_text(verbose_name: str, **kwargs) -> models.TextField:
    return models.TextField(verbose_name, blank=True, validators=NARRATIVE_VALIDATORS, **kwargs)


class ReviewQuerySet(models.QuerySet["Review"]):
    # `self` as a queryset of reviews: django-stubs makes a custom queryset's own `self` generic
    # over any model, and `first()` would not be known to give a Review.
    def for_page(
        self: "models.QuerySet[Review]", plan: StrategicPlan, kind: str, *, body_only: bool = False
    ) -> "Review":
        """The plan's review of that kind, or a new, unsaved one over its default window: the
        page can be read and exported before anyone has written a word. `body_only`: without
        the frozen content (every record, its size grows with the data), which the page does
        not show."""
        found = self.filter(plan=plan, kind=kind).select_related("plan", "frozen_by")
        review = (found.defer("frozen_content") if body_only else found).first()
        if review is None:
            start, end = Review.default_window(plan, kind)
            review = Review(plan=plan, kind=kind, start_year=start, end_year=end)
        return review


class Review(FrozenContent):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    executive_summary = review_text("executive summary")
    # Beside the frozen content (every figure and quote the review shows, as they were when it
    # was made final), the same without the annexes: what the review's page shows, so that the
    # page of a final review reads as little as a draft's (`reviews.content.without_annexes`).
    frozen_body = models.TextField(blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["frozen_content", "frozen_body", "updated_at"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="one_review_per_plan_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of the {self.plan.code} plan"

    @staticmethod
    def default_window(plan: StrategicPlan, kind: str) -> tuple[int, int]:
        """Mid-term: the plan's start to its mid-term year. Final: the whole plan."""
        if kind == ReviewKind.MIDTERM:
            return plan.start_year, plan.midterm_review_year or plan.end_year
        return plan.start_year, plan.end_year

    def freeze(self, content: dict, *, body: dict | None = None) -> None:
        super().freeze(content)
        self.frozen_body = json.dumps(body, ensure_ascii=False) if body is not None else ""
        self.__dict__.pop("body_snapshot", None)

    def thaw(self) -> None:
        super().thaw()
        self.frozen_body = ""
        self.__dict__.pop("body_snapshot", None)

    @cached_property
    def body_snapshot(self) -> dict | None:
        """The frozen body; None for a draft, or a review made final before it was kept."""
        return json.loads(self.frozen_body) if self.frozen_body else None

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class ReviewArea(models.Model):
    """The Chair's text on one priority area."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="area_texts")
    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="+")
    assessment = review_text("the Chair's assessment")
    achievements = review_text("key achievements")
    challenges = review_text("challenges")
    recommendations = review_text("recommendations")

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "area"], name="one_text_per_review_area")
        ]

    def __str__(self) -> str:
        return f"{self.review}: area {self.area.number}"


class QuoteSource(models.TextChoices):
    MEASURE = "measure", "Measure narrative"
    INITIATIVE = "initiative", "Initiative"
    LESSON = "lesson", "Lessons learned"
    INITIATIVE_LESSON = "initlesson", "Initiative: lessons learned"
    BEST_PRACTICE = "practice", "Best practice"
    DIALOGUE = "dialogue", "Dialogue with partners"


class ReviewQuote(models.Model):
    """A passage of an economy's report chosen for the review, copied with its attribution so
    that later changes to the report do not change what the review quotes."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="quotes")
    area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=12, choices=QuoteSource.choices)
    source_id = models.PositiveIntegerField(help_text="The quoted record, within its source.")
    economy = models.ForeignKey(Economy, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    text = models.TextField(validators=NARRATIVE_VALIDATORS)
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "source", "source_id"], name="quote_once_per_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.economy} {self.year}: {self.text[:40]}"

    @property
    def attribution(self) -> str:
        return f"{self.economy}, {self.year}"

"""The Chair's reviews of a plan: the mid-term and the final review, their own text, the quotes
picked from the economies' reports, and the frozen snapshot of the figures they rest on."""

import json
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from plans.models import Economy, PriorityArea, StrategicPlan
from reporting.reports.models import NARRATIVE_VALIDATORS


class ReviewKind(models.TextChoices):
    MIDTERM = "midterm", "Mid-term review"
    FINAL = "final", "Final review"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


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


class FrozenContent:
    """A document frozen with its figures: `frozen_content` holds them as JSON text (PostgreSQL's
    jsonb would reorder the keys of its tables). The review and the program director's annual
    report are both."""

    frozen_content: str

    @cached_property
    def snapshot(self) -> dict | None:
        return json.loads(self.frozen_content) if self.frozen_content else None

    def freeze(self, content: dict) -> None:
        self.frozen_content = json.dumps(content, ensure_ascii=False)
        self.__dict__.pop("snapshot", None)

    def thaw(self) -> None:
        self.frozen_content = ""
        self.__dict__.pop("snapshot", None)


class Review(FrozenContent, models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    executive_summary = review_text("executive summary")
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    # Optimistic concurrency: the Chair and the director may edit the text at the same time.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Every figure and quote the review shows, as they were when it was made final: JSON kept
    # as text, because PostgreSQL's jsonb would reorder the keys of its tables.
    frozen_content = models.TextField(blank=True, editable=False)
    # The same without the annexes: what the review's page shows, so that the page of a final
    # review reads as little as a draft's (`reviews.content.without_annexes`).
    frozen_body = models.TextField(blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["frozen_content", "frozen_body", "updated_at"])

    if TYPE_CHECKING:
        # Why the change was made: simple_history records it with the next save.
        _change_reason: str

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
    def is_final(self) -> bool:
        return self.status == ReviewStatus.FINAL

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

"""SMEWG meetings, with the best practices economies shared there and the dialogues held.

These records are what the plan's general indicators on best-practice sharing and dialogue with
partners count at the level of the Working Group.
"""

from __future__ import annotations

from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from simple_history.models import HistoricalRecords

from plans.catalogue.models import CodeManager, Economy, Forum, PriorityArea


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def with_counts(self) -> Self:
        return self.select_related("economy").annotate(
            best_practice_count=Count("best_practices", distinct=True),
            dialogue_count=Count("dialogues", distinct=True),
        )


# Named before it is subclassed: django-stubs reads `from_queryset` in an assignment, not in a
# class's bases, and only then gives the manager the queryset's methods.
_MeetingManagerBase = CodeManager.from_queryset(MeetingQuerySet)


class MeetingManager(_MeetingManagerBase):
    natural_key_field = "number"


class Meeting(models.Model):
    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1)], help_text="58 for the 58th SMEWG meeting."
    )
    place = models.CharField(max_length=120, help_text="The city, e.g. Pucallpa.")
    economy = models.ForeignKey(
        Economy, on_delete=models.PROTECT, related_name="hosted_meetings", verbose_name="host"
    )
    start_date = models.DateField()
    end_date = models.DateField()

    objects = MeetingManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.ordinal} SMEWG meeting, {self.place}"

    def natural_key(self) -> tuple[int]:
        return (self.number,)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The meeting cannot end before it starts."})

    @property
    def ordinal(self) -> str:
        number = self.number
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
        return f"{number}{suffix or 'th'}"


class MeetingBestPractice(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="best_practices")
    economy = models.ForeignKey(
        Economy, on_delete=models.PROTECT, related_name="meeting_best_practices"
    )
    title = models.CharField(max_length=300)
    area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_best_practices",
        verbose_name="priority area",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "economy__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "economy", "title"], name="unique_meeting_best_practice"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PartnerKind(models.TextChoices):
    PRIVATE_SECTOR = "private", "Private sector"
    APEC_FORUM = "forum", "APEC forum"
    MULTI_STAKEHOLDER = "multi", "Multi-stakeholder organization"


class MeetingDialogue(models.Model):
    """A dialogue session with partners held at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dialogues")
    title = models.CharField(max_length=300)
    partner_kind = models.CharField("kind of partner", max_length=8, choices=PartnerKind.choices)
    partner = models.CharField(
        max_length=200, help_text="Who, e.g. “APEC Policy Support Unit” or a business council."
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_dialogues",
        help_text="The APEC forum, when the partner is one.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "title"], name="unique_meeting_dialogue")
        ]

    def __str__(self) -> str:
        return self.title

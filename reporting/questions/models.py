"""Questions one economy asks another on its accepted report, and the answers.

A question is about one thing of the report, its subject: a section, an initiative, a best
practice, or the report's lessons learned. Every post can be hidden by the program director with
a reason; the history keeps who hid it, when and why."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from reporting.reports.models import BestPractice, EconomyReport, Initiative, ReportSection
from reporting.reports.models.text import NARRATIVE_VALIDATORS


class Subject(models.TextChoices):
    SECTION = "section", "Section"
    INITIATIVE = "initiative", "Initiative"
    BEST_PRACTICE = "best_practice", "Best practice"
    LESSONS = "lessons", "Lessons learned"


# Which foreign key each subject fills; the lessons learned are the report's own text.
SUBJECT_FIELDS = {
    Subject.SECTION: "section",
    Subject.INITIATIVE: "initiative",
    Subject.BEST_PRACTICE: "best_practice",
    Subject.LESSONS: None,
}


def _subject_rule() -> Q:
    """Exactly the foreign key of the subject's kind is set."""
    rule = Q()
    for kind, field in SUBJECT_FIELDS.items():
        filled = Q(**{f"{name}__isnull": name != field for name in SUBJECT_FIELDS.values() if name})
        rule |= Q(subject=kind) & filled
    return rule


class Post(models.Model):
    """What a question and an answer share: who wrote it, when, and its hiding."""

    text = models.TextField(validators=NARRATIVE_VALIDATORS)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField("reason for hiding", blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class QuestionQuerySet(models.QuerySet["Question"]):
    def shown(self) -> Self:
        return self.filter(hidden_at__isnull=True)

    def with_answered(self) -> Self:
        return self.annotate(
            answered=Exists(Answer.objects.shown().filter(question=OuterRef("pk")))
        )

    def waiting(self) -> Self:
        """Shown and with no shown answer yet."""
        return self.shown().with_answered().filter(answered=False)


class Question(Post):
    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The asker's economy, as it was when asking.
    asked_by_economy = models.ForeignKey(
        "plans.Economy", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(max_length=16, choices=Subject.choices)
    section = models.ForeignKey(
        ReportSection, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    best_practice = models.ForeignKey(
        BestPractice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_subject_rule(), name="question_subject_matches")
        ]

    def __str__(self) -> str:
        return f"Question {self.pk} to {self.report}"

    @property
    def subject_label(self) -> str:
        """What the question is about, e.g. “Initiative: SME Export Coaching”."""
        if self.subject == Subject.LESSONS:
            return "Lessons learned"
        field = SUBJECT_FIELDS[Subject(self.subject)]
        return f"{self.get_subject_display()}: {getattr(self, field or '')}"


class AnswerQuerySet(models.QuerySet["Answer"]):
    def shown(self) -> Self:
        return self.filter(hidden_at__isnull=True)


class Answer(Post):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Answer {self.pk} to question {self.question_id}"


class DigestSent(models.Model):
    """A person's weekly digest of questions, once sent: `send_digests` sends one a week."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week (UTC) it was sent in.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_digest_a_week")]

    def __str__(self) -> str:
        return f"Digest to {self.user} in the week of {self.week}"

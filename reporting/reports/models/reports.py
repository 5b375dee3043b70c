"""An economy's report for one cycle, its workflow status, and its sections."""

import datetime
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from simple_history.models import HistoricalRecords

from plans.accounts.roles import identity_of
from plans.models import BroaderPriority, Economy, PriorityArea
from reporting.reports.models.cycles import ReportingCycle
from reporting.reports.models.text import (
    NARRATIVE_VALIDATORS,
    NOT_IN_HISTORY,
    narrative_field,
    search_vector_field,
)

if TYPE_CHECKING:
    from reporting.reports.models.records import (
        ApecActivity,
        BestPractice,
        DialogueSession,
        Initiative,
        MeasureEntry,
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    ACCEPTED = "accepted", "Accepted"


class EconomyReportQuerySet(models.QuerySet["EconomyReport"]):
    def visible_to(self, user) -> Self:
        identity = identity_of(user)
        if identity.reads_all:
            return self
        if identity.in_team:
            return self.filter(economy__code=identity.economy_code)
        return self.none()

    def reopened_after_acceptance(self) -> Self:
        """The reports the director reopened after accepting them, the latest reopened first."""
        return self.filter(reopened_after_acceptance_at__isnull=False).order_by(
            "-reopened_after_acceptance_at"
        )

    def with_progress(self) -> Self:
        return self.annotate(
            section_count=Count("sections", distinct=True),
            completed_count=Count(
                "sections", filter=Q(sections__state=ReportSection.State.COMPLETED), distinct=True
            ),
        )


class EconomyReport(models.Model):
    """An economy's annual voluntary report for one cycle."""

    EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports")
    economy = models.ForeignKey(Economy, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prefilled_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # On time is judged on the first submission, dated in the cycle's time zone when it was
    # made: a resubmission after a return does not make a report late.
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the first submission in the cycle's time zone.",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField(
        "the director's comments", blank=True, validators=NARRATIVE_VALIDATORS
    )
    reopened = models.BooleanField(
        default=False, help_text="The director reopened this report after its cycle closed."
    )
    reopened_after_acceptance_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the director last reopened this report after accepting it.",
    )
    lessons_learned = narrative_field("lessons learned")
    broader_priorities_contribution = narrative_field(
        "contribution to broader APEC priorities",
        help_text="How the economy's projects, initiatives or actions advanced APEC priorities.",
    )
    broader_priorities = models.ManyToManyField(BroaderPriority, blank=True, related_name="+")
    lessons_members_only = models.BooleanField(
        "lessons learned for members only",
        default=False,
        help_text="The economy keeps its lessons learned off the public site.",
    )
    # Released by the economy's delegate: the accepted report is on the public site. Cleared when
    # the report is withdrawn or reopened (reporting/public/services.py, report_reopen).
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The delegate's choice at the release: the questions and answers on the report go public
    # with it (reporting/public/threads.py says which). Cleared with the release.
    questions_released = models.BooleanField(
        "questions and answers released",
        default=False,
        help_text="The released report shows the questions asked on it and its answers.",
    )
    search_vector = search_vector_field()

    objects = EconomyReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=NOT_IN_HISTORY)

    if TYPE_CHECKING:
        # Annotated by EconomyReportQuerySet.with_progress.
        section_count: int
        completed_count: int

    class Meta:
        ordering = ["-cycle__year", "economy__position"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "economy"], name="one_report_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.economy} {self.cycle.year}"

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def is_editable(self) -> bool:
        """Delegates may change the report: a draft or returned report in an open cycle."""
        return self.status in self.EDITABLE_STATUSES and (self.cycle.is_open or self.reopened)

    def record_submission(self, moment: datetime.datetime) -> None:
        """Set the submission's moment; the first one is kept, dated in the cycle's time zone."""
        self.submitted_at = moment
        if self.first_submitted_at is None:
            self.first_submitted_at = moment
            self.first_submitted_on = self.cycle.local_date(moment)

    @property
    def is_released(self) -> bool:
        return self.released_at is not None and self.status == ReportStatus.ACCEPTED

    @property
    def submitted_on_time(self) -> bool | None:
        """Whether the first submission was on or before the due date (None: never submitted)."""
        if self.first_submitted_on is None:
            return None
        return self.first_submitted_on <= self.cycle.due


def on_time(report: str = "") -> Q:
    """The condition that a report (at the path `report`) was first submitted on or before its
    cycle's due date, in the cycle's time zone: the database's reading of
    `EconomyReport.submitted_on_time`."""
    path = f"{report}__" if report else ""
    return Q(**{f"{path}first_submitted_on__lte": F(f"{path}cycle__due")})


class ReportSection(models.Model):
    """A part of a report: one per priority area, and the general indicators."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="sections")
    area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the general-indicators section.",
    )
    position = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.NOT_STARTED)
    nothing_to_report = models.BooleanField(default=False)
    return_comment = models.TextField(blank=True, validators=NARRATIVE_VALIDATORS)
    # A returned section counts as complete again only once a delegate says so on its page.
    comments_addressed = models.BooleanField(default=False)
    reply = models.TextField("reply to the director", blank=True, validators=NARRATIVE_VALIDATORS)
    # Optimistic concurrency: a save names the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    if TYPE_CHECKING:
        # The section's records, set by reporting.reports.contents.load_sections for the pages.
        entry_list: list["MeasureEntry"]
        initiative_list: list["Initiative"]
        best_practice_list: list["BestPractice"]
        dialogue_list: list["DialogueSession"]
        activity_list: list["ApecActivity"]
        broader_priority_list: list[BroaderPriority]

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="unique_section_position")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        """The section's part of its URL: the area number, or “general”."""
        return str(self.area.number) if self.area is not None else "general"

    @property
    def title(self) -> str:
        if self.area is not None:
            return f"{self.area.number}. {self.area.name}"
        return "General indicators"

    @property
    def awaits_changes(self) -> bool:
        """Returned with a comment on this section, not yet marked “comments addressed”."""
        return bool(
            self.return_comment
            and self.report.status == ReportStatus.RETURNED
            and not self.comments_addressed
        )

    @property
    def display_state(self) -> tuple[str, str]:
        """(css modifier, label) of the section's tag on the task list."""
        if self.awaits_changes:
            return "returned", "Returned with comments"
        return self.state, self.get_state_display()

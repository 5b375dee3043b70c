"""What economies report each year: cycles, reports, their sections and entries."""

import datetime
import uuid
import zoneinfo
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans.accounts.roles import identity_of
from plans.catalogue.units import UnitError
from plans.models import (
    APEC_PROJECT_CODE,
    YEAR_VALIDATORS,
    BroaderPriority,
    Economy,
    Forum,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)

NARRATIVE_LIMIT = 5000
NARRATIVE_VALIDATORS = [MaxLengthValidator(NARRATIVE_LIMIT)]


def search_vector_field() -> SearchVectorField:
    """The record's words for full-text search, kept by reporting.search on PostgreSQL (GIN
    indexed there); unused, and empty, on SQLite."""
    return SearchVectorField(null=True, editable=False)


# History keeps what people wrote, not the index derived from it.
NOT_IN_HISTORY = ["search_vector"]


def narrative_field(verbose_name: str, **kwargs) -> models.TextField:
    return models.TextField(verbose_name, blank=True, validators=NARRATIVE_VALIDATORS, **kwargs)


class ReportingCycleQuerySet(models.QuerySet["ReportingCycle"]):
    def open(self) -> Self:
        return self.filter(is_open=True)


class CycleState(models.TextChoices):
    NOT_YET_OPEN = "not_yet_open", "Not yet open"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReportingCycle(models.Model):
    """One year of reporting against a plan, with its dates; the director opens and closes it."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="cycles")
    year = models.PositiveSmallIntegerField(unique=True, validators=YEAR_VALIDATORS)
    opens = models.DateField()
    due = models.DateField()
    closes = models.DateField()
    is_open = models.BooleanField(default=False)
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        help_text="Where the due date is a day: “on time” and reminders count days here.",
    )

    objects = ReportingCycleQuerySet.as_manager()
    history = HistoricalRecords()

    if TYPE_CHECKING:
        # Set by reporting.reports.views.report_list for a delegate's list of reports.
        days_overdue: int

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} reports"

    @property
    def state(self) -> CycleState:
        """Open while the director keeps it open; before its opening date a closed cycle has not
        opened yet; after that it is closed."""
        if self.is_open:
            return CycleState.OPEN
        if self.local_date() < self.opens:
            return CycleState.NOT_YET_OPEN
        return CycleState.CLOSED

    @property
    def state_label(self) -> str:
        return str(self.state.label)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")

    def local_date(self, moment: datetime.datetime | None = None) -> datetime.date:
        """The date of a moment (now by default) in the cycle's time zone."""
        return timezone.localtime(moment or timezone.now(), self.zone).date()

    def days_to_due(self, today: datetime.date | None = None) -> int:
        """Days left until the due date (0 on the day, negative once overdue)."""
        return (self.due - (today or self.local_date())).days

    def clean(self) -> None:
        errors = {}
        if self.time_zone not in zoneinfo.available_timezones() and self.time_zone != "UTC":
            errors["time_zone"] = "Choose a time zone such as Asia/Singapore or UTC."
        if self.plan_id and self.year and self.year not in self.plan.years:
            errors["year"] = f"The year must fall within the plan {self.plan.code}."
        if self.opens and self.due and self.due < self.opens:
            errors["due"] = "The due date cannot come before the cycle opens."
        if self.due and self.closes and self.closes < self.due:
            errors["closes"] = "The cycle cannot close before the due date."
        if errors:
            raise ValidationError(errors)


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
        if identity.is_delegate:
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


class Assessment(models.TextChoices):
    NO_DATA = "no_data", "No data"
    NOT_STARTED = "not_started", "Not started"
    PROGRESSING = "progressing", "Progressing"
    ACHIEVED = "achieved", "Achieved"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


# The one order in which assessments are listed, charted and exported everywhere: from done to
# not assessed, the two that do not count last.
ASSESSMENT_ORDER = (
    Assessment.ACHIEVED,
    Assessment.PROGRESSING,
    Assessment.NOT_STARTED,
    Assessment.NO_DATA,
    Assessment.NOT_APPLICABLE,
)


class MeasureEntry(models.Model):
    """What an economy reports against one measure of progress in one year."""

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="entries")
    measure = models.ForeignKey(MeasureOfProgress, on_delete=models.PROTECT, related_name="entries")
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    reference_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS
    )
    source = models.CharField("data source", max_length=300, blank=True)
    assessment = models.CharField(
        "progress assessment", max_length=16, choices=Assessment.choices, blank=True
    )
    narrative = narrative_field("narrative")
    unit_problem = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the value could not be brought to the measure's unit when units were "
        "fixed per measure; such a value is kept out of the statistics until it is corrected.",
    )
    search_vector = search_vector_field()

    history = HistoricalRecords(excluded_fields=NOT_IN_HISTORY)

    if TYPE_CHECKING:
        # The record's files, set by reporting.reports.contents.load_sections for the pages.
        evidence_list: list["EvidenceFile"]

    class Meta:
        ordering = ["report", "measure__area__number", "measure__number"]
        verbose_name_plural = "measure entries"
        indexes = [
            # Covers the roll-ups' counts of assessments by measure over a set of reports.
            models.Index(fields=["report", "measure", "assessment"], name="entry_rollup_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="one_entry_per_measure")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.measure}"

    def clean(self) -> None:
        """Store the value in the measure's unit (catalogue.units), or refuse it with a message
        that names the units allowed."""
        if not self.measure_id:
            return
        measure = self.measure
        try:
            self.value = measure.to_measure_unit(self.value, self.unit)
        except UnitError as error:
            raise ValidationError({error.field: error.message}) from None
        self.unit = measure.unit
        self.unit_problem = ""


class Initiative(models.Model):
    """An economy's policy, program, project, training or event towards a priority area."""

    class Kind(models.TextChoices):
        POLICY = "policy", "Policy"
        PROGRAM = "program", "Program"
        PROJECT = "project", "Project"
        TRAINING = "training", "Training or capacity building"
        EVENT = "event", "Event"
        OTHER = "other", "Other"

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="initiatives")
    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="initiatives")
    # Drafts may leave any field empty; completing the section asks for title, type, objectives.
    title = models.CharField(max_length=200, blank=True)
    description = narrative_field("description")
    kind = models.CharField("type", max_length=10, choices=Kind.choices, blank=True)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="initiatives")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="initiatives")
    broader_priorities = models.ManyToManyField(
        BroaderPriority, blank=True, related_name="initiatives"
    )
    apec_project_code = models.CharField(
        "APEC project code",
        max_length=30,
        blank=True,
        validators=[APEC_PROJECT_CODE],
        db_index=True,  # a project's page lists the initiatives that name it
    )
    lessons_learned = narrative_field("lessons learned")
    evidence_url = models.URLField("evidence link", max_length=500, blank=True)
    search_vector = search_vector_field()

    history = HistoricalRecords(
        m2m_fields=[objectives, target_groups, broader_priorities], excluded_fields=NOT_IN_HISTORY
    )

    if TYPE_CHECKING:
        # The record's files, set by reporting.reports.contents.load_sections for the pages.
        evidence_list: list["EvidenceFile"]

    class Meta:
        ordering = ["report", "area__number", "pk"]
        indexes = [
            # The roll-ups count initiatives by area over a set of reports.
            models.Index(fields=["report", "area"], name="initiative_rollup_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class BestPractice(models.Model):
    class Direction(models.TextChoices):
        SHARED = "shared", "Shared by the economy"
        ADOPTED = "adopted", "Adapted and adopted by the economy"

    report = models.ForeignKey(
        EconomyReport, on_delete=models.CASCADE, related_name="best_practices"
    )
    direction = models.CharField(max_length=8, choices=Direction.choices, blank=True)
    title = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    where = models.CharField(
        "where", max_length=200, blank=True, help_text="e.g. the 58th SMEWG meeting, Pucallpa."
    )
    description = narrative_field("description")

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title


class DialogueSession(models.Model):
    class Partner(models.TextChoices):
        PRIVATE_SECTOR = "private", "Private sector"
        APEC_FORUM = "forum", "APEC forum"
        MULTI_STAKEHOLDER = "multi", "Multi-stakeholder organization"

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="dialogues")
    title = models.CharField(max_length=200, blank=True)
    partner_kind = models.CharField("partner", max_length=8, choices=Partner.choices, blank=True)
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    where = models.CharField("when and where", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title


class ApecActivity(models.Model):
    """An APEC initiative or APEC-supported activity the economy took part in."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", "APEC initiative"
        SUPPORTED = "supported", "APEC-supported activity (forum, workshop, study)"

    class Role(models.TextChoices):
        PROPONENT = "proponent", "Proponent"
        CO_SPONSOR = "co_sponsor", "Co-sponsor"
        PARTICIPANT = "participant", "Participant"

    report = models.ForeignKey(
        EconomyReport, on_delete=models.CASCADE, related_name="apec_activities"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, blank=True)
    title = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    area = models.ForeignKey(
        PriorityArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lessons_learned = narrative_field("lessons learned")
    search_vector = search_vector_field()

    history = HistoricalRecords(excluded_fields=NOT_IN_HISTORY)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name_plural = "APEC activities"

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """An e-mail reminding an economy's delegates of a report not yet submitted, recorded when it
    is queued (the task worker sends it): one row per reminder, so that a second run on the same
    day queues nothing and the director sees them."""

    class Kind(models.TextChoices):
        DAYS_30 = "30_days", "30 days before the due date"
        DAYS_14 = "14_days", "14 days before the due date"
        DAYS_7 = "7_days", "7 days before the due date"
        DAYS_1 = "1_day", "1 day before the due date"
        OVERDUE = "overdue", "Overdue"
        MANUAL = "manual", "Asked for by the program director"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    economy = models.ForeignKey(Economy, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # When the e-mail was queued (the names are older than the queue).
    sent_on = models.DateField(help_text="The day it was queued, in the cycle's time zone.")
    sent_at = models.DateTimeField(default=timezone.now, help_text="When it was queued.")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipients = models.TextField(help_text="The addresses, one a line.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "economy", "kind", "sent_on"],
                condition=~Q(kind="manual"),
                name="one_scheduled_reminder_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.economy.code} {self.cycle.year}: {self.get_kind_display()}"

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line]


def evidence_storage() -> Storage:
    """The storage of evidence files (settings.STORAGES["evidence"]): the file system by default,
    an S3-compatible bucket when the environment configures one."""
    return storages["evidence"]


def evidence_path(instance: "EvidenceFile | PendingUpload", filename: str) -> str:
    # A random name: the stored name never carries what the uploader typed.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.report.cycle.year}/{uuid.uuid4().hex}.{extension}"


class EvidenceFile(models.Model):
    """A document behind a figure or an initiative: PDF, Word, Excel, PNG or JPEG."""

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="evidence")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    entry = models.ForeignKey(
        MeasureEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    name = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "evidence file"
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) ^ Q(entry__isnull=True),
                name="evidence_of_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PendingUpload(models.Model):
    """An evidence file chosen on a section's page whose save did not go through (a mistake
    elsewhere on the page, or a colleague's save first): stored under its final name, shown on
    the page again to the person who chose it, and attached when the section saves
    (reporting.reports.evidence). One never attached is deleted after PENDING_DAYS."""

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    name = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["section", "user"], name="pending_upload_owner_idx")]

    def __str__(self) -> str:
        return self.name


class RollupCount(models.Model):
    """One number of the roll-ups of a window of a plan's years, summed over the economies:
    written by reporting.reports.summaries in the transaction of each workflow step that can
    change it, read by the roll-up arithmetic instead of every record of the window.

    `kind` says what is counted (see summaries.Kind), `area` and `key` what of (an area, an
    objective, a measure, a target group, an assessment); `submitted` is the "accepted and
    submitted" view, false the "accepted only" one.
    """

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveSmallIntegerField()
    end = models.PositiveSmallIntegerField()
    submitted = models.BooleanField()
    kind = models.CharField(max_length=24)
    area = models.PositiveIntegerField(default=0)  # the area's id, 0 for the whole plan
    key = models.CharField(max_length=40, default="")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "start", "end", "submitted", "kind", "area", "key"],
                name="rollup_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start}-{self.end} {self.kind} {self.area} {self.key}: {self.n}"


class MeasureStatistic(models.Model):
    """The lowest, median and highest value of one measure in one year's reports about one
    reference year (the year the data is about), over the economies whose counted report gives
    a value that counts (in the measure's unit, not flagged): written by
    reporting.reports.summaries in the transaction of each workflow step, read by the measure
    page instead of every value of the year. No row: no economy reported a value.

    `submitted` is the "accepted and submitted" view, false the "accepted only" one. The median
    of an even number of values is the mean of the two middle ones: one decimal place more than
    the values'.
    """

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(MeasureOfProgress, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year of the reports.")
    reference_year = models.PositiveSmallIntegerField(
        default=0, help_text="The year the data is about; 0: not given."
    )
    submitted = models.BooleanField()
    economies = models.PositiveIntegerField()
    minimum = models.DecimalField(max_digits=18, decimal_places=4)
    median = models.DecimalField(max_digits=19, decimal_places=5)
    maximum = models.DecimalField(max_digits=18, decimal_places=4)
    # The median of the values' distances from the median: the scale of a modified z-score.
    mad = models.DecimalField(max_digits=20, decimal_places=6, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "measure", "year", "reference_year", "submitted"],
                name="measure_statistic_unique",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.year} measure {self.measure_id}: {self.economies} economies, "
            f"{self.minimum} / {self.median} / {self.maximum}"
        )

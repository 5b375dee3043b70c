"""The records of a report's sections: an entry per measure with its assessment, the
initiatives of an area, and the general indicators' best practices, dialogues and APEC
activities. They name their report by its label (`reporting.EconomyReport`): the report's
module declares the lists of them that the pages read, and no two modules import each other."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from plans.catalogue.units import UnitError
from plans.models import (
    APEC_PROJECT_CODE,
    YEAR_VALIDATORS,
    BroaderPriority,
    Forum,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    TargetGroup,
)
from reporting.reports.models.text import NOT_IN_HISTORY, narrative_field, search_vector_field

if TYPE_CHECKING:
    from reporting.reports.models.evidence import EvidenceFile


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

    report = models.ForeignKey(
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="entries"
    )
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
    members_only = models.BooleanField(
        "narrative for members only",
        default=False,
        help_text="The economy keeps this narrative off the public site.",
    )
    unit_problem = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the value could not be brought to the measure's unit when units were "
        "fixed per measure; such a value is kept out of the statistics until it is corrected.",
    )
    confirmed_reason = models.CharField(
        "reason the value is right",
        max_length=300,
        blank=True,
        help_text="If a check flags the value but it is right, say why: the warning then "
        "shows as confirmed.",
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

    report = models.ForeignKey(
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="initiatives"
    )
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
    members_only = models.BooleanField(
        "for members only",
        default=False,
        help_text="The economy keeps this initiative off the public site.",
    )
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
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="best_practices"
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

    report = models.ForeignKey(
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="dialogues"
    )
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
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="apec_activities"
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

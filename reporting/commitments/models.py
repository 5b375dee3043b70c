"""What an economy commits to do in the coming years, and how its later reports follow it up.

A commitment belongs to the report that made it, serves objectives of the report's plan and is
due in a later year of the plan. Each later report of the economy says where it stands (done,
under way or dropped, with a reason for dropping): a follow-up belongs to the report that says
it, so that only counted (accepted) reports move the figures."""

from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from plans.models import Objective
from reporting.reports.models import EconomyReport, ReportStatus
from reporting.reports.models.text import NARRATIVE_VALIDATORS


class FollowUpStatus(models.TextChoices):
    DONE = "done", "Done"
    UNDER_WAY = "under_way", "Under way"
    DROPPED = "dropped", "Dropped"


# A commitment with one of these in its latest counted follow-up is closed: no later report asks.
CLOSED_STATUSES = (FollowUpStatus.DONE, FollowUpStatus.DROPPED)


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def counted(self) -> Self:
        """Made in accepted reports: the ones that the figures count and later reports follow."""
        return self.filter(report__status=ReportStatus.ACCEPTED)

    def of_economy_before(self, report: EconomyReport) -> Self:
        """The economy's commitments made in counted reports of the plan's earlier years."""
        return self.counted().filter(
            report__economy_id=report.economy_id,
            report__cycle__plan_id=report.cycle.plan_id,
            report__cycle__year__lt=report.cycle.year,
        )


class Commitment(models.Model):
    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField("what the economy will do", validators=NARRATIVE_VALIDATORS)
    objectives = models.ManyToManyField(Objective, related_name="+")
    due_year = models.PositiveSmallIntegerField("year it is due")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[objectives])

    class Meta:
        ordering = ["report", "due_year", "pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 60 else f"{self.text[:59]}…"

    def clean(self) -> None:
        report = self.report
        plan = report.cycle.plan
        if self.due_year is not None and not (report.cycle.year < self.due_year <= plan.end_year):
            raise ValidationError(
                {
                    "due_year": f"A commitment of the {report.cycle.year} report is due in a "
                    f"later year of the {plan.code} plan: {report.cycle.year + 1} to "
                    f"{plan.end_year}."
                }
            )


class FollowUp(models.Model):
    """Where a commitment stands, as one later report of its economy says."""

    report = models.ForeignKey(EconomyReport, on_delete=models.CASCADE, related_name="follow_ups")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follow_ups")
    status = models.CharField(max_length=10, choices=FollowUpStatus.choices)
    reason = models.TextField("why it was dropped", blank=True, validators=NARRATIVE_VALIDATORS)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "commitment"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "commitment"], name="one_follow_up_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.commitment_id} in {self.report_id}"

    def clean(self) -> None:
        if self.status == FollowUpStatus.DROPPED and not self.reason.strip():
            raise ValidationError({"reason": "Say why the commitment was dropped."})
        if self.status != FollowUpStatus.DROPPED:
            self.reason = ""

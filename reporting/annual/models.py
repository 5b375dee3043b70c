"""The program director's annual report to the SMEWG meeting: one per plan and year, with the
director's own text (an introduction and a comment per priority area) beside the year's figures,
frozen with the meeting it was presented at."""

from django.db import models
from simple_history.models import HistoricalRecords

from plans.models import Meeting, PriorityArea, StrategicPlan
from reporting.documents.models import DocumentStatus, FrozenContent
from reporting.reports.models import NARRATIVE_VALIDATORS

# The report's states are every document's (reporting.documents.models).
AnnualStatus = DocumentStatus


def annual_text(verbose_name: str, **kwargs) -> models.TextField:
    return models.TextField(verbose_name, blank=True, validators=NARRATIVE_VALIDATORS, **kwargs)


class AnnualReportQuerySet(models.QuerySet["AnnualReport"]):
    def for_page(
        self: "models.QuerySet[AnnualReport]", plan: StrategicPlan, year: int
    ) -> "AnnualReport":
        """The plan's report of that year, or a new, unsaved one: the page can be read and
        exported before anyone has written a word."""
        report = (
            self.filter(plan=plan, year=year)
            .select_related("plan", "frozen_by", "presented_at")
            .first()
        )
        return report or AnnualReport(plan=plan, year=year)


class AnnualReport(FrozenContent):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField()
    introduction = annual_text("introduction")
    # Where the report was presented: a meeting of the catalogue, or in words when it is not one.
    presented_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    presented_at_text = models.CharField("presented at", max_length=200, blank=True)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["frozen_content", "updated_at"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="one_annual_report_per_year")
        ]

    def __str__(self) -> str:
        return f"Program director's report {self.year} on the {self.plan.code} plan"

    @property
    def meeting_label(self) -> str:
        """“Presented at the 59th SMEWG meeting, Hachioji City, Tokyo”, or the words typed."""
        if self.presented_at_text:
            return self.presented_at_text
        if self.presented_at:
            return f"Presented at the {self.presented_at}"
        return ""

    def make_draft(self, *, reason: str) -> None:
        """A draft is presented nowhere yet: the meeting goes with the final state."""
        super().make_draft(reason=reason)
        self.presented_at = None
        self.presented_at_text = ""


class AnnualReportArea(models.Model):
    """The director's comment on one priority area."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="area_texts")
    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="+")
    comment = annual_text("the director's comment")

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="one_comment_per_report_area")
        ]

    def __str__(self) -> str:
        return f"{self.report}: area {self.area.number}"

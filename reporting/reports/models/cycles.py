"""The reporting cycles: one year of reporting against a plan, its dates and its state."""

import datetime
import zoneinfo
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from plans.models import YEAR_VALIDATORS, StrategicPlan


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

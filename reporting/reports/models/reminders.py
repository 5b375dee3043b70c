"""The e-mail reminders of a cycle, one row per reminder queued."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from plans.models import Economy
from reporting.reports.models.cycles import ReportingCycle


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

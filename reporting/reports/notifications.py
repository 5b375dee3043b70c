"""E-mails about reports. The services call these on commit; each message is queued, not sent:
a worker sends it and retries while the mail server is unreachable (reporting/ops/mail.py)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse

from plans.roles import Role
from reporting.ops.mail import queue_email
from reporting.reports.models import EconomyReport


def _send(*, users: QuerySet[User], subject: str, body: str, report: EconomyReport) -> None:
    recipients = sorted({user.email for user in users.filter(is_active=True) if user.email})
    if not recipients:
        return
    path = reverse("reporting:report-detail", args=[report.cycle.year, report.economy.code])
    queue_email(
        subject=f"[SMEWG] {subject}",
        body=f"{body}\n\nOpen the report: {settings.SITE_URL}{path}\n",
        recipients=recipients,
    )


def report_submitted(report: EconomyReport) -> None:
    _send(
        users=User.objects.filter(groups__name=Role.DIRECTOR),
        subject=f"{report.economy} submitted its {report.cycle.year} report",
        body=f"{report.economy} submitted its {report.cycle.year} annual report for your review.",
        report=report,
    )


def report_returned(report: EconomyReport) -> None:
    _send(
        users=User.objects.filter(delegate__economy=report.economy),
        subject=f"Your {report.cycle.year} report was returned with comments",
        body=(
            f"The program director returned {report.economy}'s {report.cycle.year} report "
            f"with these comments:\n\n{report.return_comment}"
        ),
        report=report,
    )


def report_reminder(*, recipients: list[str], subject: str, text: str, html: str) -> None:
    """A reminder to an economy's delegates (reporting/reports/reminders.py writes it), in plain
    text with an HTML alternative."""
    from django.core.mail import EmailMultiAlternatives

    if not recipients:
        return
    message = EmailMultiAlternatives(
        subject=f"[SMEWG] {subject}", body=text, from_email=None, to=recipients
    )
    message.attach_alternative(html, "text/html")
    message.send()

"""E-mails about reports, through Django's e-mail backend (the console in development)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.urls import reverse

from plans.roles import Role
from reporting.models import EconomyReport


def _report_path(report: EconomyReport) -> str:
    return reverse("reporting:report-detail", args=[report.cycle.year, report.economy.code])


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users if user.email})


def report_submitted(report: EconomyReport) -> None:
    directors = User.objects.filter(groups__name=Role.DIRECTOR, is_active=True)
    recipients = _addresses(directors)
    if not recipients:
        return
    send_mail(
        subject=f"[SMEWG] {report.economy} submitted its {report.cycle.year} report",
        message=(
            f"{report.economy} submitted its {report.cycle.year} annual report.\n\n"
            f"Review it: {settings.SITE_URL}{_report_path(report)}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )


def report_returned(report: EconomyReport) -> None:
    delegates = User.objects.filter(delegate__economy=report.economy, is_active=True)
    recipients = _addresses(delegates)
    if not recipients:
        return
    send_mail(
        subject=f"[SMEWG] Your {report.cycle.year} report was returned with comments",
        message=(
            f"The program director returned {report.economy}'s {report.cycle.year} report "
            f"with these comments:\n\n{report.return_comment}\n\n"
            f"Open the report: {settings.SITE_URL}{_report_path(report)}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )

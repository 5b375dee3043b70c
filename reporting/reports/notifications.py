"""E-mails about reports. The services call these on commit, the reminders in the transaction
that records them; each message is queued, not sent: a worker sends it and retries while the
mail server is unreachable (reporting/ops/mail.py), so no request or command waits for the mail
server or fails with it.

Each reader gets the time of the change in their own time zone, the zone named: one message per
time zone among the recipients."""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.urls import reverse

from plans.accounts.roles import Role
from plans.accounts.teams import contributors_editing
from reporting.ops.mail import by_time_zone, queue_email
from reporting.reports.models import EconomyReport


def _send(
    *,
    users: QuerySet[User],
    subject: str,
    body: Callable[[str], str],
    report: EconomyReport,
    moment: datetime | None,
) -> None:
    """`body(when)`: the text, with `moment` as the reader's time zone writes it."""
    path = reverse("reporting:report-detail", args=[report.cycle.year, report.economy.code])
    for when, recipients in by_time_zone(users, moment).items():
        queue_email(
            subject=f"[SMEWG] {subject}",
            body=f"{body(when)}\n\nOpen the report: {settings.SITE_URL}{path}\n",
            recipients=recipients,
        )


def _delegates(report: EconomyReport) -> QuerySet[User]:
    """The economy's delegate (the head of delegation), not its contributors."""
    return User.objects.filter(delegate__economy=report.economy, groups__name=Role.DELEGATE)


def _team_of_sections(report: EconomyReport, slugs: set[str]) -> QuerySet[User]:
    """The delegate and the contributors assigned any of these sections."""
    contributors = [user.pk for user in contributors_editing(report.economy.code, slugs)]
    return User.objects.filter(Q(pk__in=_delegates(report).values("pk")) | Q(pk__in=contributors))


def report_submitted(report: EconomyReport) -> None:
    _send(
        users=User.objects.filter(groups__name=Role.DIRECTOR),
        subject=f"{report.economy} submitted its {report.cycle.year} report",
        body=lambda when: (
            f"{report.economy} submitted its {report.cycle.year} annual report for your review "
            f"on {when}."
        ),
        report=report,
        moment=report.submitted_at,
    )


def report_returned(report: EconomyReport) -> None:
    """The director's general comment, then the comment of each section still to address, as
    the section pages show them."""
    commented = list(
        report.sections.exclude(return_comment="")
        .filter(comments_addressed=False)
        .select_related("area")
    )
    sections = [f"{section.title}:\n{section.return_comment}" for section in commented]
    on_sections = "\n\nOn the sections:\n\n" + "\n\n".join(sections) if sections else ""
    _send(
        # The contributors of the sections that carry a comment, beside the delegate.
        users=_team_of_sections(report, {section.slug for section in commented}),
        subject=f"Your {report.cycle.year} report was returned with comments",
        body=lambda when: (
            f"The program director returned {report.economy}'s {report.cycle.year} report "
            f"on {when} with these comments:\n\n{report.return_comment}{on_sections}\n\n"
            "Address them on the sections' pages, then submit the report again."
        ),
        report=report,
        moment=report.reviewed_at,
    )


def report_accepted(report: EconomyReport) -> None:
    """What the "Report submitted" page promises: either way, the delegates hear."""
    _send(
        users=_delegates(report),
        subject=f"Your {report.cycle.year} report was accepted",
        body=lambda when: (
            f"The program director accepted {report.economy}'s {report.cycle.year} annual "
            f"report on {when}. It now counts in the SMEWG's roll-ups, and it can no longer be "
            "changed."
        ),
        report=report,
        moment=report.reviewed_at,
    )


def report_reminder(*, recipients: list[str], subject: str, text: str, html: str) -> None:
    """A reminder to an economy's delegates (reporting/reports/reminders.py writes it), in plain
    text with an HTML alternative."""
    if recipients:
        queue_email(subject=f"[SMEWG] {subject}", body=text, html=html, recipients=recipients)

"""Reminders to economies whose report is not yet submitted.

`manage.py send_reminders` runs once a day: 30, 14, 7 and 1 days before the due date, and
every week once the report is overdue, until the director closes the cycle. Each e-mail is
queued for the task worker (reporting/ops/mail.py) and recorded as a `Reminder` in the same
step; a stage already recorded is not queued again, so a second run on the same day queues
nothing. A mail server that is down delays the e-mails, never the run. Days are counted in the
cycle's time zone. Reminders go to the economy's active delegates (after a handover,
plans/accounts/invitations.py, to the successor) and to its contributors who have sections
assigned (plans/accounts/teams.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from plans.accounts.invitations import handovers_complete
from plans.accounts.roles import Role
from plans.models import Economy
from reporting.reports import notifications
from reporting.reports.models import (
    EconomyReport,
    Reminder,
    ReportingCycle,
    ReportStatus,
)

# Days before the due date and the reminder each starts; overdue ones repeat weekly.
STAGES = [
    (30, Reminder.Kind.DAYS_30),
    (14, Reminder.Kind.DAYS_14),
    (7, Reminder.Kind.DAYS_7),
    (1, Reminder.Kind.DAYS_1),
]
OVERDUE_EVERY = datetime.timedelta(days=7)
# Reports still waiting for the economy: none yet, a draft, or returned with comments.
WAITING = {None, ReportStatus.DRAFT, ReportStatus.RETURNED}


class ReminderRefused(Exception):
    """Why no reminder can go: the message is for the director."""


def stage_for(days_left: int) -> Reminder.Kind | None:
    """The scheduled reminder whose window `days_left` falls in: “30 days” from 30 to 15 days
    before, ... “1 day” on the last day and the due date itself; None above 30; overdue after."""
    if days_left < 0:
        return Reminder.Kind.OVERDUE
    due_stage = None
    for days, kind in STAGES:
        if days_left <= days:
            due_stage = kind
    return due_stage


@dataclass
class Slot:
    cycle: ReportingCycle
    economy: Economy
    report: EconomyReport | None


def delegate_addresses(economy: Economy) -> list[str]:
    """The economy's delegate and its contributors who have sections assigned: one query."""
    rows = (
        User.objects.filter(delegate__economy=economy, is_active=True)
        .exclude(email="")
        .values_list(
            "email",
            "groups__name",
            "section_assignment__all_sections",
            "section_assignment__sections",
        )
    )
    return sorted(
        {
            email
            for email, role, all_sections, sections in rows
            if role == Role.DELEGATE or (role == Role.CONTRIBUTOR and (all_sections or sections))
        }
    )


def waiting_slots(cycle: ReportingCycle) -> list[Slot]:
    """Every economy whose report of the cycle is not yet submitted."""
    reports = {
        report.economy_id: report
        for report in EconomyReport.objects.filter(cycle=cycle).with_progress()
    }
    slots = []
    for economy in Economy.objects.all():
        report = reports.get(economy.pk)
        if (report.status if report else None) in WAITING:
            if report is not None:
                report.cycle, report.economy = cycle, economy
            slots.append(Slot(cycle, economy, report))
    return slots


def scheduled_kind(slot: Slot, today: datetime.date, sent: list[Reminder]) -> Reminder.Kind | None:
    """The reminder the slot should get today, if it has not had it yet."""
    kind = stage_for(slot.cycle.days_to_due(today))
    if kind is None:
        return None
    if kind == Reminder.Kind.OVERDUE:
        last = max((r.sent_on for r in sent if r.kind == Reminder.Kind.OVERDUE), default=None)
        return kind if last is None or today - last >= OVERDUE_EVERY else None
    return None if any(r.kind == kind for r in sent) else kind


def send_reminders(*, today: datetime.date | None = None) -> list[Reminder]:
    """Queue today's reminders of every open cycle; returns those queued. Handovers due today
    end first, so that their reminders go to the successors."""
    handovers_complete(today=today)
    queued = []
    for cycle in ReportingCycle.objects.open().select_related("plan"):
        day = today or cycle.local_date()
        history: dict[int, list[Reminder]] = {}
        for reminder in Reminder.objects.filter(cycle=cycle).exclude(kind=Reminder.Kind.MANUAL):
            history.setdefault(reminder.economy_id, []).append(reminder)
        for slot in waiting_slots(cycle):
            kind = scheduled_kind(slot, day, history.get(slot.economy.pk, []))
            if kind is None:
                continue
            recorded = _record_and_queue(slot, kind=kind, day=day, user=None)
            if recorded is not None:
                queued.append(recorded)
    return queued


def reminder_send_now(*, cycle: ReportingCycle, economy: Economy, user: User) -> Reminder:
    """The director's reminder, whatever the schedule."""
    if not cycle.is_open:
        raise ReminderRefused(f"The {cycle.year} cycle is {cycle.state_label.lower()}.")
    slot = next((s for s in waiting_slots(cycle) if s.economy.pk == economy.pk), None)
    if slot is None:
        raise ReminderRefused(f"{economy} has submitted its {cycle.year} report already.")
    reminder = _record_and_queue(slot, kind=Reminder.Kind.MANUAL, day=cycle.local_date(), user=user)
    if reminder is None:
        raise ReminderRefused(f"{economy} has no delegate with an e-mail address.")
    return reminder


def _record_and_queue(
    slot: Slot, *, kind: Reminder.Kind, day: datetime.date, user: User | None
) -> Reminder | None:
    """Record the reminder and queue its e-mail in one transaction: the queue is a table of the
    same database, so a reminder is recorded if and only if its e-mail is queued."""
    recipients = delegate_addresses(slot.economy)
    if not recipients:
        return None
    subject, text, html = reminder_message(slot, day=day)
    try:
        with transaction.atomic():
            reminder = Reminder(
                cycle=slot.cycle,
                economy=slot.economy,
                kind=kind,
                sent_on=day,
                sent_by=user,
                recipients="\n".join(recipients),
            )
            reminder.full_clean(validate_constraints=False)
            # The unique constraint stops a second run racing this one on the same day.
            reminder.save()
            notifications.report_reminder(
                recipients=recipients, subject=subject, text=text, html=html
            )
    except IntegrityError:
        return None
    return reminder


def reminder_message(slot: Slot, *, day: datetime.date) -> tuple[str, str, str]:
    """Subject, plain text and HTML: who, what, when and the link."""
    cycle, economy, report = slot.cycle, slot.economy, slot.report
    days_left = cycle.days_to_due(day)
    path = reverse("reporting:report-detail", args=[cycle.year, economy.code])
    context = {
        "cycle": cycle,
        "economy": economy,
        "report": report,
        "days_left": days_left,
        "days_overdue": -days_left,
        "url": f"{settings.SITE_URL}{path}",
        "completed": getattr(report, "completed_count", 0) if report else 0,
        "sections": getattr(report, "section_count", 0) if report else 0,
        "returned": report is not None and report.status == ReportStatus.RETURNED,
    }
    if days_left < 0:
        subject = f"{economy}'s {cycle.year} report is overdue"
    elif days_left == 0:
        subject = f"{economy}'s {cycle.year} report is due today"
    else:
        subject = (
            f"{economy}'s {cycle.year} report is due in {days_left} "
            f"day{'s' if days_left != 1 else ''}"
        )
    text = render_to_string("reports/email/reminder.txt", context)
    html = render_to_string("reports/email/reminder.html", context)
    return subject, text, html


def reminders_of(cycle: ReportingCycle, economy: Economy) -> list[Reminder]:
    return list(Reminder.objects.filter(cycle=cycle, economy=economy).select_related("sent_by"))

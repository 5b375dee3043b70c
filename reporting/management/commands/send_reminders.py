"""`manage.py send_reminders`: today's reminders to economies yet to submit; run it daily."""

from django.core.management.base import BaseCommand

from reporting.reports.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Queue e-mails to the delegates of each economy whose report is not yet submitted: 30, "
        "14, 7 and 1 days before the due date, then weekly until the cycle closes. The task "
        "worker (manage.py db_worker) sends them, and tries again while the mail server is "
        "down. Safe to run again: a reminder already queued is not queued twice."
    )

    def handle(self, *args, **options) -> None:
        queued = send_reminders()
        for reminder in queued:
            self.stdout.write(
                f"{reminder.cycle.year} {reminder.economy.code}: {reminder.get_kind_display()} "
                f"to {len(reminder.recipient_list)} delegate(s)"
            )
        self.stdout.write(f"{len(queued)} reminder{'s' if len(queued) != 1 else ''} queued.")

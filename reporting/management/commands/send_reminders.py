"""`manage.py send_reminders`: today's reminders to economies yet to submit; run it daily."""

from django.core.management.base import BaseCommand

from reporting.reports.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the delegates of each economy whose report is not yet submitted: 30, 14, 7 and 1 "
        "days before the due date, then weekly until the cycle closes. Safe to run again: a "
        "reminder already sent is not sent twice."
    )

    def handle(self, *args, **options) -> None:
        sent = send_reminders()
        for reminder in sent:
            self.stdout.write(
                f"{reminder.cycle.year} {reminder.economy.code}: {reminder.get_kind_display()} "
                f"to {len(reminder.recipient_list)} delegate(s)"
            )
        self.stdout.write(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} sent.")

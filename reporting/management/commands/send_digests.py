"""`manage.py send_digests`: the weekly digest of questions between economies; run it weekly."""

from django.core.management.base import BaseCommand

from reporting.questions.digests import send_digests


class Command(BaseCommand):
    help = (
        "Queue each delegate's weekly digest: new questions to their economy and answers to "
        "their questions in the past seven days, unless they opted out on their profile; none "
        "in a week without any. The task worker sends them. Safe to run again: a second run in "
        "the same week (Monday to Sunday, UTC) sends nothing."
    )

    def handle(self, *args, **options) -> None:
        queued = send_digests()
        for digest in queued:
            self.stdout.write(
                f"{digest.user.username}: {len(digest.questions)} question(s), "
                f"{len(digest.answers)} answer(s)"
            )
        self.stdout.write(f"{len(queued)} digest{'s' if len(queued) != 1 else ''} queued.")

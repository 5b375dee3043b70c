from django.core.management.base import BaseCommand, CommandError

from plans.models import StrategicPlan
from reporting.rollups.check import differences


class Command(BaseCommand):
    help = (
        "Compare the roll-up summaries, and the figures the pages read from them, with a direct "
        "computation from the reports. Prints each difference; exits non-zero if there is any."
    )

    def handle(self, *args, **options):
        found = []
        for plan in StrategicPlan.objects.order_by("start_year"):
            found.extend(differences(plan))
        for line in found:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} roll-up figures differ from a direct computation.")
        self.stdout.write("The roll-up summaries agree with a direct computation.")

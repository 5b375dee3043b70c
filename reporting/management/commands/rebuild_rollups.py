from django.core.management.base import BaseCommand

from plans.models import StrategicPlan
from reporting.reports.summaries import rollups_rebuild


class Command(BaseCommand):
    help = (
        "Recompute every plan's roll-up summaries from the reports, from scratch (after loading "
        "data by other means than the workflow, or after a change of the catalogue that moves a "
        "measure or an objective to another area or row, or changes a measure's unit)."
    )

    def handle(self, *args, **options):
        for plan in StrategicPlan.objects.order_by("start_year"):
            rows = rollups_rebuild(plan=plan)
            self.stdout.write(f"{plan.code}: {rows} summary rows")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import StrategicPlan
from reporting.reviews.exports import FORMATS, export_review
from reporting.reviews.models import Review, ReviewKind


class Command(BaseCommand):
    help = (
        "Write a review of a plan as Word, PDF, Excel, or its raw entries as CSV or JSON: the same "
        "bytes as the review page's download button."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help='The plan\'s code, e.g. "2025-2028".')
        parser.add_argument("--kind", required=True, help=" or ".join(ReviewKind.values))
        parser.add_argument("--format", required=True, dest="fmt", help=" | ".join(FORMATS))
        parser.add_argument("--output", required=True, type=Path, help="The file to write.")

    def handle(self, *args, plan: str, kind: str, fmt: str, output: Path, **options):
        if kind not in ReviewKind.values:
            raise CommandError(
                f"Unknown review kind “{kind}”: choose {' or '.join(ReviewKind.values)}."
            )
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format “{fmt}”: choose one of {', '.join(FORMATS)}.")
        found = StrategicPlan.objects.filter(code=plan).first()
        if found is None:
            codes = ", ".join(StrategicPlan.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"No plan “{plan}”. Plans: {codes or 'none loaded'}.")
        export = export_review(Review.objects.for_page(found, kind), fmt)
        try:
            output.write_bytes(export.content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        self.stdout.write(f"{export.filename}: {len(export.content):,} bytes written to {output}.")

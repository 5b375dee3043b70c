"""Each submitted report's first submission, and when it was last reopened after acceptance,
read from its history: on time is judged on the first submission from now on."""

import zoneinfo

from django.db import migrations
from django.utils import timezone


def first_submissions(apps, schema_editor):
    EconomyReport = apps.get_model("reporting", "EconomyReport")
    History = apps.get_model("reporting", "HistoricalEconomyReport")
    reports = EconomyReport.objects.filter(submitted_at__isnull=False).select_related("cycle")
    for report in reports.iterator():
        steps = list(
            History.objects.filter(id=report.pk)
            .order_by("history_date", "history_id")
            .values_list("status", "submitted_at", "history_date")
        )
        moments = [submitted for _status, submitted, _when in steps if submitted is not None]
        first = min(moments, default=report.submitted_at)
        reopened = None
        for (before, _s, _w), (after, _s2, when) in zip(steps, steps[1:], strict=False):
            if before == "accepted" and after == "returned":
                reopened = when
        zone = zoneinfo.ZoneInfo(report.cycle.time_zone or "UTC")
        EconomyReport.objects.filter(pk=report.pk).update(
            first_submitted_at=first,
            first_submitted_on=timezone.localtime(first, zone).date(),
            reopened_after_acceptance_at=reopened,
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0021_first_submission_and_reopening")]

    operations = [migrations.RunPython(first_submissions, migrations.RunPython.noop)]

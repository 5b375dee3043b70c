"""The roll-up summaries: written by the workflow (reporting.reports.summaries), read by the
roll-ups."""

from django.db import models

from plans.models import MeasureOfProgress, StrategicPlan


class RollupCount(models.Model):
    """One number of the roll-ups of a window of a plan's years, summed over the economies:
    written by reporting.reports.summaries in the transaction of each workflow step that can
    change it, read by the roll-up arithmetic instead of every record of the window.

    `kind` says what is counted (see summaries.Kind), `area` and `key` what of (an area, an
    objective, a measure, a target group, an assessment); `submitted` is the "accepted and
    submitted" view, false the "accepted only" one. `economy` is 0 for the sum over every
    economy, else the id of the one economy whose part the row holds (what the economy filter
    reads).
    """

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="+")
    economy = models.PositiveIntegerField(default=0)  # the economy's id, 0 for every economy
    start = models.PositiveSmallIntegerField()
    end = models.PositiveSmallIntegerField()
    submitted = models.BooleanField()
    kind = models.CharField(max_length=24)
    area = models.PositiveIntegerField(default=0)  # the area's id, 0 for the whole plan
    key = models.CharField(max_length=40, default="")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "economy", "start", "end", "submitted", "kind", "area", "key"],
                name="rollup_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start}-{self.end} {self.kind} {self.area} {self.key}: {self.n}"


class MeasureStatistic(models.Model):
    """The lowest, median and highest value of one measure in one year's reports about one
    reference year (the year the data is about), over the economies whose counted report gives
    a value that counts (in the measure's unit, not flagged): written by
    reporting.reports.summaries in the transaction of each workflow step, read by the measure
    page instead of every value of the year. No row: no economy reported a value.

    `submitted` is the "accepted and submitted" view, false the "accepted only" one. The median
    of an even number of values is the mean of the two middle ones: one decimal place more than
    the values'.
    """

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(MeasureOfProgress, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year of the reports.")
    reference_year = models.PositiveSmallIntegerField(
        default=0, help_text="The year the data is about; 0: not given."
    )
    submitted = models.BooleanField()
    economies = models.PositiveIntegerField()
    minimum = models.DecimalField(max_digits=18, decimal_places=4)
    median = models.DecimalField(max_digits=19, decimal_places=5)
    maximum = models.DecimalField(max_digits=18, decimal_places=4)
    # The median of the values' distances from the median: the scale of a modified z-score.
    mad = models.DecimalField(max_digits=20, decimal_places=6, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "measure", "year", "reference_year", "submitted"],
                name="measure_statistic_unique",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.year} measure {self.measure_id}: {self.economies} economies, "
            f"{self.minimum} / {self.median} / {self.maximum}"
        )

"""The catalogue: strategic plans and what they are made of, economies, fora and target groups.

Every catalogue model has a natural key, so that fixtures and spreadsheet imports find the rows
they update by what the plan calls them ("2025-2028", area 3, objective 2), never by database id.
"""

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from simple_history.models import HistoricalRecords

from plans.catalogue import units

YEAR_VALIDATORS = [MinValueValidator(1989), MaxValueValidator(2100)]


class CodeManager(models.Manager):
    """Natural key: one unique field named by `natural_key_field`."""

    natural_key_field = "code"

    def get_by_natural_key(self, key):
        return self.get(**{self.natural_key_field: key})


class Economy(models.Model):
    code = models.CharField(
        "APEC abbreviation",
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,4}$", "Two to four capital letters, e.g. CHL.")],
    )
    name = models.CharField("official name", max_length=100, unique=True)
    short_name = models.CharField(max_length=60, help_text="As tables print it, e.g. “China”.")
    position = models.PositiveSmallIntegerField(help_text="Place in APEC's list of economies.")

    objects = CodeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "economies"

    def __str__(self) -> str:
        return self.short_name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class AcronymManager(CodeManager):
    natural_key_field = "acronym"


class Forum(models.Model):
    """An APEC forum the SMEWG works with, e.g. the Economic Committee (EC)."""

    acronym = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=150, unique=True)

    objects = AcronymManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"

    def natural_key(self) -> tuple[str]:
        return (self.acronym,)


class SlugManager(CodeManager):
    natural_key_field = "slug"


class BroaderPriority(models.Model):
    """An APEC-wide agenda a plan contributes to, e.g. the APEC Putrajaya Vision 2040."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=150, unique=True)
    year = models.PositiveSmallIntegerField("year adopted", validators=YEAR_VALIDATORS)

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "name"]
        verbose_name_plural = "broader APEC priorities"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class TargetGroup(models.Model):
    """People with untapped economic potential whom initiatives reach (women, youth, ...)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField()

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class StrategicPlanQuerySet(models.QuerySet["StrategicPlan"]):
    def with_structure(self) -> Self:
        """Everything the plan page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "broader_priorities",
            Prefetch(
                "areas",
                PriorityArea.objects.prefetch_related(
                    "objectives",
                    Prefetch("actions", Action.objects.select_related("forum")),
                    "measures",
                ),
            ),
            Prefetch("indicator_groups", IndicatorGroup.objects.prefetch_related("indicators")),
            Prefetch(
                "activities",
                ImplementationActivity.objects.select_related("area").prefetch_related(
                    "proponents"
                ),
            ),
        )

    def with_reported_flag(self) -> Self:
        """`has_reported_figures`: whether the secretariat reported figures for the plan outside
        the app (plans.results). Pages show that panel only then, so a plan without such figures
        costs no query for it."""
        reported = self.model.objects.filter(pk=OuterRef("pk"), reported_figures__isnull=False)
        return self.annotate(has_reported_figures=Exists(reported))


# Named before it is subclassed: django-stubs reads `from_queryset` in an assignment, not in a
# class's bases, and only then gives the manager the queryset's methods.
_StrategicPlanManagerBase = CodeManager.from_queryset(StrategicPlanQuerySet)


class StrategicPlanManager(_StrategicPlanManagerBase):
    pass


class StrategicPlan(models.Model):
    code = models.CharField(
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{4}-\d{4}$", "Write the years as 2025-2028.")],
    )
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    critical_success_factors = models.TextField(blank=True, help_text="One factor per line.")
    midterm_review_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS
    )
    final_review_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS
    )
    broader_priorities = models.ManyToManyField(BroaderPriority, blank=True, related_name="plans")
    source_note = models.TextField(
        blank=True, help_text="Where the text comes from, and what of the plan is not recorded."
    )

    objects = StrategicPlanManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def clean(self) -> None:
        if not (self.start_year and self.end_year):
            return  # the field validators report missing years
        errors = {}
        if self.end_year < self.start_year:
            errors["end_year"] = "The plan cannot end before it starts."
        expected_code = f"{self.start_year}-{self.end_year}"
        if self.code and self.code != expected_code:
            errors["code"] = f"The code must be the plan's years, {expected_code}."
        for field in ("midterm_review_year", "final_review_year"):
            year = getattr(self, field)
            if year and not self.start_year <= year <= self.end_year:
                errors[field] = "The review year must fall within the plan's years."
        if errors:
            raise ValidationError(errors)

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def critical_success_factor_list(self) -> list[str]:
        return [line.strip() for line in self.critical_success_factors.splitlines() if line.strip()]


class PlanDataVersion(models.Model):
    """A counter of the changes to a plan's data: see plans/catalogue/data_version.py, which alone
    writes and reads it. A table of its own, not a field of the plan: a save of the plan from a
    copy read earlier (the admin, a fixture) would write an old count back."""

    plan = models.OneToOneField(
        StrategicPlan, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.version}"


class PriorityAreaManager(models.Manager):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class PriorityArea(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = models.CharField(max_length=300)

    objects = PriorityAreaManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_area_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def natural_key(self) -> tuple:
        return (*self.plan.natural_key(), self.number)

    natural_key.dependencies = ["plans.strategicplan"]  # type: ignore[attr-defined]  # mypy: no attributes on functions

    def rows(self) -> list[dict]:
        """The area's sub-rows as the plan's table groups them, from prefetched items.

        Each row lists the objectives, actions and measures that the plan sets side by side.
        """
        rows: dict[int, dict] = {}
        for kind in ("objectives", "actions", "measures"):
            for item in getattr(self, kind).all():
                row = rows.setdefault(
                    item.row, {"number": item.row, "objectives": [], "actions": [], "measures": []}
                )
                row[kind].append(item)
        return [rows[number] for number in sorted(rows)]


class AreaItemManager(models.Manager):
    def get_by_natural_key(self, plan_code, area_number, number):
        return self.get(area__plan__code=plan_code, area__number=area_number, number=number)


class AreaItem(models.Model):
    """An objective, action or measure of a priority area, in its sub-row of the plan's table."""

    row = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Sub-row of the plan's table: items of one row belong together.",
    )
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text="Order within the priority area."
    )
    text = models.TextField()

    objects = AreaItemManager()

    if TYPE_CHECKING:
        # Each concrete item declares its own foreign key to the area, with its related name.
        area: PriorityArea

    class Meta:
        abstract = True
        ordering = ["area", "number"]

    def __str__(self) -> str:
        return f"{self.area.number}.{self.number} {self.text}"

    def natural_key(self) -> tuple:
        return (*self.area.natural_key(), self.number)

    natural_key.dependencies = ["plans.priorityarea"]  # type: ignore[attr-defined]  # mypy: no attributes on functions


class Objective(AreaItem):
    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="objectives")
    history = HistoricalRecords()

    class Meta(AreaItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="unique_objective_number")
        ]


class Action(AreaItem):
    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="actions")
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="The APEC forum an action “Work with APEC …” names.",
    )
    history = HistoricalRecords()

    class Meta(AreaItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="unique_action_number")
        ]


class MeasureOfProgress(AreaItem):
    class Kind(models.TextChoices):
        RATE = "rate", "Rate"
        SHARE = "share", "Share"
        VALUE = "value", "Value"
        NUMBER = "number", "Number"
        INDEX = "index", "Index"
        QUALITATIVE = "qualitative", "Qualitative"

    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.QUALITATIVE)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="e.g. %, USD million, count. Entries are stored in this unit.",
    )
    scales = models.JSONField(
        default=dict,
        blank=True,
        help_text="Other units the measure may be reported in, each with its factor to the "
        'measure\'s unit, e.g. {"USD thousand": "0.001", "USD billion": "1000"}.',
    )
    history = HistoricalRecords()

    class Meta(AreaItem.Meta):
        verbose_name_plural = "measures of progress"
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="unique_measure_number")
        ]

    @property
    def kind_label(self) -> str:
        """e.g. “Rate, %”, “Value, USD million”; the unit only where it adds something."""
        label = self.get_kind_display()
        if self.unit and self.unit.lower() not in {label.lower(), "count"}:
            return f"{label}, {self.unit}"
        return label

    @property
    def is_percentage(self) -> bool:
        """Rates and shares are percentages: bounded 0-100 and never summed across economies."""
        return self.kind in {self.Kind.RATE, self.Kind.SHARE}

    @property
    def allowed_units(self) -> list[str]:
        """The measure's unit, then the scales it may also be reported in."""
        return units.allowed_units(self.unit, self.scales)

    @property
    def units_text(self) -> str:
        """e.g. “USD million”, “USD thousand” or “USD billion”."""
        return units.units_text(self.allowed_units)

    def to_measure_unit(self, value, unit: str):
        """The value in the measure's unit; units.UnitError when it cannot be."""
        return units.to_measure_unit(
            value=value, unit=unit, measure_unit=self.unit, kind=self.kind, scales=self.scales
        )

    def clean(self) -> None:
        if not isinstance(self.scales, dict):
            raise ValidationError({"scales": "Give the scales as {“unit”: “factor”, …}."})
        for name, factor in self.scales.items():
            try:
                if Decimal(str(factor)) <= 0:
                    raise InvalidOperation
            except InvalidOperation:
                raise ValidationError(
                    {"scales": f"The factor of “{name}” must be a number above 0."}
                ) from None


class IndicatorGroupManager(models.Manager):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class IndicatorGroup(models.Model):
    """A heading of the plan's general indicators, e.g. “Best Practice Sharing”."""

    plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="indicator_groups"
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = models.CharField(max_length=300)

    objects = IndicatorGroupManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_indicator_group_number")
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple:
        return (*self.plan.natural_key(), self.number)

    natural_key.dependencies = ["plans.strategicplan"]  # type: ignore[attr-defined]  # mypy: no attributes on functions


class GeneralIndicatorManager(models.Manager):
    def get_by_natural_key(self, plan_code, group_number, number):
        return self.get(group__plan__code=plan_code, group__number=group_number, number=number)


class GeneralIndicator(models.Model):
    class Kind(models.TextChoices):
        COUNT = "count", "Count"
        NARRATIVE = "narrative", "Narrative"

    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNT)

    objects = GeneralIndicatorManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="unique_indicator_number")
        ]

    def __str__(self) -> str:
        return self.text

    def natural_key(self) -> tuple:
        return (*self.group.natural_key(), self.number)

    natural_key.dependencies = ["plans.indicatorgroup"]  # type: ignore[attr-defined]  # mypy: no attributes on functions


class ImplementationActivityManager(models.Manager):
    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, number=number)


class ImplementationActivity(models.Model):
    """An activity of a plan's implementation schedule, with its timeframe and proponents."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="activities")
    area = models.ForeignKey(
        PriorityArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.TextField()
    start_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    proponents = models.ManyToManyField(Economy, related_name="activities")

    objects = ImplementationActivityManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "implementation activities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_activity_number")
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple:
        return (*self.plan.natural_key(), self.number)

    natural_key.dependencies = [  # type: ignore[attr-defined]  # mypy: no attributes on functions
        "plans.strategicplan",
        "plans.priorityarea",
        "plans.economy",
    ]

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The activity cannot end before it starts."})
        if self.plan_id and self.area is not None and self.area.plan_id != self.plan_id:
            raise ValidationError({"area": "Choose a priority area of the same plan."})

    @property
    def timeframe(self) -> str:
        return f"{self.start_year} - {self.end_year}"

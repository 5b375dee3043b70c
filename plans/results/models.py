"""Figures the secretariat reported for a plan and year outside the app, kept as reported.

The program director's report to the 58th SMEWG meeting (2024) gave the 2021-2024 plan's
project shares and four-year performance per priority, without saying how they were worked out.
The app keeps such figures word for word with their source and stated method, and shows them
apart: they never enter the roll-ups, charts or totals, and never serve as a baseline for a
later plan, whose areas differ.
"""

from __future__ import annotations

from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Value, When
from simple_history.models import HistoricalRecords

from plans.catalogue.models import YEAR_VALIDATORS, PriorityArea, StrategicPlan

METHOD_NOT_STATED = "method not stated"


class FigureKind(models.TextChoices):
    PROJECTS = "projects", "Projects under the plan's priorities in the year"
    PROJECT_SHARE = "project_share", "Share of the year's projects under a priority"
    PERFORMANCE = "performance", "How the plan performed over its years, per priority"


class FigureUnit(models.TextChoices):
    PERCENT = "percent", "percent"
    PROJECTS = "projects", "projects"


# A plan-wide figure counts; a figure per priority is a share of something.
UNIT_OF_KIND = {
    FigureKind.PROJECTS: FigureUnit.PROJECTS,
    FigureKind.PROJECT_SHARE: FigureUnit.PERCENT,
    FigureKind.PERFORMANCE: FigureUnit.PERCENT,
}
PER_PRIORITY = {FigureKind.PROJECT_SHARE, FigureKind.PERFORMANCE}


class ReportedFigureQuerySet(models.QuerySet["ReportedFigure"]):
    def for_plan(self, plan: StrategicPlan) -> Self:
        """The plan's figures with their areas, newest report first, each report's figures in
        the source's order: the plan-wide ones, then each kind per priority, first to last."""
        kind_rank = Case(
            *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(FigureKind.values)),
            output_field=models.IntegerField(),
        )
        return (
            self.filter(plan=plan)
            .select_related("area")
            .order_by("-year", "reported_by", kind_rank, "position", "pk")
        )


# Named before it is subclassed: django-stubs reads `from_queryset` in an assignment, not in a
# class's bases, and only then gives the manager the queryset's methods.
_ReportedFigureManagerBase = models.Manager.from_queryset(ReportedFigureQuerySet)


class ReportedFigureManager(_ReportedFigureManagerBase):
    def get_by_natural_key(self, plan_code, year, reported_by, kind, position):
        return self.get(
            plan__code=plan_code, year=year, reported_by=reported_by, kind=kind, position=position
        )


class ReportedFigure(models.Model):
    """One figure as the secretariat reported it: "20 projects", "75 percent" for a priority."""

    plan = models.ForeignKey(
        StrategicPlan, on_delete=models.PROTECT, related_name="reported_figures"
    )
    year = models.PositiveSmallIntegerField(
        validators=YEAR_VALIDATORS, help_text="The year of the report, e.g. 2024."
    )
    reported_by = models.CharField(max_length=100, help_text="E.g. “the program director”.")
    kind = models.CharField("what the figure is", max_length=16, choices=FigureKind.choices)
    area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        verbose_name="priority area",
        help_text="The plan's area the figure is about; empty for a plan-wide figure.",
    )
    area_as_reported = models.CharField(
        "priority as the source names it",
        max_length=200,
        blank=True,
        help_text="Word for word, even where the catalogue spells the area differently or the "
        "source names it by its place only (“first”).",
    )
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)],
        help_text="The priority's place in the source (1 for the first); 1 for a plan-wide figure.",
    )
    value = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=8, choices=FigureUnit.choices)
    source_document = models.CharField(
        max_length=300, help_text="The document quoted, as it titles itself."
    )
    source_meeting = models.CharField(
        max_length=200, blank=True, help_text="Where the figure was reported, if at a meeting."
    )
    source_date = models.CharField(
        max_length=60, help_text="As the source dates it, e.g. “11-12 September 2024”."
    )
    quote = models.TextField("the source's sentence", help_text="Verbatim.")
    method = models.CharField(
        max_length=300,
        default=METHOD_NOT_STATED,
        help_text="How the figure was worked out, as the source states it.",
    )
    note = models.TextField(
        blank=True, help_text="What the app's record adds to the source, e.g. how it was matched."
    )

    objects = ReportedFigureManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-year", "reported_by", "position", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "reported_by", "kind", "position"],
                name="unique_reported_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan.code}, {self.year}: {self.get_kind_display()} {self.position}"

    def natural_key(self) -> tuple:
        return (self.plan.code, self.year, self.reported_by, self.kind, self.position)

    natural_key.dependencies = ["plans.strategicplan", "plans.priorityarea"]  # type: ignore[attr-defined]  # mypy: no attributes on functions

    @property
    def label(self) -> str:
        """“reported by the program director in 2024; method not stated”."""
        return f"reported by {self.reported_by} in {self.year}; {self.method}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        kind = self.kind
        if kind in UNIT_OF_KIND and self.unit and self.unit != UNIT_OF_KIND[FigureKind(kind)]:
            errors["unit"] = f"This kind of figure is in {UNIT_OF_KIND[FigureKind(kind)].label}."
        if kind in PER_PRIORITY and not self.area_as_reported:
            errors["area_as_reported"] = "Give the priority as the source names it."
        if kind == FigureKind.PROJECTS and (self.area_id or self.area_as_reported):
            errors["area"] = "A plan-wide figure names no priority."
        area = self.area if self.area_id else None
        if area is not None and self.plan_id and area.plan_id != self.plan_id:
            errors["area"] = "The priority area must be one of the plan's."
        if self.unit == FigureUnit.PERCENT and self.value is not None and self.value > 100:
            errors["value"] = "A percentage is at most 100."
        if errors:
            raise ValidationError(errors)

"""Spreadsheet import and export of the catalogue (django-import-export).

A new plan loads in the order of the classes below: plan, priority areas, objectives, actions,
measures, indicator groups, general indicators, implementation activities. Rows name what they
belong to as the plan does ("2029-2032", area 2), never by database id, so a sheet written by
hand imports as well as one exported from the admin.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from plans.catalogue.data_version import data_version_bump
from plans.catalogue.models import (
    Action,
    BroaderPriority,
    Economy,
    Forum,
    GeneralIndicator,
    ImplementationActivity,
    IndicatorGroup,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)


class PlanScopedWidget(widgets.ForeignKeyWidget):
    """A foreign key written as a number within the plan named in the row's `plan` column."""

    def __init__(self, model, plan_lookup: str = "plan__code"):
        super().__init__(model, field="number")
        self.plan_lookup = plan_lookup

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.filter(**{self.plan_lookup: row.get("plan")})


class CatalogueResource(resources.ModelResource):
    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def after_import(self, dataset, result, **kwargs):
        # In the import's transaction (rolled back with it by a dry run or an error): what the
        # plans' documents show may have changed.
        super().after_import(dataset, result, **kwargs)
        data_version_bump()


class EconomyResource(CatalogueResource):
    class Meta(CatalogueResource.Meta):
        model = Economy
        import_id_fields = ["code"]
        fields = ["code", "name", "short_name", "position"]


class ForumResource(CatalogueResource):
    class Meta(CatalogueResource.Meta):
        model = Forum
        import_id_fields = ["acronym"]
        fields = ["acronym", "name"]


class BroaderPriorityResource(CatalogueResource):
    class Meta(CatalogueResource.Meta):
        model = BroaderPriority
        import_id_fields = ["slug"]
        fields = ["slug", "name", "year"]


class TargetGroupResource(CatalogueResource):
    class Meta(CatalogueResource.Meta):
        model = TargetGroup
        import_id_fields = ["slug"]
        fields = ["slug", "name", "position"]


class StrategicPlanResource(CatalogueResource):
    broader_priorities = fields.Field(
        attribute="broader_priorities",
        column_name="broader_priorities",
        widget=widgets.ManyToManyWidget(BroaderPriority, field="slug", separator="|"),
    )

    class Meta(CatalogueResource.Meta):
        model = StrategicPlan
        import_id_fields = ["code"]
        fields = [
            "code",
            "title",
            "start_year",
            "end_year",
            "vision",
            "mission",
            "critical_success_factors",
            "midterm_review_year",
            "final_review_year",
            "broader_priorities",
            "source_note",
        ]


def plan_column() -> fields.Field:
    return fields.Field(
        attribute="plan", column_name="plan", widget=widgets.ForeignKeyWidget(StrategicPlan, "code")
    )


class PriorityAreaResource(CatalogueResource):
    plan = plan_column()

    class Meta(CatalogueResource.Meta):
        model = PriorityArea
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "name"]


class AreaItemResource(CatalogueResource):
    """Objectives, actions and measures: `plan` and `area` name the priority area."""

    plan = fields.Field(attribute="area__plan__code", column_name="plan", readonly=True)
    area = fields.Field(attribute="area", column_name="area", widget=PlanScopedWidget(PriorityArea))

    class Meta(CatalogueResource.Meta):
        abstract = True
        import_id_fields = ["area", "number"]


class ObjectiveResource(AreaItemResource):
    class Meta(AreaItemResource.Meta):
        model = Objective
        fields = ["plan", "area", "row", "number", "text"]


class ActionResource(AreaItemResource):
    forum = fields.Field(
        attribute="forum", column_name="forum", widget=widgets.ForeignKeyWidget(Forum, "acronym")
    )

    class Meta(AreaItemResource.Meta):
        model = Action
        fields = ["plan", "area", "row", "number", "text", "forum"]


class ScalesWidget(widgets.JSONWidget):
    """A measure's other scales as JSON ({"USD thousand": "0.001"}); an empty cell: none."""

    def clean(self, value, row=None, **kwargs):
        try:
            found = super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError('Give the scales as {"unit": "factor", ...}.') from None
        return found or {}


class MeasureOfProgressResource(AreaItemResource):
    scales = fields.Field(attribute="scales", column_name="scales", widget=ScalesWidget())

    class Meta(AreaItemResource.Meta):
        model = MeasureOfProgress
        fields = ["plan", "area", "row", "number", "text", "kind", "unit", "scales"]


class IndicatorGroupResource(CatalogueResource):
    plan = plan_column()

    class Meta(CatalogueResource.Meta):
        model = IndicatorGroup
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "name"]


class GeneralIndicatorResource(CatalogueResource):
    plan = fields.Field(attribute="group__plan__code", column_name="plan", readonly=True)
    group = fields.Field(
        attribute="group", column_name="group", widget=PlanScopedWidget(IndicatorGroup)
    )

    class Meta(CatalogueResource.Meta):
        model = GeneralIndicator
        import_id_fields = ["group", "number"]
        fields = ["plan", "group", "number", "text", "kind"]


class ImplementationActivityResource(CatalogueResource):
    plan = plan_column()
    area = fields.Field(attribute="area", column_name="area", widget=PlanScopedWidget(PriorityArea))
    proponents = fields.Field(
        attribute="proponents",
        column_name="proponents",
        widget=widgets.ManyToManyWidget(Economy, field="code", separator="|"),
    )

    class Meta(CatalogueResource.Meta):
        model = ImplementationActivity
        import_id_fields = ["plan", "number"]
        fields = ["plan", "area", "number", "title", "start_year", "end_year", "proponents"]


# The order in which a whole plan imports: each resource refers only to rows of those before it.
PLAN_STRUCTURE_RESOURCES = [
    StrategicPlanResource,
    PriorityAreaResource,
    ObjectiveResource,
    ActionResource,
    MeasureOfProgressResource,
    IndicatorGroupResource,
    GeneralIndicatorResource,
    ImplementationActivityResource,
]


# Strict rows for the projects' and meetings' imports: every value names a catalogue record that
# must exist, and an import is all or nothing.


class StrictForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key that names a row which must exist: an unknown value is a validation error of
    the row ("No economy with the code XYZ."), not a crash."""

    def __init__(self, model, field: str, what: str, scope: str | None = None):
        super().__init__(model, field=field)
        self.what = what
        self.scope = scope  # e.g. "plan__code": the value is looked up within the row's plan

    def get_queryset(self, value, row, *args, **kwargs):
        if self.scope:
            return self.model.objects.filter(**{self.scope: row.get("plan")})
        return self.model.objects.all()

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, float) and value.is_integer():  # spreadsheets write 3 as 3.0
            value = int(value)
        value = str(value).strip()
        try:
            return self.get_queryset(value, row).get(**{self.field: value})
        except self.model.DoesNotExist as missing:
            where = f" in the plan {row.get('plan')}" if self.scope else ""
            raise ValueError(f"No {self.what} “{value}”{where}.") from missing


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Several values separated by "|": every one must exist."""

    def __init__(self, model, field: str, what: str, scope: str | None = None):
        super().__init__(model, field=field, separator="|")
        self.what = what
        self.scope = scope

    def _queryset(self, row):
        if self.scope:
            return self.model.objects.filter(**{self.scope: row.get("plan")})
        return self.model.objects.all()

    def keys(self, value) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, (int, float)):
            value = str(int(value))
        return [key.strip() for key in str(value).split(self.separator) if key.strip()]

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        found = self._queryset(row).filter(**{f"{self.field}__in": keys})
        known = {str(getattr(item, self.field)) for item in found}
        unknown = [key for key in keys if key not in known]
        if unknown:
            where = f" in the plan {row.get('plan')}" if self.scope else ""
            raise ValueError(f"No {self.what} “{'”, “'.join(unknown)}”{where}.")
        return found


class AllOrNothingResource(CatalogueResource):
    """Validates every column, the many-to-many ones too, before any row is saved; rolls the
    whole import back when any row is invalid."""

    class Meta(CatalogueResource.Meta):
        abstract = True

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)


def economy_field(column: str, attribute: str | None = None) -> fields.Field:
    return fields.Field(
        attribute=attribute or column,
        column_name=column,
        widget=StrictForeignKeyWidget(Economy, "code", "economy with the code"),
    )


def economies_field(column: str) -> fields.Field:
    return fields.Field(
        attribute=column,
        column_name=column,
        widget=StrictManyToManyWidget(Economy, "code", "economy with the code"),
    )


def plan_field() -> fields.Field:
    return fields.Field(
        attribute="plan",
        column_name="plan",
        widget=StrictForeignKeyWidget(StrategicPlan, "code", "plan"),
    )


def area_field() -> fields.Field:
    return fields.Field(
        attribute="area",
        column_name="area",
        widget=StrictForeignKeyWidget(PriorityArea, "number", "priority area", "plan__code"),
    )

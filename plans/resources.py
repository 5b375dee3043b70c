"""Spreadsheet import and export of the catalogue (django-import-export).

A new plan loads in the order of the classes below: plan, priority areas, objectives, actions,
measures, indicator groups, general indicators, implementation activities. Rows name what they
belong to as the plan does ("2029-2032", area 2), never by database id, so a sheet written by
hand imports as well as one exported from the admin.
"""

from import_export import fields, resources, widgets

from plans.models import (
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


class MeasureOfProgressResource(AreaItemResource):
    class Meta(AreaItemResource.Meta):
        model = MeasureOfProgress
        fields = ["plan", "area", "row", "number", "text", "kind", "unit"]


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

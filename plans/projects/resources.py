"""Spreadsheet import and export of APEC projects (django-import-export).

Rows name what they refer to as people write it: economies by APEC code ("CHL"), the plan by its
code, priority areas by number within the row's plan ("1|3"), objectives as area.number ("1.2"),
broader priorities by slug. An import is all or nothing: every bad row is reported with its
number and reason, and if any row fails nothing is written.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from import_export import fields

from plans.catalogue.models import BroaderPriority, Objective, PriorityArea
from plans.catalogue.resources import (
    AllOrNothingResource,
    StrictManyToManyWidget,
    economies_field,
    economy_field,
    plan_field,
)
from plans.projects.models import ApecProject, project_slug


class ObjectivesWidget(StrictManyToManyWidget):
    """Objectives of the row's plan, written area.number: "1.2|3.1"."""

    def __init__(self):
        super().__init__(Objective, field="number", what="objective", scope="area__plan__code")

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        candidates = {
            f"{o.area.number}.{o.number}": o for o in self._queryset(row).select_related("area")
        }
        unknown = [key for key in keys if key not in candidates]
        if unknown:
            raise ValueError(
                f"No objective “{'”, “'.join(unknown)}” in the plan {row.get('plan')} "
                "(write area.number, e.g. 1.2)."
            )
        return Objective.objects.filter(pk__in=[candidates[key].pk for key in keys])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(f"{o.area.number}.{o.number}" for o in value.all())


class ApecProjectResource(AllOrNothingResource):
    plan = plan_field()
    proponent = economy_field("proponent")
    co_sponsors = economies_field("co_sponsors")
    participating_economies = economies_field("participating_economies")
    areas = fields.Field(
        attribute="areas",
        column_name="areas",
        widget=StrictManyToManyWidget(PriorityArea, "number", "priority area", "plan__code"),
    )
    objectives = fields.Field(
        attribute="objectives", column_name="objectives", widget=ObjectivesWidget()
    )
    broader_priorities = fields.Field(
        attribute="broader_priorities",
        column_name="broader_priorities",
        widget=StrictManyToManyWidget(BroaderPriority, "slug", "broader priority"),
    )

    class Meta(AllOrNothingResource.Meta):
        model = ApecProject
        import_id_fields = ["code"]
        fields = [
            "code",
            "title",
            "plan",
            "proponent",
            "co_sponsors",
            "funding",
            "sub_fund",
            "session",
            "start_year",
            "end_year",
            "status",
            "kind",
            "areas",
            "objectives",
            "broader_priorities",
            "participating_economies",
            "outcomes",
            "lessons_learned",
        ]

    def before_import(self, dataset, **kwargs):
        """Which rows carry each code: a code twice in one sheet is a mistake, not an update."""
        super().before_import(dataset, **kwargs)
        self.rows_by_code = defaultdict(list)
        if "code" in dataset.headers:
            for number, code in enumerate(dataset["code"], start=1):
                self.rows_by_code[str(code or "").strip()].append(number)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        code = str(row.get("code") or "").strip()
        rows = getattr(self, "rows_by_code", {}).get(code, [])
        number = kwargs.get("row_number")
        if len(rows) > 1 and number != rows[0]:
            errors["code"] = [
                ValidationError(f"The code {code} is in row {rows[0]} of this sheet already.")
            ]
        if "areas" not in errors and row.get("areas") in (None, ""):
            errors["areas"] = [
                ValidationError("Name at least one priority area of the plan, e.g. 1|3.")
            ]
        if code:
            instance.slug = project_slug(code)
        if errors:
            raise ValidationError(errors)

"""Spreadsheet import and export of APEC projects and SMEWG meetings (django-import-export).

Rows name what they refer to as people write it: economies by APEC code ("CHL"), the plan by its
code, priority areas by number within the row's plan ("1|3"), objectives as area.number ("1.2"),
broader priorities by slug. An import is all or nothing: every bad row is reported with its
number and reason, and if any row fails nothing is written.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from plans.models import (
    ApecProject,
    BroaderPriority,
    Economy,
    Forum,
    Meeting,
    MeetingBestPractice,
    MeetingDialogue,
    Objective,
    PriorityArea,
    StrategicPlan,
)
from plans.project_models import project_slug
from plans.resources import CatalogueResource


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


class AllOrNothingResource(CatalogueResource):
    """Validates every column, the many-to-many ones too, before any row is saved; rolls the
    whole import back when any row is invalid."""

    class Meta(CatalogueResource.Meta):
        abstract = True

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)


def _economy(column: str, attribute: str | None = None) -> fields.Field:
    return fields.Field(
        attribute=attribute or column,
        column_name=column,
        widget=StrictForeignKeyWidget(Economy, "code", "economy with the code"),
    )


def _economies(column: str) -> fields.Field:
    return fields.Field(
        attribute=column,
        column_name=column,
        widget=StrictManyToManyWidget(Economy, "code", "economy with the code"),
    )


def _plan() -> fields.Field:
    return fields.Field(
        attribute="plan",
        column_name="plan",
        widget=StrictForeignKeyWidget(StrategicPlan, "code", "plan"),
    )


def _area() -> fields.Field:
    return fields.Field(
        attribute="area",
        column_name="area",
        widget=StrictForeignKeyWidget(PriorityArea, "number", "priority area", "plan__code"),
    )


class ApecProjectResource(AllOrNothingResource):
    plan = _plan()
    proponent = _economy("proponent")
    co_sponsors = _economies("co_sponsors")
    participating_economies = _economies("participating_economies")
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
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        code = str(row.get("code") or "").strip()
        rows = getattr(self, "rows_by_code", {}).get(code, [])
        number = kwargs.get("row_number")
        if len(rows) > 1 and number != rows[0]:
            errors["code"] = [f"The code {code} is in row {rows[0]} of this sheet already."]
        if "areas" not in errors and row.get("areas") in (None, ""):
            errors["areas"] = ["Name at least one priority area of the plan, e.g. 1|3."]
        if code:
            instance.slug = project_slug(code)
        if errors:
            raise ValidationError(errors)


class MeetingResource(AllOrNothingResource):
    economy = _economy("economy")

    class Meta(AllOrNothingResource.Meta):
        model = Meeting
        import_id_fields = ["number"]
        fields = ["number", "place", "economy", "start_date", "end_date"]


def _meeting() -> fields.Field:
    return fields.Field(
        attribute="meeting",
        column_name="meeting",
        widget=StrictForeignKeyWidget(Meeting, "number", "meeting number"),
    )


class MeetingBestPracticeResource(AllOrNothingResource):
    """Best practices shared at meetings; `plan` and `area` name the priority area."""

    meeting = _meeting()
    economy = _economy("economy")
    plan = fields.Field(attribute="area__plan__code", column_name="plan", readonly=True)
    area = _area()

    class Meta(AllOrNothingResource.Meta):
        model = MeetingBestPractice
        import_id_fields = ["meeting", "economy", "title"]
        fields = ["meeting", "economy", "title", "plan", "area", "description"]


class MeetingDialogueResource(AllOrNothingResource):
    meeting = _meeting()
    forum = fields.Field(
        attribute="forum",
        column_name="forum",
        widget=StrictForeignKeyWidget(Forum, "acronym", "APEC forum"),
    )

    class Meta(AllOrNothingResource.Meta):
        model = MeetingDialogue
        import_id_fields = ["meeting", "title"]
        fields = ["meeting", "title", "partner_kind", "partner", "forum"]

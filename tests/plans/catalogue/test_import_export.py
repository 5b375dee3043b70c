"""The secretariat loads a plan from spreadsheets: preview first, nothing written on any bad row."""

import io

import pytest
import tablib
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook, load_workbook

from plans.catalogue.data_version import data_version
from plans.catalogue.resources import (
    PLAN_STRUCTURE_RESOURCES,
    ForumResource,
    ObjectiveResource,
    PriorityAreaResource,
)
from plans.models import (
    Action,
    Forum,
    GeneralIndicator,
    ImplementationActivity,
    IndicatorGroup,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

STRUCTURE_MODELS = [
    StrategicPlan,
    PriorityArea,
    Objective,
    Action,
    MeasureOfProgress,
    IndicatorGroup,
    GeneralIndicator,
    ImplementationActivity,
]


def plan_structure(code: str) -> str:
    """The plan and everything in it, serialised by natural keys (no database ids)."""
    objects = []
    for model in STRUCTURE_MODELS:
        queryset = model.objects.all()
        lookup = {
            StrategicPlan: "code",
            PriorityArea: "plan__code",
            IndicatorGroup: "plan__code",
            ImplementationActivity: "plan__code",
            GeneralIndicator: "group__plan__code",
        }.get(model, "area__plan__code")
        objects.extend(queryset.filter(**{lookup: code}).order_by("pk"))
    return serializers.serialize(
        "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True, indent=1
    )


def export_plan(code: str) -> list[tuple[type, bytes]]:
    """Each sheet of the plan as the admin exports it, in XLSX."""
    sheets = []
    for resource_class in PLAN_STRUCTURE_RESOURCES:
        resource = resource_class()
        model = resource._meta.model
        queryset = {
            StrategicPlan: StrategicPlan.objects.filter(code=code),
            GeneralIndicator: GeneralIndicator.objects.filter(group__plan__code=code),
        }.get(model)
        if queryset is None:
            field = "plan__code" if hasattr(model, "plan") else "area__plan__code"
            queryset = model.objects.filter(**{field: code})
        sheets.append((resource_class, resource.export(queryset).export("xlsx")))
    return sheets


@pytest.mark.parametrize("code", ["2025-2028", "2017-2020"])
def test_a_whole_plan_round_trips_through_spreadsheets(code):
    before = plan_structure(code)
    sheets = export_plan(code)
    StrategicPlan.objects.filter(code=code).delete()
    assert not PriorityArea.objects.filter(plan__code=code).exists()

    for resource_class, content in sheets:
        dataset = tablib.Dataset().load(content, format="xlsx")
        result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_validation_errors()

    assert plan_structure(code) == before


def test_importing_the_same_sheet_again_changes_nothing():
    sheet = dict(export_plan("2025-2028"))[ObjectiveResource]
    dataset = tablib.Dataset().load(sheet, format="xlsx")
    result = ObjectiveResource().import_data(dataset, dry_run=False)
    assert result.totals["skip"] == 20
    assert result.totals["new"] == result.totals["update"] == 0


def test_any_bad_row_writes_nothing_and_each_error_names_its_row():
    dataset = tablib.Dataset(headers=["plan", "area", "row", "number", "text"])
    dataset.append(["2025-2028", 1, 1, 50, "A good new objective"])
    dataset.append(["2025-2028", 9, 1, 51, "An objective of an area the plan lacks"])
    dataset.append(["2025-2028", 2, 1, 52, ""])
    result = ObjectiveResource().import_data(dataset, dry_run=False)

    assert not Objective.objects.filter(number__in=[50, 51, 52]).exists()
    assert result.has_errors() or result.has_validation_errors()
    failed_rows = sorted(
        [row.number for row in result.invalid_rows]
        + [number for number, _errors in result.row_errors()]
    )
    assert failed_rows == [2, 3]


def test_a_new_plan_loads_from_hand_written_sheets():
    plan_sheet = tablib.Dataset(
        headers=["code", "title", "start_year", "end_year", "midterm_review_year"]
    )
    plan_sheet.append(["2029-2032", "SMEWG Strategic Plan 2029-2032", 2029, 2032, 2030])
    areas = tablib.Dataset(headers=["plan", "number", "name"])
    areas.append(["2029-2032", 1, "Resilience"])
    objectives = tablib.Dataset(headers=["plan", "area", "row", "number", "text"])
    objectives.append(["2029-2032", 1, 1, 1, "Help MSMEs prepare for shocks."])
    for resource_class, dataset in [
        (PLAN_STRUCTURE_RESOURCES[0], plan_sheet),
        (PriorityAreaResource, areas),
        (ObjectiveResource, objectives),
    ]:
        resource_class().import_data(dataset, dry_run=False, raise_errors=True)

    objective = Objective.objects.get(area__plan__code="2029-2032")
    assert objective.text == "Help MSMEs prepare for shocks."
    assert objective.area.name == "Resilience"


def test_plan_years_are_validated_on_import():
    plan_sheet = tablib.Dataset(headers=["code", "title", "start_year", "end_year"])
    plan_sheet.append(["2033-2030", "Backwards", 2033, 2030])
    result = PLAN_STRUCTURE_RESOURCES[0]().import_data(plan_sheet, dry_run=False)
    assert result.has_validation_errors()
    assert not StrategicPlan.objects.filter(code="2033-2030").exists()


def xlsx(headers: list[str], *rows: list) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_admin_import_previews_then_confirms(administrator):
    client = client_for(administrator)
    upload = SimpleUploadedFile(
        "objectives.xlsx",
        xlsx(["plan", "area", "row", "number", "text"], ["2025-2028", 4, 2, 5, "A new objective"]),
    )
    plan = StrategicPlan.objects.get(code="2025-2028")
    version = data_version(plan.pk)
    response = client.post("/admin/plans/objective/import/", {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "A new objective" in response.text  # the preview
    assert not Objective.objects.filter(text="A new objective").exists()
    assert data_version(plan.pk) == version  # the preview's transaction was rolled back

    confirm = {
        name: response.context["confirm_form"][name].value()
        for name in response.context["confirm_form"].fields
    }
    response = client.post("/admin/plans/objective/process_import/", confirm)
    assert response.status_code == 302
    assert Objective.objects.get(text="A new objective").area.number == 4
    # What the plan's documents show may have changed: its data version moved.
    assert data_version(plan.pk) > version


def test_admin_import_shows_row_errors_and_offers_no_confirm(administrator):
    client = client_for(administrator)
    upload = SimpleUploadedFile(
        "objectives.xlsx",
        xlsx(
            ["plan", "area", "row", "number", "text"],
            ["2025-2028", 4, 2, 5, "Fine"],
            ["2025-2028", 4, 2, 6, ""],
        ),
    )
    response = client.post("/admin/plans/objective/import/", {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert "Some rows failed to validate" in response.text
    assert "This field cannot be null." in response.text
    assert not Objective.objects.filter(text="Fine").exists()


@pytest.mark.parametrize("format_class", [CSV, XLSX])
def test_admin_exports_never_carry_a_formula(format_class):
    Forum.objects.create(acronym="EVIL", name='=HYPERLINK("http://x","y")')
    exported = format_class().export_data(
        ForumResource().export(Forum.objects.filter(acronym="EVIL"))
    )
    if format_class is XLSX:
        rows = list(load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True))
    else:
        rows = [line.split(",", 1) for line in exported.splitlines()]
    assert rows[1][0] == "EVIL"
    assert not str(rows[1][1]).lstrip('"').startswith("=")


def test_admin_import_of_a_wrong_sheet_shows_the_message_without_a_traceback(
    administrator, settings
):
    assert settings.DEBUG is False
    upload = SimpleUploadedFile("objectives.xlsx", xlsx(["nonsense"], ["x"]))
    response = client_for(administrator).post(
        "/admin/plans/objective/import/", {"import_file": upload, "format": "0"}
    )
    assert response.status_code == 200
    assert "are not present in the file headers: area, number" in response.text
    assert "Traceback" not in response.text
    assert "site-packages" not in response.text

"""Projects and meetings import from spreadsheets: preview first, every bad row reported with
its number and reason, nothing written if any row fails."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from plans.meetings.resources import MeetingBestPracticeResource, MeetingResource
from plans.models import ApecProject, Meeting, MeetingBestPractice
from plans.projects.resources import ApecProjectResource
from tests.conftest import client_for
from tests.plans.projects.factories import make_project

pytestmark = pytest.mark.django_db

HEADERS = [
    "code",
    "title",
    "plan",
    "proponent",
    "co_sponsors",
    "funding",
    "start_year",
    "end_year",
    "status",
    "kind",
    "areas",
    "objectives",
]


def row(code="SME 01 2025A", *, proponent="CHL", co="PE|MEX", start=2025, end=2026, areas="1|3"):
    return [
        code,
        f"Project {code}",
        "2025-2028",
        proponent,
        co,
        "apec",
        start,
        end,
        "in_implementation",
        "workshop",
        areas,
        "1.1",
    ]


def failures(result) -> dict[int, str]:
    """Row number -> every message of the row, joined."""
    found = {}
    for invalid in result.invalid_rows:
        found[invalid.number] = " ".join(
            message for messages in invalid.error_dict.values() for message in messages
        )
    for number, errors in result.row_errors():
        found[number] = " ".join(str(error.error) for error in errors)
    return found


def test_good_rows_import_with_their_tags():
    dataset = tablib.Dataset(row(), row("SME 02 2026S", areas="2"), headers=HEADERS)
    result = ApecProjectResource().import_data(dataset, dry_run=False)
    assert failures(result) == {}
    project = ApecProject.objects.get(code="SME 01 2025A")
    assert project.slug == "sme-01-2025a"
    assert sorted(project.co_sponsors.values_list("code", flat=True)) == ["MEX", "PE"]
    assert sorted(project.areas.values_list("number", flat=True)) == [1, 3]
    assert [str(o.number) for o in project.objectives.all()] == ["1"]
    assert ApecProject.objects.count() == 2


def test_bad_rows_are_each_reported_and_nothing_is_written():
    make_project("SME 09 2025A")
    before = list(ApecProject.objects.values_list("code", "title"))
    dataset = tablib.Dataset(
        row("SME 01 2025A"),  # 1: good
        row("SME 02 2025A", proponent="XYZ"),  # 2: unknown economy
        row("SME-3"),  # 3: bad code
        row("SME 04 2025A", start=2027, end=2025),  # 4: ends before it starts
        row("SME 01 2025A"),  # 5: the code of row 1 again
        row("SME 06 2025A", co="PE|ZZ"),  # 6: unknown co-sponsor
        row("SME 07 2025A", areas="1|9"),  # 7: the plan has no area 9
        row("SME 08 2025A"),  # 8: good
        headers=HEADERS,
    )
    result = ApecProjectResource().import_data(dataset, dry_run=False)

    errors = failures(result)
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert "No economy with the code “XYZ”." in errors[2]
    assert "Write an APEC project code such as “SME 01 2015A”." in errors[3]
    assert "The project cannot end before it starts." in errors[4]
    assert "The code SME 01 2025A is in row 1 of this sheet already." in errors[5]
    assert "No economy with the code “ZZ”." in errors[6]
    assert "No priority area “9” in the plan 2025-2028." in errors[7]
    assert list(ApecProject.objects.values_list("code", "title")) == before


def test_a_code_already_in_the_database_updates_that_project():
    make_project("SME 01 2025A", title="Old title")
    dataset = tablib.Dataset(row("SME 01 2025A"), headers=HEADERS)
    result = ApecProjectResource().import_data(dataset, dry_run=False)
    assert failures(result) == {}
    assert ApecProject.objects.get(code="SME 01 2025A").title == "Project SME 01 2025A"


def test_meetings_and_their_best_practices_import():
    meetings = tablib.Dataset(
        [58, "Pucallpa", "PE", "2024-09-11", "2024-09-12"],
        [59, "Hachioji City, Tokyo", "JPN", "2025-05-22", "2025-05-23"],
        headers=["number", "place", "economy", "start_date", "end_date"],
    )
    assert failures(MeetingResource().import_data(meetings, dry_run=False)) == {}
    practices = tablib.Dataset(
        [58, "CHL", "One-stop shop for start-ups", "2021-2024", 1],
        [58, "PE", "MSME digital census", "2021-2024", 3],
        headers=["meeting", "economy", "title", "plan", "area"],
    )
    assert failures(MeetingBestPracticeResource().import_data(practices, dry_run=False)) == {}
    assert Meeting.objects.get(number=58).best_practices.count() == 2
    assert MeetingBestPractice.objects.get(economy__code="PE").area.number == 3


def test_bad_meeting_rows_write_nothing():
    meetings = tablib.Dataset(
        [58, "Pucallpa", "PE", "2024-09-11", "2024-09-12"],
        [59, "Tokyo", "XX", "2025-05-22", "2025-05-23"],
        [60, "Lima", "PE", "2025-09-12", "2025-09-10"],
        headers=["number", "place", "economy", "start_date", "end_date"],
    )
    errors = failures(MeetingResource().import_data(meetings, dry_run=False))
    assert sorted(errors) == [2, 3]
    assert "No economy with the code “XX”." in errors[2]
    assert "The meeting cannot end before it starts." in errors[3]
    assert not Meeting.objects.exists()


def xlsx(headers: list[str], *rows: list) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_admin_import_previews_then_confirms(administrator):
    client = client_for(administrator)
    upload = SimpleUploadedFile("projects.xlsx", xlsx(HEADERS, row()))
    response = client.post(
        "/admin/plans/apecproject/import/", {"import_file": upload, "format": "0"}
    )
    assert response.status_code == 200
    assert "Project SME 01 2025A" in response.text  # the preview
    assert not ApecProject.objects.exists()

    confirm = {
        name: response.context["confirm_form"][name].value()
        for name in response.context["confirm_form"].fields
    }
    response = client.post("/admin/plans/apecproject/process_import/", confirm)
    assert response.status_code == 302
    assert ApecProject.objects.get().areas.count() == 2


def test_admin_import_shows_each_bad_row_and_offers_no_confirm(administrator):
    upload = SimpleUploadedFile(
        "projects.xlsx", xlsx(HEADERS, row(), row("SME 02 2025A", proponent="XYZ"))
    )
    response = client_for(administrator).post(
        "/admin/plans/apecproject/import/", {"import_file": upload, "format": "0"}
    )
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert "Some rows failed to validate" in response.text
    assert "No economy with the code “XYZ”." in response.text
    assert not ApecProject.objects.exists()

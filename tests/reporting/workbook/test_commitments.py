"""The Commitments sheet of the workbook: the economy's open commitments prefilled with last
year's word, changed in the file, shown in the preview and saved with the sections."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reporting.commitments.models import FollowUp
from tests.conftest import client_for
from tests.reporting.commitments.factories import (
    PROMISE,
    accept,
    accepted_with_commitment,
    delegate_of,
    follow_up,
)
from tests.reporting.factories import start_report
from tests.reporting.workbook.test_round_trip import (
    download,
    edited,
    hidden_inputs,
    problems,
    row_of,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    """Chile's commitment of 2025, due in 2028, said under way in 2026, and its 2027 draft."""
    _report, commitment = accepted_with_commitment("CHL", 2025, due_year=2028)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, commitment, "under_way")
    accept(report_2026)
    start_report(delegate_of("CHL"), "CHL", 2027)
    return commitment


URL = "/reports/2027/CHL/workbook/"
PREVIEW_2027 = f"{URL}preview/"


def test_the_sheet_is_prefilled_and_saving_it_marks_the_commitment_done(made):
    client = client_for(delegate_of("CHL"))
    content = download(client, URL)
    ws = load_workbook(BytesIO(content))["Commitments"]
    row = row_of(ws, f"follow_ups:{made.pk}")
    assert [ws.cell(row, column).value for column in range(2, 8)] == [
        PROMISE,
        2025,
        2028,
        "Under way",
        "Under way",
        None,
    ]
    assert ws.protection.sheet
    assert not ws.cell(row, 6).protection.locked

    def dropped_without_reason(workbook):
        workbook["Commitments"].cell(row, 6, "Dropped")

    response = upload(client, edited(content, dropped_without_reason), url=f"{URL}upload/")
    assert response.status_code == 302
    page = client.get(PREVIEW_2027).text
    assert problems(page) == [
        ("Commitments", str(row), "G (If dropped, why)", "Say why the commitment was dropped.")
    ]

    def done(workbook):
        workbook["Commitments"].cell(row, 6, "Done")

    upload(client, edited(content, done), url=f"{URL}upload/")
    page = client.get(PREVIEW_2027).text
    assert "The workbook changes 1 thing in the commitments." in page
    assert not FollowUp.objects.filter(report__cycle__year=2027).exists()
    response = client.post(PREVIEW_2027, hidden_inputs(page))
    assert response.status_code == 302
    assert FollowUp.objects.get(report__cycle__year=2027).status == "done"

"""Odd input a person (or a probe) may send: a clear message, never a server error, and nothing
written."""

import re

import pytest

from reporting.models import MeasureEntry, ReportSection
from reporting.reports import caps
from tests.conftest import client_for
from tests.reporting.factories import section_data, start_report
from tests.reporting.workbook.test_round_trip import (
    PREVIEW,
    download,
    edited,
    entry_row,
    problems,
    put,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db

SECTION = "/reports/2026/CHL/sections/1/"
NUMBER_MESSAGE = "Enter the value as a number, like 12.5 or 12,5 (no letters or %)."


def first_section(report) -> ReportSection:
    section = report.sections.select_related("area").get(position=1)
    section.report = report
    return section


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN", "-nan"])
def test_a_value_that_is_not_a_finite_number_is_refused_on_the_section_page(delegate_chl, value):
    report = start_report(delegate_chl)
    before = list(report.entries.values_list("value", flat=True))
    data = section_data(first_section(report), **{"entries-0-value": value})

    response = client_for(delegate_chl).post(SECTION, data)

    assert response.status_code == 200
    assert NUMBER_MESSAGE in response.content.decode()
    assert list(report.entries.values_list("value", flat=True)) == before
    assert first_section(report).version == 0


def test_a_workbook_cell_that_is_not_a_finite_number_is_listed_and_nothing_saved(delegate_chl):
    report = start_report(delegate_chl)
    entry = report.entries.filter(measure__area__number=1).order_by("measure__number").first()
    delegate = client_for(delegate_chl)

    def spoil(workbook):
        ws = workbook["Area 1"]
        put(ws, "entries", entry_row(ws, entry), value="NaN")

    before = snapshot(report)
    assert upload(delegate, edited(download(delegate), spoil)).status_code == 302
    response = delegate.get(PREVIEW)

    assert response.status_code == 200
    assert [problem[3] for problem in problems(response.text)] == [NUMBER_MESSAGE]
    assert snapshot(report) == before


def test_a_nul_character_in_the_dashboard_search_is_a_message_not_an_error(director):
    client = client_for(director)

    response = client.get("/dashboard/2025-2028/search/?q=rate%00")

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.text
    assert not re.search(r"<h2>\d+ results?</h2>", response.text)
    assert client.get("/dashboard/2025-2028/search/?q=rate").status_code == 200


def initiative_rows(count: int) -> dict:
    data = {f"initiatives-{index}-title": f"Initiative {index}" for index in range(count)}
    return {**data, "initiatives-TOTAL_FORMS": str(count)}


def test_a_section_holds_at_most_its_cap_of_initiatives(delegate_chl):
    report = start_report(delegate_chl)
    client = client_for(delegate_chl)
    cap = caps.MAX_ROWS["initiatives"]
    data = section_data(first_section(report))

    response = client.post(SECTION, {**data, **initiative_rows(cap + 1)})

    assert response.status_code == 200
    assert f"A section holds at most {cap} initiatives" in response.content.decode()
    assert not report.initiatives.exists()
    assert first_section(report).version == 0

    response = client.post(SECTION, {**data, **initiative_rows(cap)})
    assert response.status_code == 302
    assert report.initiatives.count() == cap


@pytest.mark.parametrize("prefix", ["best_practices", "dialogues", "apec_activities"])
def test_the_general_section_holds_at_most_its_cap_of_records(delegate_chl, prefix):
    report = start_report(delegate_chl)
    section = report.sections.get(area__isnull=True)
    section.report = report
    cap = caps.MAX_ROWS[prefix]
    rows = {f"{prefix}-{index}-title": f"Record {index}" for index in range(cap + 1)}
    data = {**section_data(section), **rows, f"{prefix}-TOTAL_FORMS": str(cap + 1)}

    response = client_for(delegate_chl).post("/reports/2026/CHL/sections/general/", data)

    assert response.status_code == 200
    assert f"A section holds at most {cap} " in response.content.decode()
    assert not getattr(report, prefix).exists()
    assert not MeasureEntry.objects.filter(report=report, value__isnull=False).exists()

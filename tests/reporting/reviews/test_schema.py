"""Typed measures: kind and unit apart, the unit printed once in each measure's row of the page,
the Word file, the PDF and the Excel file; snapshots frozen before (schema 1, the kind holding
the unit) read through the loader into the same shape."""

import io
import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from plans.models import MeasureOfProgress
from reporting.documents.formats import format_of
from reporting.documents.rendering import render_export
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.exports import export_review
from reporting.reviews.schema import SCHEMA_VERSION, measure_from, measures_of
from tests.conftest import client_for
from tests.reporting.reviews.test_exports import data, review  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

# The content of the demo's mid-term review as the code of schema 1 built it (its long lists cut
# short): what a review made final then holds.
OLD_SNAPSHOT = Path(__file__).parent / "fixtures" / "review_snapshot_schema1.json"


def measure_rows(texts: list[str]) -> dict[str, str]:
    """Each measure's row (“1.2 Rate of business start-up (Rate, %; answered by ...)”), by its
    number."""
    rows = {}
    for text in texts:
        found = re.match(r"(\d+\.\d+) .*answered by", text, re.DOTALL)
        if found:
            rows[found.group(1)] = text
    return rows


def units() -> dict[str, str]:
    return {
        f"{m.area.number}.{m.number}": m.unit
        for m in MeasureOfProgress.objects.filter(area__plan__code="2025-2028")
        .select_related("area")
        .exclude(unit="")
    }


def assert_unit_once(rows: dict[str, str], expected: dict[str, str]) -> None:
    assert set(expected) <= set(rows)
    for number, unit in expected.items():
        kind_and_unit = rows[number].split("(")[-1]
        assert kind_and_unit.count(unit) == 1, rows[number]


@pytest.mark.usefixtures("data")
def test_each_measures_unit_is_printed_once_in_its_row_of_the_word_file():
    document = docx.Document(io.BytesIO(export_review(review(), "docx").content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    rows = measure_rows(cells)
    assert rows["1.2"].endswith("(Rate, %; answered by 3 of 21)")
    assert_unit_once(rows, units())


@pytest.mark.usefixtures("data")
def test_each_measures_unit_is_printed_once_in_its_row_of_the_page(chair):
    page = client_for(chair).get("/reviews/2025-2028/midterm/").text
    heads = re.findall(r'<th scope="rowgroup"[^>]*>(.*?)</th>', page, re.DOTALL)
    texts = [re.sub(r"<[^>]+>", "", head) for head in heads]
    rows = measure_rows([" ".join(text.split()) for text in texts])
    assert_unit_once(rows, units())


@pytest.mark.usefixtures("data")
def test_the_excel_files_kind_and_unit_columns_hold_each_once():
    workbook = openpyxl.load_workbook(io.BytesIO(export_review(review(), "xlsx").content))
    sheet = workbook["Measures"]
    header = [cell.value for cell in sheet[1]]
    kind, unit = header.index("Kind"), header.index("Unit")
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[unit] is None or row[unit] not in row[kind]


@pytest.mark.usefixtures("data")
def test_a_content_built_now_has_the_schema_version():
    assert REVIEW_DOCUMENT.build(review())["schema_version"] == SCHEMA_VERSION == 3


def test_a_schema_1_snapshot_loads_into_the_typed_measures():
    old = json.loads(OLD_SNAPSHOT.read_text())
    assert "schema_version" not in old
    stored = old["areas"][0]["measures"][1]
    assert (stored["kind"], stored["unit"]) == ("Rate, %", "%")  # the kind held the unit
    measures = [measure for area in old["areas"] for measure in measures_of(old, area)]
    by_number = {measure.number: measure for measure in measures_of(old, old["areas"][0])}
    assert (by_number[2].kind, by_number[2].unit, by_number[2].kind_and_unit) == (
        "Rate",
        "%",
        "Rate, %",
    )
    assert {(m.kind, m.unit) for m in measures} >= {
        ("Index", "index"),
        ("Number", "count"),
        ("Qualitative", ""),
        ("Value", "USD million"),
    }
    assert all(m.kind_and_unit.count(m.unit) == 1 for m in measures if m.unit)
    assert by_number[2].years[0].year == 2025
    # A schema 2 measure is read as it is: no kind is cut.
    assert measure_from({**stored, "kind": "Rate, %"}, schema_version=2).kind == "Rate, %"


def test_a_schema_1_snapshot_renders_the_unit_once():
    old = json.loads(OLD_SNAPSHOT.read_text())
    word = format_of("review", "docx")
    assert word is not None
    export = render_export(REVIEW_DOCUMENT, old, word, stem="old")
    document = docx.Document(io.BytesIO(export.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    rows = measure_rows(cells)
    assert rows["1.2"].endswith("(Rate, %; answered by 16 of 21)")
    assert not any("%, %" in row for row in rows.values())

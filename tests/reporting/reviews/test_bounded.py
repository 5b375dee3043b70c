"""The Word file and the PDF hold at most text.ANNEX_BOUND records in an annex: a review beyond
the bound (the benchmark's generated data) gives each long annex's counts by year and says where
every record is; the Excel, CSV and JSON files still hold every one."""

import csv
import io
import subprocess

import docx
import openpyxl
import pytest

from plans.models import StrategicPlan
from reporting.benchmark import build_dataset
from reporting.reviews.exports import export_review
from reporting.reviews.exports.text import ANNEX_BOUND
from reporting.reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """The benchmark's data at its smallest size, built once for the module."""
    with django_db_blocker.unblock():
        build_dataset(scale=1)
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def review() -> Review:
    return Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "midterm")


def content() -> dict:
    from reporting.reviews.document import REVIEW_DOCUMENT

    return REVIEW_DOCUMENT.content(review())


@pytest.mark.usefixtures("generated")
def test_a_review_beyond_the_bound_gives_counts_in_word(tmp_path):
    found = content()
    initiatives, lessons = len(found["initiatives"]), len(found["lessons"])
    assert initiatives > ANNEX_BOUND
    assert lessons > ANNEX_BOUND
    document = docx.Document(io.BytesIO(export_review(review(), "docx").content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert (
        f"{initiatives:,} initiatives: more than this file lists in an annex (at most 500), so "
        "it gives their number by year. Every one of them is in the Excel file, sheet "
        "“Initiatives”. The CSV and JSON files hold every entry and initiative."
    ) in paragraphs
    assert any(text.startswith(f"{lessons:,} lessons learned: more than") for text in paragraphs)
    # No initiative's row: the annex's table is its counts by year.
    counts = [table for table in document.tables if table.rows[0].cells[0].text == "Year"]
    rows = {tuple(cell.text for cell in row.cells) for table in counts for row in table.rows}
    assert ("All years", f"{initiatives:,}") in rows
    assert ("Year", "Initiatives") in rows
    titles = {row["title"] for row in found["initiatives"]}
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert not titles & cells
    assert len(document.paragraphs) < 2 * ANNEX_BOUND


@pytest.mark.usefixtures("generated")
def test_a_review_beyond_the_bound_gives_counts_in_the_pdf(tmp_path):
    found = content()
    path = tmp_path / "review.pdf"
    path.write_bytes(export_review(review(), "pdf").content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    words = " ".join(text.split())
    assert (
        f"{len(found['initiatives']):,} initiatives: more than this file lists in an annex"
    ) in words
    assert "Every one of them is in the Excel file, sheet “Lessons learned”." in words
    # The chapters' highlights aside, no initiative is listed.
    shown = {row["title"] for area in found["areas"] for row in area["highlights"]}
    listed = [row for row in found["initiatives"] if row["title"] not in shown]
    assert len(listed) > ANNEX_BOUND
    assert not any(row["title"] in words for row in listed)


@pytest.mark.usefixtures("generated")
def test_the_excel_csv_and_json_files_hold_every_record():
    found = content()
    workbook = openpyxl.load_workbook(io.BytesIO(export_review(review(), "xlsx").content))
    assert workbook["Initiatives"].max_row == 1 + len(found["initiatives"])
    assert workbook["Lessons learned"].max_row == 1 + len(found["lessons"])
    rows = list(
        csv.DictReader(io.StringIO(export_review(review(), "csv").content.decode("utf-8-sig")))
    )
    assert len(rows) == len(found["raw"])
    initiative_rows = [row for row in rows if row["record"].startswith("Initiative: ")]
    assert len(initiative_rows) == len(found["initiatives"])

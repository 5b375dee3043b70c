"""The commitments' table in the review's and the annual report's files, as their readers open
them: python-docx and openpyxl, pdftotext, and LibreOffice printing the Word and Excel files.

By hand, accepted reports only: Chile commits in 2025 to area 1, due 2026, and its 2026 report
says it is done; Peru commits in 2025 to area 2, also due 2026, and never follows it up. As of 2026
(the mid-term review's last year, and the annual report's):
    area 1   made 1, done 1, none under way, dropped or overdue; 1 of 21 economies
    area 2   made 1, overdue 1; 1 of 21
    areas 3-5  nothing; 0 of 21
    all      made 2, done 1, overdue 1; 2 of 21
"""

import io
import re

import docx
import openpyxl
import pytest

from plans.models import StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.reviews.exports import export_review
from reporting.reviews.models import Review
from tests.reporting.annual.test_files import annual_file, pdf_text
from tests.reporting.commitments.factories import (
    accept,
    accepted_with_commitment,
    delegate_of,
    follow_up,
)
from tests.reporting.factories import start_report
from tests.reporting.reviews.test_office import _require_office, convert, layout_text

pytestmark = pytest.mark.django_db

HEADERS = ["Priority area", "Made", "Done", "Under way", "Dropped", "Overdue", "Economies"]
# Each row's counts and economies, as the page shows them.
ROWS = [
    ["1", "1", "0", "0", "0", "1 of 21"],
    ["1", "0", "0", "0", "1", "1 of 21"],
    *[["0", "0", "0", "0", "0", "0 of 21"]] * 3,
    ["2", "1", "0", "0", "1", "2 of 21"],
]


@pytest.fixture
def plan(director) -> StrategicPlan:
    _report, chile = accepted_with_commitment("CHL", 2025, due_year=2026, area=1)
    accepted_with_commitment("PE", 2025, due_year=2026, area=2)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, chile, "done")
    accept(report_2026)
    return StrategicPlan.objects.get(code="2025-2028")


def review_file(plan: StrategicPlan, fmt: str) -> bytes:
    return export_review(Review.objects.for_page(plan, "midterm"), fmt).content


def annual_report(plan: StrategicPlan) -> AnnualReport:
    return AnnualReport.objects.for_page(plan, 2026)


def word_table(content: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(content))
    [table] = [t for t in document.tables if [c.text for c in t.rows[0].cells] == HEADERS]
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def area_names(plan: StrategicPlan) -> list[str]:
    return [f"{a.number}. {a.name}" for a in plan.areas.order_by("number")]


@pytest.mark.parametrize("document", ["review", "annual"])
def test_the_word_files_carry_the_table_and_its_chapter(plan, document):
    content = (
        review_file(plan, "docx")
        if document == "review"
        else annual_file(annual_report(plan), "docx").content
    )
    rows = word_table(content)
    assert [row[0] for row in rows] == [*area_names(plan), "All priority areas"]
    assert [row[1:] for row in rows] == ROWS
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    # A chapter of its own, listed in the contents.
    assert paragraphs.count("Commitments followed up") == 2
    assert "Commitments per priority area, from accepted reports up to 2026" in paragraphs
    assert any(p.startswith("A commitment counts in each area") for p in paragraphs)


def test_the_excel_file_has_a_sheet_of_exact_numbers(plan):
    workbook = openpyxl.load_workbook(io.BytesIO(review_file(plan, "xlsx")))
    sheet = workbook["Commitments"]
    assert workbook.sheetnames.index("Commitments") == (
        workbook.sheetnames.index("General indicators") + 1
    )
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1, max_row=7)]
    assert rows[0] == [*HEADERS, "Of economies"]
    assert rows[1] == [area_names(plan)[0], 1, 1, 0, 0, 0, 1, 21]
    assert rows[2] == [area_names(plan)[1], 1, 0, 0, 0, 1, 1, 21]
    assert rows[6] == ["All priority areas", 2, 1, 0, 0, 1, 2, 21]
    assert sheet.cell(row=2, column=2).number_format == "0"
    assert sheet.cell(row=9, column=1).value.startswith("A commitment counts in each area")


@pytest.mark.parametrize("document", ["review", "annual"])
def test_the_pdfs_list_the_chapter_and_show_the_table(plan, document, tmp_path):
    content = (
        review_file(plan, "pdf")
        if document == "review"
        else annual_file(annual_report(plan), "pdf").content
    )
    text = pdf_text(content, tmp_path, "-layout")
    # In the contents, with its page, and as the chapter's heading.
    assert re.search(r"Commitments followed up \.+ \d+\n", text)
    assert re.search(r"\nCommitments followed up\n", text)
    assert re.search(r"All priority areas\s+2\s+1\s+0\s+0\s+1\s+2 of 21", text)


def printed_rows(text: str) -> list[list[str]]:
    """The table's rows as a printed page shows them: the counts and the economies after each
    area's or the total's label."""
    return [
        [*found.groups()[:5], f"{found.group(6)} of 21"]
        for found in re.finditer(
            r"(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) of 21", " ".join(text.split())
        )
    ]


@pytest.mark.parametrize("document", ["review", "annual"])
def test_libreoffice_prints_the_word_table_whole(plan, document, tmp_path):
    _require_office()
    content = (
        review_file(plan, "docx")
        if document == "review"
        else annual_file(annual_report(plan), "docx").content
    )
    path = tmp_path / "file.docx"
    path.write_bytes(content)
    text = layout_text(convert(path))
    assert "Commitments followed up" in text
    assert printed_rows(text[text.index("Commitments per priority area") :])[:6] == ROWS
    assert "All priority areas" in text


def test_libreoffice_prints_the_excel_sheet(plan, tmp_path):
    _require_office()
    path = tmp_path / "review.xlsx"
    path.write_bytes(review_file(plan, "xlsx"))
    text = layout_text(convert(path))
    start = text.index("Under way")
    found = [[*row[:5], row[5].replace(" of 21", "")] for row in ROWS]
    printed = re.findall(r"(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+21\b", text[start:])
    assert [list(row) for row in printed[:6]] == found
    assert "Commitments – page" in text

"""The files say what the pages say: beside each area's and objective's score, its 90 %
interval, "no clear change" where the change's interval includes zero, the balanced change with
its note, "n of 21", the reopened reports and the measures' statistics by reference year, in
the review's Word, PDF and Excel files and the annual report's Word and PDF files. The x.5 case
(62.5 %, a median of 40.125) reads half-up everywhere: "63 %", "40.13"; Excel keeps the exact
number under a format showing the page's precision."""

import copy
import io
import json
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from django.template.loader import render_to_string

from plans.models import StrategicPlan
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.annual.schema import load_annual
from reporting.documents import wording
from reporting.documents.charts import document_charts
from reporting.documents.formats import format_of
from reporting.documents.rendering import render_export
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.schema import load_review
from tests.conftest import client_for
from tests.reporting.annual.factories import build_year

FIXTURES = Path(__file__).parents[1]
REVIEW = FIXTURES / "reviews" / "fixtures" / "review_content_schema2.json"
ANNUAL = FIXTURES / "annual" / "fixtures" / "annual_snapshot_schema1.json"

# A score of 62.5 % (one achieved, three progressing), 12.5 points above 2025's 50 %, whose
# change's interval includes zero; the change over the economies reporting in both years differs.
SURE = {
    "score": 0.625,
    "score_n": 4,
    "score_economies": 3,
    "distribution": {"achieved": 1, "progressing": 3, "not_started": 0, "no_data": 2},
    "score_change": 12.5,
    "score_previous_year": 2025,
    "score_previous": 0.5,
    "score_no_reports_in": None,
    "score_interval": [0.375, 0.875],
    "change_interval": [-3.0, 20.0],
    "balanced_change": 6.3,
    "balanced_economies": 2,
}
SAID = [
    "63 % from 4 assessments of 3 of 21 economies",
    "90 % interval 38–88 %",
    "no clear change on 2025 (+12.5 points)",
    "balanced: +6.3 points over the 2 economies reporting in 2025 and 2026; the two differ",
    "includes 1 reopened report",
]


def sure(content: dict) -> dict:
    """The content as schema 3 keeps it, area 1 and its objectives scored as above."""
    content = copy.deepcopy(content)
    content["schema_version"] = 3
    for area in content["areas"][:1]:
        area.update(SURE)
        for objective in area.get("objectives", []):
            objective.update(SURE)
    content["participation"][-1]["reopened"] = 1
    return content


def review_content() -> dict:
    content = sure(json.loads(REVIEW.read_text()))
    years = content["areas"][0]["measures"][0]["years"]
    years[0].update(median=40.125, reference_year=2024, data_label="2024 data")
    years[1].update(reference_year=2025, data_label="2025 data")
    return content


def words(value: str) -> str:
    return " ".join(value.split())


def render(kind, content: dict, fmt: str) -> bytes:
    found = format_of(kind.key, fmt)
    assert found is not None
    return render_export(kind, content, found, stem="sure").content


def word_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return words(" ".join([p.text for p in document.paragraphs] + cells))


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "sure.pdf"
    path.write_bytes(data)
    found = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return words(found.stdout.decode())


def assert_said(text: str) -> None:
    for said in SAID:
        assert said in text, said


def test_the_reviews_page_says_it():
    """The review page's document, rendered from the same typed content as the files."""
    content = load_review(review_content())
    page = words(
        render_to_string(
            "reviews/review_document.html",
            {"content": content, "charts": document_charts(content)},
        )
    )
    assert_said(page)
    assert '2025 <span class="hint">(2024 data)</span>' in page
    assert ">40.13<" in page


def test_the_reviews_word_file_says_it():
    text = word_text(render(REVIEW_DOCUMENT, review_content(), "docx"))
    assert_said(text)
    assert "Progress score by objective 1.1: 63 % from 4 assessments of 3 of 21" in text
    assert "2025 (2024 data)" in text
    assert "2025 (2025 data)" in text
    assert "40.13" in text
    assert "40.12" not in text


def test_the_reviews_pdf_says_it(tmp_path):
    text = pdf_text(render(REVIEW_DOCUMENT, review_content(), "pdf"), tmp_path)
    assert_said(text)
    assert "(2024 data)" in text
    assert "40.13" in text


def test_the_reviews_excel_file_holds_the_numbers_with_their_formats():
    workbook = openpyxl.load_workbook(io.BytesIO(render(REVIEW_DOCUMENT, review_content(), "xlsx")))
    areas = workbook["Areas"]
    header = [cell.value for cell in areas[1]]
    row = dict(zip(header, areas[2], strict=True))
    # The exact number, shown whole by its format: 63 % in Excel, 62 % had it been rounded.
    assert row["Progress score"].value == 0.625
    assert row["Progress score"].number_format == "0%"
    assert (row["90 % interval, low"].value, row["90 % interval, high"].value) == (0.375, 0.875)
    assert row["90 % interval, low"].number_format == "0%"
    assert row["Change"].value == "no clear change on 2025 (+12.5 points)"
    assert row["Change (points)"].value == 12.5
    assert row["Balanced change (points)"].value == 6.3
    assert row["Balanced change (points)"].number_format == "+0.0;-0.0;0.0"
    assert row["Economies reporting in both years"].value == 2

    objectives = workbook["Objectives"]
    header = [cell.value for cell in objectives[1]]
    first = {name: cell.value for name, cell in zip(header, objectives[2], strict=True)}
    assert first["Progress score"] == 0.625
    assert first["Change"] == "no clear change on 2025 (+12.5 points)"

    measures = workbook["Measures"]
    header = [cell.value for cell in measures[1]]
    first = dict(zip(header, measures[2], strict=True))
    assert first["Data for (reference year)"].value == "2024 data"
    assert first["Median"].value == 40.125
    assert first["Median"].number_format == "#,##0.00"  # shows 40.13


def test_the_annual_reports_word_and_pdf_files_say_it(tmp_path):
    content = sure(json.loads(ANNUAL.read_text()))
    content["participation"][-1]["reopened"] = 1
    assert_said(word_text(render(ANNUAL_DOCUMENT, content, "docx")))
    assert_said(pdf_text(render(ANNUAL_DOCUMENT, content, "pdf"), tmp_path))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_older_content_keeps_its_wording(fmt, tmp_path):
    """A snapshot made before the interval was kept says what it said: no interval invented."""
    old = json.loads(REVIEW.read_text())
    data = render(REVIEW_DOCUMENT, old, fmt)
    text = word_text(data) if fmt == "docx" else pdf_text(data, tmp_path)
    assert "interval 3" not in text.replace("90 % interval from a bootstrap", "")
    assert "56 % from 67 assessments of 16 economies, -0.8 points on 2025" in text


@pytest.mark.django_db
def test_the_x5_score_of_live_data_reads_63_on_the_page_in_the_api_and_in_the_files(
    delegate_pe, tmp_path
):
    """The annual report's hand-built year: area 1 scores 62.5 % (the API's exact 0.625), "63 %"
    on the page and in the Word and PDF files, with its interval and change as on the page."""
    build_year()
    client = client_for(delegate_pe)
    area = client.get("/api/annual-reports/2025-2028/2026/").json()["areas"][0]
    assert (area["score"], area["score_change"]) == (0.625, 12.5)
    low, high = area["score_interval"]
    assert 0 <= low <= 0.625 <= high <= 1
    page = words(client.get("/reports/annual/2025-2028/2026/").text)
    assert "Progress score: 63 % from 4 assessments of 2 of 21 economies; 90 % interval" in page

    plan = StrategicPlan.objects.get(code="2025-2028")
    content = ANNUAL_DOCUMENT.content(AnnualReport.objects.for_page(plan, 2026))
    sentence = wording.score(load_annual(content).areas[0].progress, 21)
    assert sentence.startswith("63 % from 4 assessments of 2 of 21 economies; 90 % interval")
    assert sentence in word_text(render(ANNUAL_DOCUMENT, content, "docx"))
    assert sentence in pdf_text(render(ANNUAL_DOCUMENT, content, "pdf"), tmp_path)


def test_the_files_score_chart_says_it_as_the_dashboards_does():
    chart = document_charts(load_review(review_content()))["score"]
    assert "area 1: 63 % from 4 assessments of 3 of 21 economies, 90 % interval 38–88 %" in (
        chart.description
    )
    assert "no clear change on 2025 (+12.5 points)" in chart.description


def rows_content() -> dict:
    """Area 1's objectives as one row of the plan (four objectives, five measures), and two of
    area 2's on a row without a measure."""
    content = review_content()
    for objective in content["areas"][0]["objectives"]:
        objective.update(row=1, measures=5)
    for objective in content["areas"][1]["objectives"]:
        objective.update(row=objective["number"], measures=0 if objective["number"] > 3 else 2)
    return content


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_objectives_that_share_a_row_are_named_once_with_its_score(fmt, tmp_path):
    content = rows_content()
    data = render(REVIEW_DOCUMENT, content, fmt)
    text = word_text(data) if fmt == "docx" else pdf_text(data, tmp_path)
    numbers = [f"1.{o['number']}" for o in content["areas"][0]["objectives"]]
    together = f"{', '.join(numbers[:-1])} and {numbers[-1]}: 63 % from 4 assessments"
    assert text.count(together) == 1
    assert text.count("63 % from 4 assessments of 3 of 21 economies; 90 %") == 2  # area and row
    without = [f"2.{o['number']}" for o in content["areas"][1]["objectives"] if o["number"] > 3]
    if without:
        assert text.count("no measure of progress in the plan, so no score") == 1

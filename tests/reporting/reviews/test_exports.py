"""The review's exports, opened as their readers open them: Word with python-docx, Excel with
openpyxl, PDF with pdftotext, CSV and JSON with the standard library.

The data is the hand-computed dataset of test_rollups, plus Japan's accepted 2025 report, whose
narrative on measure 1.1 and lessons learned the Chair quotes. Accepted only, 2025-2026:
2025: Chile, Peru and Japan, 3 of 21 economies; 2026: Chile, 1 of 21.
"""

import csv
import io
import json
import re
import subprocess
import time
import zipfile

import docx
import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Economy, PriorityArea, StrategicPlan
from reporting.models import EconomyReport, MeasureEntry
from reporting.reports import services
from reporting.reviews import services as review_services
from reporting.reviews.exports import FORMATS, export_review
from reporting.reviews.models import QuoteSource, Review
from reporting.reviews.raw_rows import RAW_COLUMNS
from reporting.rollups.participation import participation
from reporting.rollups.window import Window
from tests.reporting.factories import finish_report, start_report
from tests.reporting.rollups.test_figures import answers, build_dataset

pytestmark = pytest.mark.django_db

PLAN = "2025-2028"
NARRATIVE = "Registration fees were abolished, and the index rose by a third."
LESSON = "Coaching after the training mattered more than the training itself."


def plan() -> StrategicPlan:
    return StrategicPlan.objects.get(code=PLAN)


def review() -> Review:
    return Review.objects.for_page(plan(), "midterm")


def accepted_report(code: str, year: int, director: User, **sections) -> EconomyReport:
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(delegate, code, year)
    finish_report(delegate, report, **sections)
    return services.report_accept(report_id=report.pk, user=director)


@pytest.fixture
def data(director) -> dict:
    build_dataset()
    japan = accepted_report(
        "JPN",
        2025,
        director,
        s1={**answers(m1="progressing"), "entries-0-narrative": NARRATIVE},
        general={"lessons_learned": LESSON},
    )
    return {"japan": japan}


@pytest.fixture
def quoted(data, chair) -> dict:
    """The Chair quotes Japan's narrative in area 1 and its lessons learned."""
    entry = MeasureEntry.objects.get(
        report=data["japan"], measure__area__number=1, measure__number=1
    )
    for source, source_id in (
        (QuoteSource.MEASURE, entry.pk),
        (QuoteSource.LESSON, data["japan"].pk),
    ):
        review_services.review_add_quote(
            plan=plan(), kind="midterm", user=chair, source=source, source_id=source_id
        )
    return data


def areas() -> list[PriorityArea]:
    return list(plan().areas.order_by("number"))


def counted() -> list[str]:
    """The participation figures the dashboard shows for the review's years."""
    window = Window(plan=plan(), start=2025, end=2026)
    return [
        f"{year.counted} of {year.economies}"
        for year in participation(window, list(Economy.objects.all()))
    ]


def words(value: str) -> str:
    return " ".join(value.split())


def docx_text(content: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, words(" ".join([p.text for p in document.paragraphs] + cells))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(content)
    found = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return words(found.stdout)


def pdf_info(content: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdfinfo", "-isodates", str(path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def test_word_document(quoted):
    assert counted() == ["3 of 21", "1 of 21"]
    export = export_review(review(), "docx")
    assert export.filename == "smewg-2025-2028-midterm-review.docx"
    assert export.content_type.endswith("wordprocessingml.document")
    document, text = docx_text(export.content)

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Executive summary", "Participation", "Progress score by priority area"]
    for area in areas():
        assert f"Priority area {area.number}: {words(area.name)}" in headings
    assert headings[-10:] == [
        "General indicators",
        "Commitments followed up",
        "APEC projects",
        "Lessons learned",
        "Annex A: The economies’ reports",
        "Annex B: Initiatives",
        "Annex C: Lessons learned",
        "Annex D: Best practices and dialogues",
        "Annex E: APEC activities",
        "Annex F: Questions between economies",
    ]
    assert "Draft – figures follow the live data" in text
    # The participation table: year, reports counted ...
    participation = document.tables[1]
    assert [row.cells[1].text for row in participation.rows] == ["Reports counted", *counted()]
    # Area 1's figures: Chile, Peru and Japan report; 4 initiatives; o4 is the gap.
    assert "Economies reporting 3 of 21" in text
    assert "Objectives with no initiative (gaps) 1.4" in text
    # (2 + 2 x 0.5) / 5, with its interval as on the dashboard
    assert "Progress score 60 % from 5 assessments of 3 of 21 economies; 90 % interval" in text
    assert "Economies taking part in APEC activities" in text  # the plan's general indicator
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes == [NARRATIVE, "— Japan, 2025", LESSON, "— Japan, 2025"]
    # The contents: the chapters written out (no field to update), each linking to its heading.
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Contents") + 1
    assert paragraphs[start : start + len(headings)] == headings
    xml = document.element.xml
    assert "Update Field" not in xml
    assert "TOC \\o" not in xml
    anchors = re.findall(r'w:anchor="([^"]+)"', xml)
    bookmarks = set(re.findall(r'w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    assert len(anchors) == len(headings)
    assert set(anchors) <= bookmarks
    # A4 with the PDF's margins; the title in the header, "Page N of M" in the footer.
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 18
    assert section.header.paragraphs[0].text.startswith("Mid-term review of the APEC SMEWG")
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert "NUMPAGES" in footer
    # The PDF's three charts, as images with alternative text.
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', xml)
    assert len(document.inline_shapes) == 3
    assert [d.split(".")[0] for d in described] == [
        "Reports by year and status",
        "Progress score by priority area",
        "Latest assessments by priority area (share of n)",
    ]
    # Every table spans the text width, in fixed columns.
    for table in document.tables:
        assert 'w:type="fixed"' in table._tbl.tblPr.xml


def test_excel_workbook(quoted):
    export = export_review(review(), "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == [
        "Summary",
        "Participation",
        "Areas",
        "Chair's text",
        "Objectives",
        "Measures",
        "Initiatives",
        "Quotes",
        "General indicators",
        "Commitments",
        "APEC projects",
        "Lessons learned",
        "Annex",
        "Best practices",
        "Dialogues",
        "APEC activities",
        "Questions",
    ]
    # Every sheet prints: A4 landscape, one page wide, header row repeated, a print area.
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_area
        if sheet.title != "Summary":
            assert sheet.print_title_rows == "$1:$1"
    participation = workbook["Participation"]
    assert participation.freeze_panes == "A2"
    assert participation["A1"].font.bold
    rows = list(participation.iter_rows(min_row=2, max_col=3, values_only=True))
    assert [f"{counted} of {economies}" for _year, counted, economies in rows] == counted()
    assert participation["K2"].number_format == "0%"
    # 2025: Chile on time; Peru late; Japan submitted today, after the due date: the exact third,
    # which the cell's format shows as the page does, 33 %.
    assert participation["K2"].value == pytest.approx(1 / 3, abs=1e-12)
    assert len(participation._charts) == 1

    area_sheet = workbook["Areas"]
    assert [
        row[0] for row in area_sheet.iter_rows(min_row=2, max_row=6, min_col=2, values_only=True)
    ] == [area.name for area in areas()]
    # Area 1's progress score over the latest assessments: Chile m1 and m2 achieved, Peru m2
    # not started and m3 progressing, and Japan's m1 progressing: (2 x 1 + 2 x 0.5) / 5.
    assert area_sheet["F2"].value == pytest.approx(0.6)
    assert area_sheet["G2"].value == 5  # n
    assert area_sheet["F2"].number_format == "0%"
    assert len(area_sheet._charts) == 1
    assert list(workbook["Quotes"].iter_rows(min_row=2, values_only=True)) == [
        (1, NARRATIVE, "Japan", 2025, "Measure narrative"),
        ("Lessons learned", LESSON, "Japan", 2025, "Lessons learned"),
    ]
    assert workbook["Summary"]["B6"].value == "Draft – figures follow the live data"


def test_pdf(quoted, tmp_path):
    export = export_review(review(), "pdf")
    assert export.content.startswith(b"%PDF-")
    text = pdf_text(export.content, tmp_path)
    assert "Mid-term review of the APEC SMEWG Strategic Plan 2025-2028" in text
    assert "Draft – figures follow the live data" in text
    for area in areas():
        assert f"Priority area {area.number} {words(area.name)}" in text
    # The participation table's rows, then the page numbers and the running header.
    assert "2025 3 of 21" in text
    assert "2026 1 of 21" in text
    assert f"{NARRATIVE} — Japan, 2025" in text
    assert "Page 3 of" in text
    assert "Reports by year and status" in text  # the chart's caption and the table's


def test_csv_and_json_of_the_raw_entries(quoted):
    rows = list(
        csv.DictReader(io.StringIO(export_review(review(), "csv").content.decode("utf-8-sig")))
    )
    entries = json.loads(export_review(review(), "json").content)
    assert list(rows[0]) == list(RAW_COLUMNS)
    assert list(entries[0]) == list(RAW_COLUMNS)
    assert len(rows) == len(entries)
    japan = [row for row in entries if row["economy"] == "Japan" and row["narrative"] == NARRATIVE]
    assert japan == [
        {
            "economy": "Japan",
            "year": 2025,
            "area": 1,
            "record": "Measure",
            "objective": "",
            "measure": japan[0]["measure"],
            "value": None,
            "unit": japan[0]["unit"],
            "assessment": "Progressing",
            "narrative": NARRATIVE,
        }
    ]
    assert japan[0]["measure"].startswith("1.1 ")
    chile = [row for row in entries if row["economy"] == "Chile" and row["value"] is not None]
    assert sorted(row["value"] for row in chile) == [10.0, 14.0]
    assert {row["economy"] for row in rows} == {"Chile", "Peru", "Japan"}


def test_a_formula_in_a_narrative_stays_text(data, director, tmp_path):
    """A delegate's text that starts like a formula is not run by the Chair's spreadsheet."""
    accepted_report(
        "ROK",
        2025,
        director,
        s1={**answers(m1="progressing"), "entries-0-narrative": "=1+HYPERLINK(1)"},
        general={"lessons_learned": "=1+HYPERLINK(1)"},
    )
    rows = list(
        csv.DictReader(io.StringIO(export_review(review(), "csv").content.decode("utf-8-sig")))
    )
    korea = [row["narrative"] for row in rows if row["economy"] == "Korea" and row["narrative"]]
    assert korea == ["'=1+HYPERLINK(1)"] * 2  # the measure's narrative and the report's lesson
    workbook = openpyxl.load_workbook(io.BytesIO(export_review(review(), "xlsx").content))
    cells = [
        c
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value == "=1+HYPERLINK(1)"
    ]
    # The report's lesson: in the lessons learned sheet and the annex, text both times.
    assert [cell.data_type for cell in cells] == ["s", "s"]


def test_a_final_review_says_as_of_when_and_never_changes(quoted, chair, director, tmp_path):
    draft = {fmt: export_review(review(), fmt).content for fmt in FORMATS}
    final = review_services.review_finalize(plan=plan(), kind="midterm", user=chair)
    as_of = f"Data as of {final.frozen_at.day} {final.frozen_at:%B %Y}"
    frozen = {fmt: export_review(review(), fmt).content for fmt in FORMATS}
    assert all(frozen[fmt] != draft[fmt] for fmt in ("docx", "pdf", "xlsx"))

    document, text = docx_text(frozen["docx"])
    assert as_of in text
    assert document.core_properties.created == final.frozen_at
    assert as_of in pdf_text(frozen["pdf"], tmp_path)
    info = pdf_info(frozen["pdf"], tmp_path)
    assert re.search(rf"CreationDate:\s+{final.frozen_at:%Y-%m-%dT%H:%M:%S}Z", info), info
    workbook = openpyxl.load_workbook(io.BytesIO(frozen["xlsx"]))
    assert workbook["Summary"]["B6"].value == as_of
    with zipfile.ZipFile(io.BytesIO(frozen["xlsx"])) as archive:
        # Zip dates count seconds in twos.
        second = final.frozen_at.second - final.frozen_at.second % 2
        assert {entry.date_time for entry in archive.infolist()} == {
            final.frozen_at.replace(second=second).timetuple()[:6]
        }

    # Australia's submitted 2025 report is accepted: 4 economies now count in 2025.
    australia = EconomyReport.objects.get(economy__code="AUS", cycle__year=2025)
    services.report_accept(report_id=australia.pk, user=director)
    assert counted() == ["4 of 21", "1 of 21"]
    assert {fmt: export_review(review(), fmt).content for fmt in FORMATS} == frozen


def test_a_draft_follows_the_live_data(quoted, director, tmp_path):
    before = export_review(review(), "docx").content
    assert "2025 3 of 21" in docx_text(before)[1]
    australia = EconomyReport.objects.get(economy__code="AUS", cycle__year=2025)
    services.report_accept(report_id=australia.pk, user=director)
    after = export_review(review(), "docx").content
    assert "2025 4 of 21" in docx_text(after)[1]
    assert "2025 4 of 21" in pdf_text(export_review(review(), "pdf").content, tmp_path)
    rows = json.loads(export_review(review(), "json").content)
    assert "Australia" in {row["economy"] for row in rows}


def test_the_same_review_gives_the_same_bytes_later(quoted, chair):
    """Zip entries have a two-second resolution, PDF dates one second: wait past both."""
    review_services.review_finalize(plan=plan(), kind="midterm", user=chair)
    first = {fmt: export_review(review(), fmt).content for fmt in ("docx", "xlsx", "pdf")}
    time.sleep(2.1)
    assert {fmt: export_review(review(), fmt).content for fmt in first} == first
    # A draft too (its files carry a fixed date).
    final = review()
    review_services.review_reopen(review_id=final.pk, user=chair, reason="One more quote.")
    draft = export_review(review(), "xlsx").content
    time.sleep(2.1)
    assert export_review(review(), "xlsx").content == draft


def test_the_command_writes_the_download(quoted, tmp_path):
    for fmt in FORMATS:
        output = tmp_path / f"review.{fmt}"
        call_command(
            "export_review",
            "--plan", PLAN, "--kind", "midterm", "--format", fmt, "--output", str(output),
            stdout=io.StringIO(),
        )  # fmt: skip
        assert output.read_bytes() == export_review(review(), fmt).content


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--plan", "2099-2102", "--kind", "midterm", "--format", "pdf"], "No plan “2099-2102”"),
        (["--plan", PLAN, "--kind", "annual", "--format", "pdf"], "Unknown review kind “annual”"),
        (["--plan", PLAN, "--kind", "final", "--format", "odt"], "Unknown format “odt”"),
    ],
)
def test_the_command_says_what_is_wrong(arguments, message, tmp_path):
    output = tmp_path / "review"
    with pytest.raises(CommandError, match=message):
        call_command("export_review", *arguments, "--output", str(output))
    assert not output.exists()


def queries(fmt: str) -> int:
    current = review()
    with CaptureQueriesContext(connection) as captured:
        export_review(current, fmt)
    return len(captured)


# A draft's export builds its content from the live data. The body: the number of economies and
# the first page of them (2), the review's area texts and quotes (2), the chapters' highlights
# (initiatives and their objectives: 2), the area roll-ups from the summaries (areas, the
# window's summary rows, objectives, target groups, measures: 5), the measures' stored
# statistics (1), participation (by status and on time, a row per year: 1), the general
# indicators' summary rows (1), the body's lessons learned (reports, APEC activities,
# initiatives: 3) and the APEC project portfolio (3): 20. The annexes: the answers, the
# initiatives and their objectives (3), every lesson learned (3), best practices, dialogues and
# APEC activities (3), every economy, the annex's reports and their evidence files (3): 12.
# The commitments' figures and annex F's questions with their answers: 4. Whatever the format.
DRAFT_QUERIES = 36


def test_fixed_number_of_queries_whatever_the_data(quoted, director, chair):
    assert {fmt: queries(fmt) for fmt in FORMATS} == dict.fromkeys(FORMATS, DRAFT_QUERIES)
    for code in ("ROK", "MEX", "NZ"):
        for year in (2025, 2026):
            accepted_report(
                code,
                year,
                director,
                s1={**answers(m1="achieved"), "entries-0-narrative": f"{code} {year}"},
                general={"lessons_learned": f"{code} learned in {year}."},
            )
    assert counted() == ["6 of 21", "4 of 21"]
    assert {fmt: queries(fmt) for fmt in FORMATS} == dict.fromkeys(FORMATS, DRAFT_QUERIES)
    # A final review reads its snapshot, already in the review's row.
    review_services.review_finalize(plan=plan(), kind="midterm", user=chair)
    assert {fmt: queries(fmt) for fmt in FORMATS} == dict.fromkeys(FORMATS, 0)


def test_the_project_portfolio_is_in_every_format(director, tmp_path):
    """Two projects of 2025 (area 1 in both, area 2 in one): area 1 is 2 of 2 (100 %), area 2
    1 of 2 (50 %), in the mid-term window 2025-2026."""
    from tests.plans.projects.factories import make_project

    make_project("SME 01 2025A", areas=(1, 2), years=(2025, 2026))
    make_project("SME 02 2025S", proponent="PE", funding="self", years=(2025, 2025))
    review = Review.objects.for_page(plan(), "midterm")
    document, text = docx_text(export_review(review, "docx").content)
    assert "2 APEC projects of the plan under way or done in 2025–2026" in text
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert any(row[1:] == ["2 of 2", "100 %"] for row in cells)
    assert any(row[1:] == ["1 of 2", "50 %"] for row in cells)
    workbook = openpyxl.load_workbook(io.BytesIO(export_review(review, "xlsx").content))
    assert [c.value for c in workbook["APEC projects"][3]][1:] == [1, 2, 0.5]
    pdf = pdf_text(export_review(review, "pdf").content, tmp_path)
    assert "APEC projects addressing each priority area" in pdf


def test_a_final_reviews_files_are_made_once_and_served_from_storage(
    quoted, chair, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from reporting.documents.stored import content_key, digest_of, kept_name
    from reporting.reviews.document import REVIEW_DOCUMENT
    from tests.conftest import client_for

    with django_capture_on_commit_callbacks(execute=True):
        final = review_services.review_finalize(plan=plan(), kind="midterm", user=chair)
    digest = digest_of(content_key(REVIEW_DOCUMENT, final)[0])
    root = REVIEW_DOCUMENT.root(final)
    names = {fmt: kept_name(root, digest, fmt, final=True) for fmt in FORMATS}
    assert all(default_storage.exists(name) for name in names.values())
    for fmt in FORMATS:
        with default_storage.open(names[fmt], "rb") as stored:
            assert stored.read() == export_review(review(), fmt).content
    # Served from storage: what is stored is what the download gives, made by no one again.
    with default_storage.open(names["csv"], "wb") as stored:
        stored.write(b"stored")
    client = client_for(chair)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/reviews/2025-2028/midterm/download/csv/")
    assert response.content == b"stored"
    # Session, user, roles and the review with its plan (4), and the download's rate limit (1:
    # its count). The digest is the snapshot's, read with the review.
    assert len(captured) == 5
    # Reopened, the review is a draft of another content: its own files.
    review_services.review_reopen(review_id=final.pk, user=chair, reason="Late report")
    draft = client.get("/reviews/2025-2028/midterm/download/csv/").content
    assert draft != b"stored"
    assert draft == export_review(review(), "csv").content


def test_a_drafts_file_is_made_again_only_when_its_content_changes(quoted, chair, director):
    from django.core.files.storage import default_storage

    from reporting.documents.formats import format_of
    from reporting.documents.stored import content_key, digest_of, kept_name, make_files
    from reporting.reviews.document import REVIEW_DOCUMENT
    from tests.conftest import client_for

    def download() -> bytes:
        response = client_for(chair).get("/reviews/2025-2028/midterm/download/pdf/")
        assert response.status_code == 200  # the tests' queue makes the file at once
        return response.content

    first = download()
    digest = digest_of(content_key(REVIEW_DOCUMENT, review())[0])
    name = kept_name(REVIEW_DOCUMENT.root(review()), digest, "pdf", final=False)
    assert default_storage.exists(name)
    with default_storage.open(name, "wb") as stored:
        stored.write(b"kept")
    assert download() == b"kept"  # unchanged data: the kept file
    # Asked of the worker again, the unchanged content's file is not made anew.
    make_files(REVIEW_DOCUMENT, review(), [format_of("review", "pdf")])
    assert download() == b"kept"
    accepted_report("MEX", 2025, director, s1=answers(m1="achieved"))
    changed = download()
    assert changed.startswith(b"%PDF-")
    assert changed != first

"""The annual report's Word and PDF files, opened as their readers open them (python-docx,
pdftotext, pdfinfo), and kept byte for byte once the report is final."""

import io
import subprocess
from pathlib import Path

import docx
import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Meeting, StrategicPlan
from reporting.annual import services as annual_services
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.documents.formats import format_of, formats_of
from reporting.documents.rendering import Export
from reporting.documents.stored import content_digest, digest_of, kept_name, make_files, stored_file
from tests.conftest import client_for
from tests.reporting.annual.factories import URL, build_year
from tests.reporting.reviews.test_office import _require_office, convert, info, layout_text
from tests.reporting.reviews.test_writing import accepted_report

pytestmark = pytest.mark.django_db

FORMATS = [fmt.key for fmt in formats_of("annual")]


def report_root(found: AnnualReport) -> str:
    return ANNUAL_DOCUMENT.root(found)


def annual_file(found: AnnualReport, fmt: str) -> Export:
    """The report's file, as the task worker makes and keeps it."""
    kind = format_of("annual", fmt)
    assert kind is not None
    make_files(ANNUAL_DOCUMENT, found, [kind])
    export = stored_file(ANNUAL_DOCUMENT, found, content_digest(ANNUAL_DOCUMENT, found), kind)
    assert export is not None
    return export


def report() -> AnnualReport:
    return AnnualReport.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), 2026)


@pytest.fixture
def written(director) -> AnnualReport:
    build_year()
    plan = StrategicPlan.objects.get(code="2025-2028")
    areas = {area.number: area.pk for area in plan.areas.all()}
    return annual_services.annual_report_save(
        plan=plan,
        year=2026,
        user=director,
        expected_version=0,
        introduction="A year of steady work.\n\nTwo new projects started.",
        comments={areas[1]: "Start-ups moved ahead."},
    )


def pdf_text(content: bytes, folder: Path, *args: str) -> str:
    path = folder / "file.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_word_document(written):
    document = docx.Document(io.BytesIO(annual_file(report(), "docx").content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title = "Program director's report 2026 on the APEC SMEWG Strategic Plan 2025-2028"
    assert section.header.paragraphs[0].text == title
    assert "Page" in section.footer.paragraphs[0].text
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [
        "Introduction",
        "Commitments followed up",  # none made: the table says so in zeros, as the page
        "APEC projects in 2026",
        "Progress by priority area, 2025–2026",
        "The economies’ annual reports for 2026",
        "General indicators, 2026",
        "SMEWG meetings in 2026",
    ]
    texts = [text for _style, text in paragraphs]
    assert "A year of steady work." in texts
    assert "Start-ups moved ahead." in texts
    (area1,) = [text for text in texts if text.startswith("Progress score: 63 %")]
    assert area1.startswith("Progress score: 63 % from 4 assessments of 2 of 21 economies; 90 %")
    assert "+12.5 points" in area1
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "67 % (2 of 3 projects)" in cells
    assert "SME 02 2026A" in cells
    assert "50 % (1 of 2)" in cells
    assert "Presented at" in cells
    assert "Not presented yet" in cells
    # The charts, as images with their alternative text.
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(described) == 2
    assert all(described)


def test_pdf(written, tmp_path):
    export = annual_file(report(), "pdf")
    assert export.content.startswith(b"%PDF-")
    assert export.filename == "smewg-2025-2028-director-report-2026.pdf"
    text = pdf_text(export.content, tmp_path)
    assert "Program director's report 2026 on the APEC SMEWG Strategic Plan 2025-2028" in text
    assert "Draft – figures follow the live data" in text
    assert "67 % (2 of 3 projects)" in text
    assert "Start-ups moved ahead." in text
    assert "Page 3 of" in text
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "file.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_freezing_keeps_both_files_byte_for_byte(
    written, director, delegate_pe, django_capture_on_commit_callbacks
):
    draft = {fmt: annual_file(report(), fmt).content for fmt in FORMATS}
    with django_capture_on_commit_callbacks(execute=True):
        final = annual_services.annual_report_freeze(
            plan=written.plan,
            year=2026,
            user=director,
            meeting=Meeting.objects.get(number=60),
        )
    # Made at freezing and kept, under the hash of the snapshot.
    digest = digest_of(final.frozen_content)
    names = {fmt: kept_name(report_root(final), digest, fmt, final=True) for fmt in FORMATS}
    assert all(default_storage.exists(name) for name in names.values())
    client = client_for(delegate_pe)
    frozen = {fmt: client.get(f"{URL}download/{fmt}/").content for fmt in FORMATS}
    for fmt in FORMATS:
        with default_storage.open(names[fmt], "rb") as stored:
            assert stored.read() == frozen[fmt]
        assert frozen[fmt] != draft[fmt]  # dated, and naming the meeting
    # The data changes after the freeze: the files do not.
    accepted_report(delegate_pe, director, "PE", 2026)
    assert {fmt: client.get(f"{URL}download/{fmt}/").content for fmt in FORMATS} == frozen
    # Served from storage: the download reads the row and the file, builds nothing.
    with CaptureQueriesContext(connection) as captured:
        client.get(f"{URL}download/pdf/")
    assert not any("rollupcount" in query["sql"] for query in captured.captured_queries)
    # Reopened, the report follows the live data again: other files.
    annual_services.annual_report_reopen(report_id=final.pk, user=director, reason="Late")
    assert client.get(f"{URL}download/docx/").content != frozen["docx"]


def test_the_same_draft_gives_the_same_bytes_later(written):
    first = {fmt: annual_file(report(), fmt).content for fmt in FORMATS}
    drafts = f"{report_root(report())}/draft"
    for name in default_storage.listdir(drafts)[1]:
        default_storage.delete(f"{drafts}/{name}")
    assert {fmt: annual_file(report(), fmt).content for fmt in FORMATS} == first


def test_only_the_current_draft_file_of_each_format_is_kept(written, director, delegate_pe):
    annual_file(report(), "pdf")
    drafts = f"{report_root(report())}/draft"
    [before] = default_storage.listdir(drafts)[1]
    accepted_report(delegate_pe, director, "PE", 2026)  # the draft's content changes
    annual_file(report(), "pdf")
    [after] = default_storage.listdir(drafts)[1]
    assert after != before


def test_word_as_libreoffice_prints_it(written, tmp_path):
    """A reader's program: LibreOffice prints the Word file on A4, with the cover, the
    contents, the headings and the charts, in about as many pages as the PDF export."""
    _require_office()
    path = tmp_path / "annual.docx"
    path.write_bytes(annual_file(report(), "docx").content)
    printed = convert(path)
    found = info(printed)
    assert "(A4)" in found["Page size"]
    pdf = tmp_path / "annual.pdf"
    pdf.write_bytes(annual_file(report(), "pdf").content)
    assert abs(int(found["Pages"]) - int(info(pdf)["Pages"])) <= 2
    text = layout_text(printed)
    for heading in ("Contents", "APEC projects in 2026", "SMEWG meetings in 2026"):
        assert heading in text
    assert "Page 2 of" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(printed)], capture_output=True, check=True, text=True
    ).stdout
    assert len(images.splitlines()) - 2 >= 2  # the two charts

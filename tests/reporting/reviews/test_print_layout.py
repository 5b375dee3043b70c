"""The review's Word and Excel files print what the pages show: the Word charts carry the whole
area names, "n = 67" and the shares on the bars, as the page's charts do; the footer's page
number sits at the right margin; East Asian text is set in a CJK font; every Excel chart lies
inside its sheet's print area, and every sheet prints one page wide."""

import io

import docx
import openpyxl
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Twips
from openpyxl.utils.cell import range_boundaries
from PIL import ImageDraw

from reporting.documents import images, typefaces
from reporting.documents.charts import document_charts
from reporting.documents.docx import TEXT_WIDTH
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.exports import export_review
from reporting.reviews.schema import load_review
from tests.reporting.reviews.test_exports import data, review  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_every_excel_chart_lies_inside_its_sheets_print_area(data):  # noqa: F811
    workbook = openpyxl.load_workbook(io.BytesIO(export_review(review(), "xlsx").content))
    charts = 0
    for sheet in workbook.worksheets:
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        printed = sheet.print_area.split("!")[-1].replace("$", "")  # "'Areas'!$A$1:$R$30"
        first_column, first_row, last_column, last_row = range_boundaries(printed)
        for chart in sheet._charts:
            charts += 1
            # Markers count from 0; a two-cell anchor names the cells the chart covers.
            start, end = chart.anchor._from, chart.anchor.to
            assert end is not None, sheet.title
            assert first_column <= start.col + 1 <= end.col + 1 <= last_column, sheet.title
            assert first_row <= start.row + 1 <= end.row + 1 <= last_row, sheet.title
    assert charts == 2  # participation, and the score by area


def test_the_word_footer_puts_the_page_number_at_the_right_margin(data):  # noqa: F811
    document = docx.Document(io.BytesIO(export_review(review(), "docx").content))
    footer = document.sections[0].footer.paragraphs[0]
    assert "\t" in footer.text
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert text_width == pytest.approx(TEXT_WIDTH, abs=Twips(3))  # Word counts in twips
    (stop,) = footer.paragraph_format.tab_stops
    assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT
    assert stop.position == pytest.approx(text_width, abs=Twips(3))
    # No stop of the Footer style comes first (the template's centre stop at 3.25").
    assert list(document.styles["Footer"].paragraph_format.tab_stops) == []


def test_the_word_styles_name_a_cjk_font_for_east_asian_text(data):  # noqa: F811
    document = docx.Document(io.BytesIO(export_review(review(), "docx").content))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Arial"
    assert fonts.get(qn("w:eastAsia")) == typefaces.WORD_EAST_ASIAN == "Noto Sans CJK SC"


def test_the_word_charts_carry_whole_names_n_and_shares(data, monkeypatch):  # noqa: F811
    """What the chart images are drawn with: every text written on them."""
    written: list[str] = []
    draw_text = ImageDraw.ImageDraw.text

    def text(self, xy, value, *args, **kwargs):
        written.append(value)
        return draw_text(self, xy, value, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    content = load_review(REVIEW_DOCUMENT.content(review()))
    drawn = document_charts(content)  # the charts of the page and the PDF
    for chart in drawn.values():
        images.chart_png(chart)
    assessment = drawn["assessment"]
    shares: list[str] = []
    for row in assessment.rows:
        # The whole name, on the lines the page's chart wraps it to, never cut with "…".
        assert " ".join(line for _dy, line in row.lines) == row.label
        assert all(line in written for _dy, line in row.lines)
        assert row.note.startswith("n = ")
        assert row.note in written
        shares += [s.inside for s in row.segments if s.inside and s.width >= 40]
    assert shares  # the page's chart prints some: so must the image
    assert all(share in written for share in shares)
    assert not any("…" in value for value in written)

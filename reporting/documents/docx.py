"""The documents as Word files (python-docx), for the Chair and the director to send as is or go
on editing: A4 with the PDF's margins, a cover, the title in the header and "Page N of M" in
the footer, the PDF's headings (Word's own Heading 1 and 2 styles) and contents, tables at the
full text width, the PDF's charts as images with alternative text. The building blocks of the
review's and the annual report's Word files, one builder and one set of styles for both.

The contents are written out, each line a link to its chapter, rather than a TOC field: a field
shows "Update Field" until the reader updates it, and LibreOffice never does on opening."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from reporting.commitments import figures as commitment_figures
from reporting.documents import images, typefaces, wording
from reporting.documents.content import CommitmentRow, Commitments, DocumentContent
from reporting.documents.zips import with_fixed_dates

# The PDF's page (static/css/review_print.css): A4, margins 20 mm top, 18 mm elsewhere.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN = Mm(20), Mm(18)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TWIPS_PER_EMU = 1 / 635
FONT = "Arial"
TABLE_FONT = Pt(8)
CELL_MARGIN = 60  # twips, about 1 mm each side: room for the figures' headers

# The ids of the default template's styles we use, by name: python-docx would look each name up
# by scanning every style, for every paragraph.
STYLE_IDS = {
    "Title": "Title",
    "Subtitle": "Subtitle",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Quote": "Quote",
    "List Bullet": "ListBullet",
    "Caption": "Caption",
    "TOC Heading": "TOCHeading",
}
TABLE_STYLE_ID = "LightList-Accent1"  # "Light List Accent 1"


def new_document(content: DocumentContent, stamp: datetime.datetime):
    """A document with the properties, fonts and A4 page (header with `content.title`,
    footer with its data note and "Page N of M") that every document of the tracker has: the
    review and the program director's annual report."""
    document = Document()
    _properties(document, content, stamp)
    _fonts(document)
    _page(document, content)
    return document


def finish(document, stamp: datetime.datetime) -> bytes:
    """The document's bytes, every date in them the content's own."""
    buffer = BytesIO()
    document.save(buffer)
    return with_fixed_dates(buffer.getvalue(), stamp)


def _properties(document, content: DocumentContent, stamp: datetime.datetime) -> None:
    properties = document.core_properties
    properties.title = content.title
    properties.subject = wording.data_note(content)
    properties.author = "APEC Small and Medium Enterprises Working Group"
    properties.last_modified_by = "SMEWG Strategic Plan Tracker"
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    properties.comments = ""


def _fonts(document) -> None:
    """Arial for Latin text, instead of the template's theme fonts (Calibri, Cambria): every
    copy of Word has it, and LibreOffice sets it in Liberation Sans, whose letters are as wide,
    so that the columns fit their words the same in both. Noto Sans CJK for East Asian text."""

    def arial(properties) -> None:
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            properties.insert(0, fonts)
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        for name in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{name}"), FONT)
        # Chinese, Japanese and Korean text in the CJK font the PDF uses; Word and LibreOffice
        # take emoji from the reader's emoji font (a .docx cannot carry the font itself).
        fonts.set(qn("w:eastAsia"), typefaces.WORD_EAST_ASIAN)

    styles = document.styles.element
    arial(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        properties = style.find(qn("w:rPr"))
        if properties is not None and properties.find(qn("w:rFonts")) is not None:
            arial(properties)


def _page(document, content: DocumentContent) -> None:
    """A4 portrait with the PDF's margins; the review's title in the header and the page number
    in the footer of every page but the cover."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = Mm(8)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = content.title
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{wording.data_note(content)}\t")
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    # One right tab stop at the text's edge: the page number sits on the right. The template's
    # Footer style has its own stops (centre at 3.25", right at 6.5", for Letter paper): the
    # note's tab stopped at the centre one, and the number was written mid-page.
    document.styles["Footer"].paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)


def cover(document, content: DocumentContent, facts_shown: list[tuple[str, str]]) -> None:
    """The cover page: the Working Group, the title, a table of facts and the data note."""
    paragraph(document, "APEC Small and Medium Enterprises Working Group", "Subtitle")
    paragraph(document, content.title, "Title")
    facts = document.add_table(rows=0, cols=2)
    for label, value in facts_shown:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    fit_widths(facts, [0.25, 0.75])
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(18)
    run = note.add_run(wording.data_note(content))
    run.bold = True
    run.font.size = Pt(14)
    page_break(document)


def contents_list(document, chapters: list[tuple[str, str]]) -> None:
    """The contents, each line a link to its chapter's bookmark (anchor, title)."""
    paragraph(document, "Contents", "TOC Heading")
    for anchor, title in chapters:
        line = document.add_paragraph()
        line.paragraph_format.space_after = Pt(3)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark_name(anchor))
        run = OxmlElement("w:r")
        value = OxmlElement("w:t")
        value.text = title
        run.append(value)
        link.append(run)
        line._p.append(link)


def _bookmark_name(anchor: str) -> str:
    # Word's bookmark names: letters, digits and underscores, at most 40 characters.
    return anchor.replace("-", "_")[:40]


def _bookmark(paragraph: Paragraph, anchor: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), _bookmark_name(anchor))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def paragraph(document, value: str = "", style: str | None = None) -> Paragraph:
    paragraph = document.add_paragraph(value)
    if style:
        paragraph._p.get_or_add_pPr().style = STYLE_IDS[style]
    return paragraph


def heading(document, title: str, level: int) -> Paragraph:
    return paragraph(document, title, f"Heading {level}")


def page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def texts(document, value: str) -> None:
    parts = wording.paragraphs(value)
    for part in parts:
        document.add_paragraph(part)
    if not parts:
        document.add_paragraph().add_run(wording.NOT_WRITTEN).italic = True


def fit_widths(table: Table, shares: list[float]) -> None:
    """The table at the full text width, its columns in these shares of it, fixed: Word and
    LibreOffice then wrap text between words instead of squeezing a column to its longest word."""
    properties = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(TEXT_WIDTH * TWIPS_PER_EMU)))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    for old in properties.findall(qn("w:tblW")) + properties.findall(qn("w:tblLayout")):
        properties.remove(old)
    properties.append(width)
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    total = sum(shares)
    twips = [int(TEXT_WIDTH * TWIPS_PER_EMU * share / total) for share in shares]
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        column.set(qn("w:w"), str(value))
    # Each cell from its row's XML: python-docx's row.cells works the grid out again per row.
    for row in table._tbl.tr_lst:
        for cell, value in zip(row.tc_lst, twips, strict=True):
            cell.width = Emu(int(value / TWIPS_PER_EMU))


def table(
    document,
    headers: list[str],
    rows: list[list[Any]],
    *,
    numeric: Collection[int] = (),
    widths: list[float] | None = None,
) -> Table:
    # Every row at once, each cell reached from its row's XML: python-docx's add_row() and
    # row.cells work the grid out again on every call, most of the Word file's time.
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table._tbl.tblPr.style = TABLE_STYLE_ID
    # The header row repeats at the top of each page the table runs onto.
    header_properties = table._tbl.tr_lst[0].get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for position, (row, values) in enumerate(zip(table._tbl.tr_lst, [headers, *rows], strict=True)):
        for index, (element, value) in enumerate(zip(row.tc_lst, values, strict=True)):
            cell = _Cell(element, table)
            cell.text = "" if value is None else str(value)
            paragraph = cell.paragraphs[0]
            if position and index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # Small enough that the figures' headers fit their columns whole.
            for run in paragraph.runs:
                run.font.size = TABLE_FONT
    fit_widths(table, widths or _default_widths(headers, numeric))
    return table


def _default_widths(headers: list[str], numeric: Collection[int]) -> list[float]:
    """Text columns wide, figures narrow: the first column holds the names."""
    return [
        3.0 if index == 0 else 1.0 if index in numeric else 1.5 for index in range(len(headers))
    ]


def chart(document, chart) -> None:
    """A chart as an image at the text width, described by its alternative text; its caption
    above it, as the tables' are."""
    caption(document, chart.title)
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    shape = run.add_picture(BytesIO(images.chart_png(chart)), width=TEXT_WIDTH)
    properties = shape._inline.docPr
    properties.set("name", chart.title)
    properties.set("descr", images.alt_text(chart))


def caption(document, value: str) -> None:
    paragraph(document, value, "Caption")


def participation_table(document, content: DocumentContent) -> Table:
    """Each year's reports by status, the economies without one and the on-time rate: the
    review's and the annual report's table."""
    return table(
        document,
        ["Year", "Reports counted"]
        + [label for _status, label in wording.STATUS_ORDER]
        + ["No report", "On time"],
        [
            [
                year.year,
                wording.of(year.counted, year.economies)
                + (f" ({wording.reopened(year.reopened)})" if year.reopened else ""),
            ]
            + [year.by_status.get(status, 0) for status, _label in wording.STATUS_ORDER]
            + [
                year.missing,
                wording.percent(year.on_time_rate)
                + (f" ({year.on_time} of {year.submitted})" if year.submitted else ""),
            ]
            for year in content.participation
        ],
        numeric=set(range(1, 8)),
        widths=[0.8, 1.3, 1.2, 1.4, 1.3, 1.3, 1.2, 1.9],
    )


def scores(document, content: DocumentContent, charts: dict) -> None:
    """The progress score's two charts and its table by priority area (the review's and the
    annual report's)."""
    chart(document, charts["score"])
    chart(document, charts["assessment"])
    table(
        document,
        ["Priority area", "Progress score", "Change", "n"]
        + [label for label, _n, _share in wording.distribution(None)],
        [
            [
                f"{area.number}. {area.name}",
                wording.percent(area.progress.value if area.progress else None),
                wording.change(area.progress),
                area.progress.n if area.progress else wording.NONE,
            ]
            + [
                f"{n} ({share})" if share != "outside n" else n
                for _label, n, share in wording.distribution(area.progress)
            ]
            for area in content.areas
        ],
        numeric=set(range(1, 9)),
        widths=[2.4, 1.4, 1.3, 0.7, 1.4, 1.4, 1.3, 1.1, 1.3],
    )


def commitments_table(document, commitments: Commitments) -> Table:
    """The commitments per priority area and over all areas (in bold), captioned, with the
    note on how they count: the review's and the annual report's table, as the page's."""
    caption(document, commitment_figures.caption(commitments.year))

    def cells(label: str, row: CommitmentRow) -> list[Any]:
        counts = [getattr(row, key) for key, _label in commitment_figures.COUNT_COLUMNS]
        return [label, *counts, row.economies_label]

    found = table(
        document,
        [
            commitment_figures.AREA_COLUMN,
            *[label for _key, label in commitment_figures.COUNT_COLUMNS],
            commitment_figures.ECONOMIES_COLUMN,
        ],
        [cells(f"{row.number}. {row.title}", row) for row in commitments.areas]
        + [cells(commitments.plan.title, commitments.plan)],
        numeric=set(range(1, 7)),
        widths=[3.2, 0.8, 0.8, 0.9, 0.9, 0.9, 1.1],
    )
    for cell in found.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    note = commitment_figures.note(commitments.year, commitments.plan.economy_total)
    paragraph(document).add_run(note).italic = True
    return found


def chapter(document, anchor: str, title: str) -> None:
    """A Heading 1 on a new page, bookmarked for the contents; its title is the PDF's."""
    paragraph = heading(document, title, 1)
    paragraph.paragraph_format.page_break_before = True
    _bookmark(paragraph, anchor, len(document.element.body) + 1)

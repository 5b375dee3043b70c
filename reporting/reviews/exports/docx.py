"""The review as a Word document (python-docx) the Chair can send as is, or go on editing: A4
with the PDF's margins, a cover, the review's title in the header and "Page N of M" in the
footer, the PDF's headings (Word's own Heading 1 and 2 styles) and contents, tables at the full
text width, the PDF's charts as images with alternative text, and every record in the annexes.

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

from reporting.reviews.exports import images, text
from reporting.reviews.exports.charts import review_charts
from reporting.reviews.exports.zips import with_fixed_dates

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


def render(content: dict[str, Any], *, fmt: str, stamp: datetime.datetime) -> bytes:
    document = new_document(content, stamp)
    _title_page(document, content)
    _contents(document, content)
    _summary(document, content)
    _participation(document, content)
    for area in content["areas"]:
        _area(document, area, content)
    _general(document, content)
    _projects(document, content)
    _lessons(document, content)
    _annex(document, content)
    _annexes(document, content)
    return finish(document, stamp)


def new_document(content: dict[str, Any], stamp: datetime.datetime):
    """A document with the properties, fonts and A4 page (header with `content["title"]`,
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


def _properties(document, content: dict[str, Any], stamp: datetime.datetime) -> None:
    properties = document.core_properties
    properties.title = content["title"]
    properties.subject = text.data_note(content)
    properties.author = "APEC Small and Medium Enterprises Working Group"
    properties.last_modified_by = "SMEWG Strategic Plan Tracker"
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    properties.comments = ""


def _fonts(document) -> None:
    """Arial throughout, instead of the template's theme fonts (Calibri, Cambria): every copy
    of Word has it, and LibreOffice sets it in Liberation Sans, whose letters are as wide, so
    that the columns fit their words the same in both."""

    def arial(properties) -> None:
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            properties.insert(0, fonts)
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        for name in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{name}"), FONT)

    styles = document.styles.element
    arial(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        properties = style.find(qn("w:rPr"))
        if properties is not None and properties.find(qn("w:rFonts")) is not None:
            arial(properties)


def _page(document, content: dict[str, Any]) -> None:
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
    header.text = content["title"]
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{text.data_note(content)}\t")
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    # One right tab stop at the text's edge: the page number sits on the right.
    footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)


def _title_page(document, content: dict[str, Any]) -> None:
    cover(
        document,
        content,
        [
            ("Plan", content["plan"]["title"]),
            ("Review", content["kind_label"]),
            ("Years reviewed", text.years(content)),
            ("Status", text.status_label(content)),
            ("Data", text.data_note(content)),
        ],
    )


def cover(document, content: dict[str, Any], facts_shown: list[tuple[str, str]]) -> None:
    """The cover page: the Working Group, the title, a table of facts and the data note."""
    _paragraph(document, "APEC Small and Medium Enterprises Working Group", "Subtitle")
    _paragraph(document, content["title"], "Title")
    facts = document.add_table(rows=0, cols=2)
    for label, value in facts_shown:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    _widths(facts, [0.25, 0.75])
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(18)
    run = note.add_run(text.data_note(content))
    run.bold = True
    run.font.size = Pt(14)
    _page_break(document)


def _contents(document, content: dict[str, Any]) -> None:
    """The chapters, each a link to its heading's bookmark (the PDF's contents, without page
    numbers: those would need a field to update)."""
    contents_list(document, text.chapters(content))


def contents_list(document, chapters: list[tuple[str, str]]) -> None:
    """The contents, each line a link to its chapter's bookmark (anchor, title)."""
    _paragraph(document, "Contents", "TOC Heading")
    for anchor, title in chapters:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark_name(anchor))
        run = OxmlElement("w:r")
        value = OxmlElement("w:t")
        value.text = title
        run.append(value)
        link.append(run)
        paragraph._p.append(link)


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


def _paragraph(document, value: str = "", style: str | None = None) -> Paragraph:
    paragraph = document.add_paragraph(value)
    if style:
        paragraph._p.get_or_add_pPr().style = STYLE_IDS[style]
    return paragraph


def _heading(document, title: str, level: int) -> Paragraph:
    return _paragraph(document, title, f"Heading {level}")


def _chapter(document, anchor: str, title: str | None = None) -> None:
    """A Heading 1 on a new page, bookmarked for the contents; its title is the PDF's."""
    title = title or CHAPTER_TITLES[anchor]
    paragraph = _heading(document, title, 1)
    paragraph.paragraph_format.page_break_before = True
    _bookmark(paragraph, anchor, len(document.element.body) + 1)


CHAPTER_TITLES = {
    "review-summary": "Executive summary",
    "review-participation": "Participation",
    "review-performance": "Progress score by priority area",
    "review-general": "General indicators",
    "review-projects": "APEC projects",
    "review-lessons": "Lessons learned",
    "review-annex": text.ANNEX_REPORTS,
    **dict(text.ANNEXES.values()),
}


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _texts(document, value: str) -> None:
    parts = text.paragraphs(value)
    for part in parts:
        document.add_paragraph(part)
    if not parts:
        document.add_paragraph().add_run(text.NOT_WRITTEN).italic = True


def _widths(table: Table, shares: list[float]) -> None:
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


def _table(
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
    _widths(table, widths or _default_widths(headers, numeric))
    return table


def _default_widths(headers: list[str], numeric: Collection[int]) -> list[float]:
    """Text columns wide, figures narrow: the first column holds the names."""
    return [
        3.0 if index == 0 else 1.0 if index in numeric else 1.5 for index in range(len(headers))
    ]


def _chart(document, chart) -> None:
    """A chart as an image at the text width, described by its alternative text; its caption
    above it, as the tables' are."""
    _caption(document, chart.title)
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    shape = run.add_picture(BytesIO(images.chart_png(chart)), width=TEXT_WIDTH)
    properties = shape._inline.docPr
    properties.set("name", chart.title)
    properties.set("descr", images.alt_text(chart))


def _caption(document, value: str) -> None:
    _paragraph(document, value, "Caption")


def _summary(document, content: dict[str, Any]) -> None:
    _chapter(document, "review-summary")
    _texts(document, content["executive_summary"])


def participation_table(document, content: dict[str, Any]) -> Table:
    """Each year's reports by status, the economies without one and the on-time rate: the
    review's and the annual report's table."""
    return _table(
        document,
        ["Year", "Reports counted"]
        + [label for _status, label in text.STATUS_ORDER]
        + ["No report", "On time"],
        [
            [year["year"], text.of(year["counted"], year["economies"])]
            + [year["by_status"].get(status, 0) for status, _label in text.STATUS_ORDER]
            + [
                year["missing"],
                text.percent(year["on_time_rate"])
                + (f" ({year['on_time']} of {year['submitted']})" if year["submitted"] else ""),
            ]
            for year in content["participation"]
        ],
        numeric=set(range(1, 8)),
        widths=[0.8, 1.3, 1.2, 1.4, 1.3, 1.3, 1.2, 1.9],
    )


def _participation(document, content: dict[str, Any]) -> None:
    charts = review_charts(content)
    _chapter(document, "review-participation")
    document.add_paragraph(
        "Reports counted are those the program director has accepted, of "
        f"{content['economies']} member economies. On time: submitted by the cycle’s due date, "
        "among the counted reports."
    )
    _caption(document, "Reports by year and status")
    participation_table(document, content)
    _chart(document, charts["participation"])
    _chapter(document, "review-performance")
    document.add_paragraph(content["method"])
    scores(document, content, charts)


def scores(document, content: dict[str, Any], charts: dict) -> None:
    """The progress score's two charts and its table by priority area (the review's and the
    annual report's)."""
    _chart(document, charts["score"])
    _chart(document, charts["assessment"])
    _table(
        document,
        ["Priority area", "Progress score", "Change", "n"]
        + [label for label, _n, _share in text.distribution({})],
        [
            [
                f"{area['number']}. {area['name']}",
                text.percent(area.get("score")),
                text.change(area),
                area.get("score_n", text.NONE),
            ]
            + [
                f"{n} ({share})" if share != "outside n" else n
                for _label, n, share in text.distribution(area)
            ]
            for area in content["areas"]
        ],
        numeric=set(range(1, 9)),
        widths=[2.4, 1.4, 1.3, 0.7, 1.4, 1.4, 1.3, 1.1, 1.3],
    )


def _area(document, area: dict[str, Any], content: dict[str, Any]) -> None:
    economies = content["economies"]
    _chapter(document, f"review-area-{area['number']}", text.area_title(area))
    for name, heading in text.TEXT_HEADINGS.items():
        _heading(document, heading, 2)
        _texts(document, area["texts"].get(name, ""))

    _heading(document, "Figures", 2)
    _caption(document, f"Priority area {area['number']}")
    _table(
        document,
        ["Figure", "Value"],
        [list(row) for row in text.area_figures(area, economies)],
        widths=[1, 1],
    )
    _caption(document, "Objectives and the initiatives addressing them")
    _table(
        document,
        ["Objective", "Initiatives"],
        [
            [
                f"{area['number']}.{objective['number']} {objective['text']}",
                objective["initiatives"] or "Gap",
            ]
            for objective in area["objectives"]
        ],
        numeric={1},
        widths=[5, 1],
    )

    _heading(document, "Initiative highlights", 2)
    if area["highlights"]:
        document.add_paragraph().add_run(text.highlights_note(content, area)).italic = True
    for initiative in area["highlights"]:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(initiative["title"]).bold = True
        details = f" ({initiative['kind']}) — {initiative['economy']}, {initiative['year']}"
        if initiative["objectives"]:
            details += f". Objectives {text.objectives(area['number'], initiative['objectives'])}"
        if initiative["apec_project_code"]:
            details += f". APEC project {initiative['apec_project_code']}"
        paragraph.add_run(details + ".")
    if not area["highlights"]:
        document.add_paragraph().add_run("No initiative in the counted reports.").italic = True

    _heading(document, "Measures of progress", 2)
    _caption(
        document,
        "Values reported, by year: economies with a value and the minimum, median and maximum "
        "across them (never a sum)",
    )
    _table(
        document,
        ["Measure", "Year", "Economies", "Minimum", "Median", "Maximum"],
        [
            [
                f"{area['number']}.{measure['number']} {measure['text']} ({measure['kind']}"
                + (f", {measure['unit']}" if measure["unit"] else "")
                + f"; answered by {text.of(measure['answered'], economies)})"
                if index == 0
                else "",
                year["year"],
                text.of(year["economies"], economies),
                text.number(year["min"]),
                text.number(year["median"]),
                text.number(year["max"]),
            ]
            for measure in area["measures"]
            for index, year in enumerate(measure["years"])
        ],
        numeric={2, 3, 4, 5},
        widths=[3.4, 0.7, 1.2, 1.2, 1.2, 1.2],
    )
    if area["quotes"]:
        _heading(document, "From the economies’ reports", 2)
        _quotes(document, area["quotes"])


def _quotes(document, quotes: list[dict[str, Any]]) -> None:
    for quote in quotes:
        for part in text.paragraphs(quote["text"]):
            _paragraph(document, part, "Quote")
        _paragraph(document, text.attribution(quote), "Quote").alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _general(document, content: dict[str, Any]) -> None:
    _chapter(document, "review-general")
    _caption(
        document, "General indicators by year, counted from the records in the counted reports"
    )
    _table(
        document,
        ["Year", *text.GENERAL_COLUMNS.values()],
        [
            [year["year"], text.of(year["economies"], content["economies"])]
            + [year[key] for key in list(text.GENERAL_COLUMNS)[1:-1]]
            + [text.of(year.get("activity_economies"), content["economies"])]
            for year in content["general"]
        ],
        numeric=set(range(1, 8)),
        widths=[0.8, 1.2, 1, 1, 1, 1.1, 1.1, 1.2],
    )


def _projects(document, content: dict[str, Any]) -> None:
    found = content["portfolio"]
    _chapter(document, "review-projects")
    if not found["total"]:
        _paragraph(
            document, f"No APEC project of the plan was under way or done in {found['years']}."
        )
    else:
        proponents = len(found["proponents"])
        _paragraph(
            document,
            f"{found['total']} APEC projects of the plan under way or done in {found['years']}, "
            f"proposed by {proponents} econom{'y' if proponents == 1 else 'ies'}.",
        )
        _caption(
            document, "APEC projects addressing each priority area (a project may address several)"
        )
        _table(
            document,
            ["Priority area", "Projects", "Share"],
            [
                [
                    f"{row['number']}. {row['name']}",
                    text.of(row["projects"], found["total"]),
                    text.percent(row["share"]),
                ]
                for row in found["areas"]
            ],
            numeric={1, 2},
            widths=[4, 1, 1],
        )
        for title, pairs in (("Funding", found["funding"]), ("Status", found["statuses"])):
            _paragraph(document, f"{title}: " + " · ".join(f"{label} {n}" for label, n in pairs))
    _paragraph(document, found["method"]).runs[0].italic = True


def _lessons(document, content: dict[str, Any]) -> None:
    _chapter(document, "review-lessons")
    _quotes(document, content["general_quotes"])
    note = text.lessons_note(content)
    if note:
        document.add_paragraph().add_run(note).italic = True
    _lesson_list(document, text.body_lessons(content))
    if not content["lessons"] and not content["general_quotes"]:
        document.add_paragraph().add_run("No lesson learned in the counted reports.").italic = True


def _lesson_list(document, lessons: list[dict[str, Any]]) -> None:
    for lesson in lessons:
        paragraph = _paragraph(document, lesson["text"], "List Bullet")
        paragraph.add_run(
            f" — {lesson['economy']}, {lesson['year']} ({lesson['source']})"
        ).italic = True


def _annex(document, content: dict[str, Any]) -> None:
    _chapter(document, "review-annex")
    _caption(
        document,
        "Each economy’s report by year: status and, for counted reports, initiatives, measures "
        "answered and lessons learned",
    )
    _table(
        document,
        ["Economy", "Year", "Status", "Initiatives", "Measures answered", "Lessons learned"],
        [
            [
                economy["economy"] if index == 0 else "",
                year["year"],
                year["status"],
                text.number(year["initiatives"]),
                text.number(year["measures_answered"]),
                year["lessons"],
            ]
            for economy in content["annex"]
            for index, year in enumerate(economy["years"])
        ],
        numeric={3, 4},
        widths=[1.6, 0.7, 1.1, 1.1, 1.1, 4],
    )


def _annexes(document, content: dict[str, Any]) -> None:
    """Annexes B to E: every initiative, lesson learned, best practice, dialogue and APEC
    activity of the counted reports (absent from snapshots made before they existed)."""
    if "initiatives" in content:
        _chapter(document, text.ANNEXES["initiatives"][0])
        document.add_paragraph(
            "Every initiative of the counted reports, by priority area, the newest first."
        )
        _table(
            document,
            ["Area", "Initiative", "Type", "Economy", "Year", "Objectives"],
            [
                [
                    row["area"],
                    row["title"]
                    + (
                        f" (APEC project {row['apec_project_code']})"
                        if row["apec_project_code"]
                        else ""
                    ),
                    row["kind"],
                    row["economy"],
                    row["year"],
                    text.objectives(row["area"], row["objectives"]),
                ]
                for row in content["initiatives"]
            ],
            widths=[0.6, 4, 1.3, 1.5, 0.7, 1.3],
        )
    if "best_practices" not in content:
        return
    _chapter(document, text.ANNEXES["lessons"][0])
    document.add_paragraph(
        "Every lesson learned of the counted reports: of the reports themselves, their "
        "initiatives and their APEC activities, the newest first."
    )
    _lesson_list(document, content["lessons"])
    _chapter(document, text.ANNEXES["best_practices"][0])
    _heading(document, f"Best practices ({len(content['best_practices'])})", 2)
    for row in content["best_practices"]:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(row["title"]).bold = True
        where = f", {row['where']}" if row["where"] else ""
        paragraph.add_run(f" — {row['economy']}, {row['year']}. {row['direction']}{where}.")
        if row["description"]:
            paragraph.add_run(f" {row['description']}")
    _heading(document, f"Dialogues with partners ({len(content['dialogues'])})", 2)
    for row in content["dialogues"]:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(row["title"]).bold = True
        forum = f" ({row['forum']})" if row["forum"] else ""
        where = f", {row['where']}" if row["where"] else ""
        paragraph.add_run(
            f" — {row['economy']}, {row['year']}. {row['partner_kind']}{forum}{where}."
        )
    _chapter(document, text.ANNEXES["apec_activities"][0])
    for row in content["apec_activities"]:
        paragraph = _paragraph(document, style="List Bullet")
        paragraph.add_run(row["title"]).bold = True
        area = f", priority area {row['area']}" if row["area"] else ""
        paragraph.add_run(
            f" — {row['economy']}, {row['year']}. {row['kind']}, {row['role'].lower()}{area}."
        )


# The building blocks the program director's annual report (reporting.annual.exports) is made
# of too: one builder and one set of styles for both documents.
chapter = _chapter
heading = _heading
paragraph = _paragraph
texts = _texts
table = _table
chart = _chart
caption = _caption

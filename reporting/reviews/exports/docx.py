"""The review as a Word document (python-docx) the Chair can go on editing: Word's own styles
(Title, Heading 1 and 2, Quote, List Bullet), so that headings renumber and the contents field
updates in Word."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from reporting.reviews.exports import text
from reporting.reviews.exports.zips import with_fixed_dates

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
    document = Document()
    _properties(document, content, stamp)
    _title_page(document, content)
    _contents(document)
    _summary(document, content)
    _participation(document, content)
    for area in content["areas"]:
        _area(document, area, content["economies"])
    _general(document, content)
    _projects(document, content)
    _lessons(document, content)
    _annex(document, content)
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
    # Word asks to update the fields on opening: the contents then list the chapters and pages.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _title_page(document, content: dict[str, Any]) -> None:
    _paragraph(document, "APEC Small and Medium Enterprises Working Group", "Subtitle")
    _paragraph(document, content["title"], "Title")
    facts = document.add_table(rows=0, cols=2)
    for label, value in (
        ("Plan", content["plan"]["title"]),
        ("Years reviewed", text.years(content)),
        ("Status", text.status_label(content)),
    ):
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(18)
    run = note.add_run(text.data_note(content))
    run.bold = True
    run.font.size = Pt(14)
    _page_break(document)


def _contents(document) -> None:
    _paragraph(document, "Contents", "TOC Heading")
    paragraph = document.add_paragraph()
    # A TOC field over the Heading 1 and 2 styles, filled in by Word when it updates fields.
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "Right-click and choose Update Field.")


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


def _chapter(document, title: str) -> None:
    """A Heading 1 on a new page."""
    _heading(document, title, 1).paragraph_format.page_break_before = True


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _texts(document, value: str) -> None:
    parts = text.paragraphs(value)
    for part in parts:
        document.add_paragraph(part)
    if not parts:
        document.add_paragraph().add_run(text.NOT_WRITTEN).italic = True


def _table(
    document, headers: list[str], rows: list[list[Any]], *, numeric: Collection[int] = ()
) -> Table:
    table = document.add_table(rows=1, cols=len(headers))
    table._tbl.tblPr.style = TABLE_STYLE_ID
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    # The header row repeats at the top of each page the table runs onto.
    header_properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = "" if value is None else str(value)
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _caption(document, value: str) -> None:
    _paragraph(document, value, "Caption")


def _summary(document, content: dict[str, Any]) -> None:
    _chapter(document, "Executive summary")
    _texts(document, content["executive_summary"])


def _participation(document, content: dict[str, Any]) -> None:
    _chapter(document, "Participation")
    document.add_paragraph(
        "Reports counted are those the program director has accepted, of "
        f"{content['economies']} member economies. On time: submitted by the cycle’s due date, "
        "among the counted reports."
    )
    _caption(document, "Reports by year and status")
    _table(
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
    )
    _chapter(document, "Progress score by priority area")
    document.add_paragraph(content["method"])
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
    )


def _area(document, area: dict[str, Any], economies: int) -> None:
    _chapter(document, text.area_title(area))
    for name, heading in text.TEXT_HEADINGS.items():
        _heading(document, heading, 2)
        _texts(document, area["texts"].get(name, ""))

    _heading(document, "Figures", 2)
    _caption(document, f"Priority area {area['number']}")
    _table(document, ["Figure", "Value"], [list(row) for row in text.area_figures(area, economies)])
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
    )

    _heading(document, "Initiative highlights", 2)
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
    _chapter(document, "General indicators")
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
    )


def _projects(document, content: dict[str, Any]) -> None:
    found = content["portfolio"]
    _chapter(document, "APEC projects")
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
        )
        for title, pairs in (("Funding", found["funding"]), ("Status", found["statuses"])):
            _paragraph(document, f"{title}: " + " · ".join(f"{label} {n}" for label, n in pairs))
    _paragraph(document, found["method"]).runs[0].italic = True


def _lessons(document, content: dict[str, Any]) -> None:
    _chapter(document, "Lessons learned")
    _quotes(document, content["general_quotes"])
    for lesson in content["lessons"]:
        paragraph = _paragraph(document, lesson["text"], "List Bullet")
        paragraph.add_run(
            f" — {lesson['economy']}, {lesson['year']} ({lesson['source'].lower()})"
        ).italic = True
    if not content["lessons"] and not content["general_quotes"]:
        document.add_paragraph().add_run("No lesson learned in the counted reports.").italic = True


def _annex(document, content: dict[str, Any]) -> None:
    _chapter(document, "Annex: the economies’ reports")
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
    )

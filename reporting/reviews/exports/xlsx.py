"""The review as an Excel workbook (openpyxl): a sheet per table, bold frozen header rows, number
formats, and native charts of participation and of the progress score by area.

It prints: every sheet is A4 landscape, one page wide, its header row repeated on each page,
with a print area. Every figure is the rounded number the page shows, with a number format, so
that no cell reads 56.34999999999999."""

from __future__ import annotations

import datetime
import math
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plans.spreadsheets import put
from reporting.commitments import figures
from reporting.documents import wording
from reporting.documents.content import Commitments, Progress, Stored
from reporting.documents.zips import with_fixed_dates
from reporting.reports import scoring
from reporting.reports.models import ASSESSMENT_ORDER
from reporting.reviews.exports import text
from reporting.reviews.exports.columns import RECORD_SHEETS, Column
from reporting.reviews.schema import Initiative, Quote, ReviewContent, load_review

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
PERCENT = "0%"
POINTS = "+0.0;-0.0;0.0"
VALUE = "#,##0.00"
COUNT = "0"
LINE = 13  # points per line of wrapped text (11 pt Calibri)
# What a cell holds.
Cell = str | int | float | None


def render(stored: Stored, *, fmt: str, stamp: datetime.datetime) -> bytes:
    content = load_review(stored)
    workbook = Workbook()
    _summary(workbook.active, content)
    _participation(workbook.create_sheet("Participation"), content)
    _areas(workbook.create_sheet("Areas"), content)
    _texts(workbook.create_sheet("Chair's text"), content)
    _objectives(workbook.create_sheet("Objectives"), content)
    _measures(workbook.create_sheet("Measures"), content)
    _initiatives(workbook.create_sheet("Initiatives"), content)
    _quotes(workbook.create_sheet("Quotes"), content)
    _general(workbook.create_sheet("General indicators"), content)
    if content.commitments is not None:  # nor those before commitments were kept
        _commitments(workbook.create_sheet("Commitments"), content.commitments)
    _projects(workbook.create_sheet("APEC projects"), content)
    _lessons(workbook.create_sheet("Lessons learned"), content)
    _annex(workbook.create_sheet("Annex"), content)
    if content.best_practices is not None:  # snapshots frozen before the annexes have none
        for title, (key, _columns) in RECORD_SHEETS.items():
            if getattr(content, key) is not None:  # nor those before the questions' annex
                _records(workbook.create_sheet(title), content)
    for sheet in workbook.worksheets:
        _printable(sheet)

    properties = workbook.properties
    properties.title = content.title
    properties.subject = wording.data_note(content)
    properties.creator = "APEC Small and Medium Enterprises Working Group"
    properties.lastModifiedBy = "SMEWG Strategic Plan Tracker"
    # openpyxl's save_workbook stamps "now" as modified: write through its writer instead.
    properties.created = properties.modified = stamp.astimezone(datetime.UTC).replace(tzinfo=None)
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return with_fixed_dates(buffer.getvalue(), stamp)


def _printable(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, the header row on every page, the used cells printed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = "&A – page &P of &N"
    sheet.oddFooter.center.size = 8
    if sheet.title != "Summary":
        sheet.print_title_rows = "1:1"
    # The used cells and the charts below them: a chart outside the print area never prints.
    _, _, last_column, last_row = range_boundaries(sheet.dimensions)
    for chart in sheet._charts:
        chart.anchor = _cells_under(sheet, chart)
        last_column = max(last_column, chart.anchor.to.col + 1)
        last_row = max(last_row, chart.anchor.to.row + 1)
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"


def _cells_under(sheet: Worksheet, chart: BarChart) -> TwoCellAnchor:
    """The chart anchored from its cell to the cell its size (cm) reaches, in the sheet's own
    column widths and row heights: the cells it covers are written in the file."""
    column_letter, row = coordinate_from_string(chart.anchor)
    column = column_index_from_string(column_letter) - 1  # markers count from 0
    first_column, first_row = column, row - 1
    width, height = chart.width / 2.54 * 96, chart.height / 2.54 * 96  # pixels
    while width > 0:
        dimension = sheet.column_dimensions.get(get_column_letter(column + 1))
        width -= (dimension.width if dimension and dimension.width else 8.43) * 7 + 5
        column += 1
    row -= 1
    while height > 0:
        dimension = sheet.row_dimensions.get(row + 1)
        height -= (dimension.height if dimension and dimension.height else 15) * 96 / 72
        row += 1
    return TwoCellAnchor(
        _from=AnchorMarker(col=first_column, row=first_row),
        to=AnchorMarker(col=column, row=row),
    )


def _lines(value: Cell, width: float) -> int:
    """How many lines a wrapped text takes in a column of this width (in characters): neither
    Excel nor LibreOffice sizes the rows of a file when they open it, so the file says."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width * 1.25), 1)  # Calibri's average character is narrow
    return sum(max(math.ceil(len(part) / per_line), 1) for part in value.split("\n"))


def _rounded(value: Cell) -> Cell:
    """A figure as it is: the cell keeps the exact number and its column's number format shows
    it as the page does (Python's `round` would turn 0.625 into 0.62, 62 % where the page
    reads 63 %)."""
    return value


def _cell(sheet: Worksheet, row: int, column: int, value: Cell):
    # Text is text: a narrative starting with "=" is not a formula.
    return put(sheet.cell(row=row, column=column), value)


def _table(
    sheet: Worksheet, columns: list[Column], rows: list[list[Cell]], *, first_row: int = 1
) -> None:
    """A header row (bold, frozen, filtered) and the rows, with each column's width and format."""
    for index, column in enumerate(columns, start=1):
        header = _cell(sheet, first_row, index, column.header)
        header.font, header.alignment = BOLD, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[first_row].height = LINE * max(
        _lines(column.header, column.width) for column in columns
    )
    for offset, row in enumerate(rows, start=1):
        lines = 1
        for index, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = _cell(sheet, first_row + offset, index, _rounded(value))
            if column.format and isinstance(value, int | float):
                cell.number_format = column.format
            if column.wrap:
                cell.alignment = WRAP
                lines = max(lines, _lines(value, column.width))
            else:
                cell.alignment = TOP
        if lines > 1:
            sheet.row_dimensions[first_row + offset].height = LINE * lines
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(len(rows), 1)}"


def _summary(sheet: Worksheet, content: ReviewContent) -> None:
    sheet.title = "Summary"
    _cell(sheet, 1, 1, content.title).font = TITLE
    facts = [
        ("Plan", content.plan.title),
        ("Years reviewed", wording.years(content)),
        ("Status", wording.status_label(content)),
        ("Data", wording.data_note(content)),
        ("Member economies", str(content.economies)),
        ("Executive summary", content.executive_summary or wording.NOT_WRITTEN),
        ("Progress score", content.method),
        # The answers one by one would print as a hundred pages: they are in their own files.
        ("Entries", "Every answer behind the review: the CSV and JSON downloads of the entries."),
    ]
    for row, (label, value) in enumerate(facts, start=3):
        _cell(sheet, row, 1, label).font = BOLD
        _cell(sheet, row, 2, value).alignment = WRAP
        sheet.cell(row=row, column=1).alignment = WRAP
        sheet.row_dimensions[row].height = LINE * _lines(value, 100)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100


def _participation(sheet: Worksheet, content: ReviewContent) -> None:
    statuses = wording.STATUS_ORDER
    _table(
        sheet,
        [
            Column("Year", 8),
            Column("Reports counted", 10, COUNT),
            Column("Member economies", 10, COUNT),
            *[Column(label, 11, COUNT) for _status, label in statuses],
            Column("No report", 10, COUNT),
            Column("Counted and submitted", 12, COUNT),
            Column("On time", 9, COUNT),
            Column("On-time rate", 10, PERCENT),
        ],
        [
            [year.year, year.counted, year.economies]
            + [year.by_status.get(status, 0) for status, _label in statuses]
            + [year.missing, year.submitted, year.on_time, year.on_time_rate]
            for year in content.participation
        ],
    )
    rows = len(content.participation)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Reports by year and status"
    chart.y_axis.title = "Economies"
    # The status columns and "No report" (D to H): every economy is in one of them.
    data = Reference(sheet, min_col=4, max_col=4 + len(statuses), min_row=1, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 18, 8
    sheet.add_chart(chart, f"A{rows + 4}")


def _areas(sheet: Worksheet, content: ReviewContent) -> None:
    economies = content.economies
    _table(
        sheet,
        [
            # Narrow enough to print one page wide at about 70 %, 11 pt as 8 pt (233 characters
            # wide, it printed at 60 %): the headers and the names wrap.
            Column("Area", 5),
            Column("Priority area", 26, wrap=True),
            Column("Economies reporting", 10, COUNT),
            Column("Initiatives", 10, COUNT),
            Column("Economies contributing", 11, COUNT),
            Column("Progress score", 9, PERCENT),
            Column("Assessments (n)", 12, COUNT),
            Column("Change (points)", 9, POINTS),
            *[Column(label, 11, COUNT) for label, _n, _share in wording.distribution(None)],
            Column("Economies assessing", 10, COUNT),
            Column("Objectives with no initiative", 12, wrap=True),
            Column("Target groups reached (initiatives)", 26, wrap=True),
            *SURENESS_COLUMNS,
        ],
        [
            [
                area.number,
                area.name,
                area.economies_reporting,
                area.initiatives,
                area.contributing_economies,
                area.progress.value if area.progress else None,
                area.progress.n if area.progress else None,
                area.progress.change if area.progress else None,
                *[n for _label, n, _share in wording.distribution(area.progress)],
                area.assessing_economies,
                text.objectives(area.number, area.gaps),
                ", ".join(f"{name} {n}" for name, n in text.target_groups(area.target_groups)),
                *_sureness(area.progress),
            ]
            for area in content.areas
        ],
    )
    _cell(sheet, len(content.areas) + 3, 1, f"Of {economies} member economies.")
    rows = len(content.areas)
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Progress score by priority area"
    chart.y_axis.title = scoring.SCORE_AXIS
    chart.y_axis.number_format = PERCENT
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=6, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 18, 8
    sheet.add_chart(chart, f"B{rows + 5}")


# How sure a score is, as the page says it: the interval's bounds and the balanced change as
# numbers, the change in the page's words ("no clear change on 2025 (+1.4 points)").
SURENESS_COLUMNS = (
    Column("90 % interval, low", 11, PERCENT),
    Column("90 % interval, high", 11, PERCENT),
    Column("Change", 24, wrap=True),
    Column("Balanced change (points)", 11, POINTS),
    Column("Economies reporting in both years", 12, COUNT),
)


def _sureness(progress: Progress | None) -> list[Cell]:
    if progress is None or not progress.sure:
        return [None, None, None, None, None]
    low, high = progress.interval or (None, None)
    return [
        low,
        high,
        wording.change(progress),
        progress.score.balanced_change,
        progress.balanced_economies if progress.score.balanced_change is not None else None,
    ]


def _texts(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Area", 6),
            Column("Priority area", 30, wrap=True),
            *[Column(heading, 50, wrap=True) for heading in text.TEXT_HEADINGS.values()],
        ],
        [
            [area.number, area.name, *[area.texts.get(name, "") for name in text.TEXT_HEADINGS]]
            for area in content.areas
        ],
    )


def _objectives(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Area", 6),
            Column("Objective", 10),
            Column("Text", 80, wrap=True),
            Column("Initiatives", 11, COUNT),
            Column("Progress score", 12, PERCENT),
            Column("Assessments (n)", 12, COUNT),
            Column("Economies assessing", 11, COUNT),
            *SURENESS_COLUMNS,
        ],
        [
            [
                area.number,
                f"{area.number}.{o.number}",
                o.text,
                o.initiatives,
                o.progress.value if o.progress else None,
                o.progress.n if o.progress else None,
                o.progress.economies if o.progress else None,
                *_sureness(o.progress),
            ]
            for area in content.areas
            for o in area.objectives
        ],
    )


def _measures(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Area", 6),
            Column("Measure", 9),
            Column("Text", 50, wrap=True),
            Column("Kind", 12),
            Column("Unit", 12),
            Column("Economies answering", 11, COUNT),
            *[Column(label, 11, COUNT) for label in wording.ASSESSMENT_ORDER],
            Column("Year", 7),
            Column("Data for (reference year)", 11),
            Column("Economies with a value", 11, COUNT),
            Column("Minimum", 11, VALUE),
            Column("Median", 11, VALUE),
            Column("Maximum", 11, VALUE),
        ],
        [
            [
                area.number,
                f"{area.number}.{measure.number}",
                measure.text,
                measure.kind,
                measure.unit,
                measure.answered,
                *[measure.counts.get(value, 0) for value in ASSESSMENT_ORDER],
                year.year,
                year.data_label or None,
                year.economies,
                year.min,
                year.median,
                year.max,
            ]
            for area in content.areas
            for measure in area.measures
            for year in measure.years
        ],
    )


def _initiatives(sheet: Worksheet, content: ReviewContent) -> None:
    """Every initiative of the counted reports (the chapters show the most recent of each
    economy); an older snapshot has only the highlights."""
    rows: list[Initiative] = content.initiatives or [
        initiative for area in content.areas for initiative in area.highlights
    ]
    _table(
        sheet,
        [
            Column("Area", 6),
            Column("Economy", 16),
            Column("Year", 7),
            Column("Initiative", 36, wrap=True),
            Column("Type", 14, wrap=True),
            Column("Objectives", 12, wrap=True),
            Column("APEC project", 13),
            Column("In the chapter", 9),
            Column("Description", 90, wrap=True),
        ],
        [
            [
                initiative.area,
                initiative.economy,
                initiative.year,
                initiative.title,
                initiative.kind,
                text.objectives(initiative.area, initiative.objectives),
                initiative.apec_project_code,
                "Yes" if initiative.highlight else "",
                initiative.description,
            ]
            for initiative in rows
        ],
    )


def _quotes(sheet: Worksheet, content: ReviewContent) -> None:
    quotes: list[tuple[int | str, Quote]] = [
        (area.number, q) for area in content.areas for q in area.quotes
    ]
    quotes += [("Lessons learned", q) for q in content.general_quotes]
    _table(
        sheet,
        [
            Column("Area", 14),
            Column("Quote", 80, wrap=True),
            Column("Economy", 18),
            Column("Year", 7),
            Column("Source", 18),
        ],
        [[area, q.text, q.economy, q.year, q.source] for area, q in quotes],
    )


def _general(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Year", 8),
            *[Column(label, 14, COUNT) for label in wording.GENERAL_COLUMNS.values()],
        ],
        [
            [year.year, *[getattr(year, key) for key in wording.GENERAL_COLUMNS]]
            for year in content.general
        ],
    )


def _commitments(sheet: Worksheet, commitments: Commitments) -> None:
    """Per priority area and over all areas (the last row): the counts, and the economies that
    made commitments of all economies, two numbers; the note on how they count below."""
    rows = [*commitments.areas, commitments.plan]
    _table(
        sheet,
        [
            Column(figures.AREA_COLUMN, 60, wrap=True),
            *[Column(label, 10, COUNT) for _key, label in figures.COUNT_COLUMNS],
            Column(figures.ECONOMIES_COLUMN, 11, COUNT),
            Column("Of economies", 14, COUNT),
        ],
        [
            [
                row.title if row.number is None else f"{row.number}. {row.title}",
                *[getattr(row, key) for key, _label in figures.COUNT_COLUMNS],
                row.economies,
                row.economy_total,
            ]
            for row in rows
        ],
    )
    for cell in sheet[len(rows) + 1]:
        cell.font = BOLD
    note = _cell(
        sheet, len(rows) + 3, 1, figures.note(commitments.year, commitments.plan.economy_total)
    )
    note.alignment = WRAP
    sheet.row_dimensions[note.row].height = LINE * _lines(note.value, 60)


def _projects(sheet: Worksheet, content: ReviewContent) -> None:
    """The project portfolio of the window: projects and share per area (shares may add up to
    more than 100 %: a project may address several areas)."""
    found = content.portfolio
    _table(
        sheet,
        [
            Column("Priority area", 60, wrap=True),
            Column("Projects", 10, COUNT),
            Column("Of all projects", 14, COUNT),
            Column("Share", 10, PERCENT),
        ],
        [
            [f"{row.number}. {row.name}", row.projects, found.total, row.share]
            for row in found.areas
        ],
    )


def _lessons(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Economy", 18),
            Column("Year", 7),
            Column("Source", 14),
            Column("Lesson", 90, wrap=True),
        ],
        [
            [lesson.economy, lesson.year, lesson.source, lesson.text]
            for lesson in content.lessons or []
        ],
    )


# The annexes' records, a sheet each: (the content's list, [(column, the record's key)]).
def _records(sheet: Worksheet, content: ReviewContent) -> None:
    key, columns = RECORD_SHEETS[sheet.title]
    _table(
        sheet,
        [column for column, _field in columns],
        [
            [getattr(record, field) for _column, field in columns]
            for record in getattr(content, key) or []
        ],
    )


def _annex(sheet: Worksheet, content: ReviewContent) -> None:
    _table(
        sheet,
        [
            Column("Economy", 18),
            Column("Code", 7),
            Column("Year", 7),
            Column("Status", 12),
            Column("Initiatives", 11, COUNT),
            Column("Measures answered", 11, COUNT),
            Column("Lessons learned", 80, wrap=True),
        ],
        [
            [
                economy.economy,
                economy.code,
                year.year,
                year.status,
                year.initiatives,
                year.measures_answered,
                year.lessons,
            ]
            for economy in content.annex or []
            for year in economy.years
        ],
    )

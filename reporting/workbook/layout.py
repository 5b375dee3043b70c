"""What the download writes and the upload reads back: sheet names, row markers and limits."""

from decimal import Decimal

from reporting.reports.models import ReportSection
from reporting.reports.numbers import plain_number

FORMAT = "smewg-report-workbook/1"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
META_SHEET = "Workbook"

# Column A of a section sheet (hidden) says what each row holds:
#   "section:<slug>" in A1;
#   "field:<name>" a single answer of the section, in column C;
#   "columns:<prefix>" the form field under each column of the table that follows;
#   "<prefix>:<id>" a record of that table, "<prefix>:" an empty row for a new one.
SECTION_MARK = "section"
FIELD_MARK = "field"
COLUMNS_MARK = "columns"
FIELD_VALUE_COLUMN = 3  # C
# Columns shown for reading only (the measure, last year's figures): never read back.
INFO = "info:"

YES, NO = "Yes", "No"
YES_WORDS = {"yes", "y", "x", "true", "1", "✓", "✔"}
NO_WORDS = {"", "no", "n", "false", "0"}

# Sized for a report, with room to spare; bigger files are refused before they are parsed.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS_PER_SHEET = 2000
MAX_PENDING_CHARACTERS = 2_000_000

# Empty rows offered under each table for new records (the sheets are protected, so the rows
# cannot be inserted; another upload adds more).
BLANK_ROWS = {"initiatives": 15, "best_practices": 8, "dialogues": 8, "apec_activities": 8}


def sheet_title(section: ReportSection) -> str:
    """Short enough for Excel's 31 characters; the sheet's first row gives the full title."""
    return f"Area {section.area.number}" if section.area is not None else "General indicators"


def marker(kind: str, rest: object = "") -> str:
    return f"{kind}:{rest}"


def number_cell(value: Decimal | None) -> float | int | str | None:
    """A number Excel can compute with, unless a float would change it (then text)."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else plain_number(value)


def cell_text(value: object) -> str:
    """What a cell says, as the text a form field would receive."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return plain_number(Decimal(repr(value)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)

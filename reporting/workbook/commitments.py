"""The report's commitments in its workbook: a "Commitments" sheet listing the economy's open
commitments with where each stands (filled in with last year's word) for the delegate to
change, and this report's own commitments to read; read back on upload, shown in the preview,
and saved with the sections through the commitments' service.

New commitments are added on the site or through the API: a commitment names objectives and a
due year, which a row of cells would only garble."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from plans.spreadsheets import put
from reporting.commitments.models import FollowUpStatus
from reporting.commitments.open import OpenCommitment, open_commitments
from reporting.commitments.services import FollowUpChange
from reporting.reports.models import EconomyReport
from reporting.workbook.layout import COLUMNS_MARK, INFO, MAX_ROWS_PER_SHEET, cell_text, marker

SHEET = "Commitments"
SHEET_MARK = "commitments"
PREFIX = "follow_ups"
LABELS = {status.label: status.value for status in FollowUpStatus}
WRAP = Alignment(wrap_text=True, vertical="top")
NOT_A_STATUS = f"Choose {', '.join(LABELS)} from the list, or leave the cell empty."


@dataclass(frozen=True)
class FollowUpRow:
    """One row of the sheet that changes what the report says of a commitment."""

    row: int
    what: str
    before: str
    after: str
    change: FollowUpChange


HEADERS = (
    (f"{INFO}text", "Commitment", 50),
    (f"{INFO}made", "Made in", 10),
    (f"{INFO}due", "Due", 10),
    (f"{INFO}last", "Last said", 14),
    ("status", "Where it stands", 16),
    ("reason", "If dropped, why", 40),
)
STATUS_COLUMN, REASON_COLUMN = 6, 7  # F and G: column A holds the row markers, hidden


def commitments_sheet(workbook: Workbook, report: EconomyReport) -> None:
    """The sheet: locked but for each open commitment's status (a drop-down list) and reason."""
    ws = workbook.create_sheet(SHEET)
    ws.column_dimensions["A"].hidden = True
    put(ws.cell(1, 1), marker(SHEET_MARK))
    put(ws.cell(1, 2), "Commitments")
    ws.cell(1, 2).font = Font(bold=True, size=14)
    put(
        ws.cell(2, 2),
        "Your economy's commitments from its earlier accepted reports that no report has said "
        "done or dropped. Choose where each stands; say why one was dropped. Add new "
        "commitments on the report's Commitments page.",
    )
    ws.cell(2, 2).alignment = WRAP
    for index, (key, header, width) in enumerate(HEADERS, start=2):
        put(ws.cell(4, index), header)
        ws.cell(4, index).font = Font(bold=True)
        put(ws.cell(5, index), key)
        ws.column_dimensions[get_column_letter(index)].width = width
    put(ws.cell(5, 1), marker(COLUMNS_MARK, PREFIX))
    ws.row_dimensions[5].hidden = True
    choices = DataValidation(
        type="list", formula1=f'"{",".join(LABELS)}"', allow_blank=True, showErrorMessage=True
    )
    ws.add_data_validation(choices)
    row = 5
    for item in open_commitments(report, objectives=False):
        row += 1
        values = (
            item.commitment.text,
            item.made_in,
            item.commitment.due_year,
            _label(item.previous.status) if item.previous else "",
            _label(item.status),
            item.reason,
        )
        put(ws.cell(row, 1), marker(PREFIX, item.commitment.pk))
        for index, value in enumerate(values, start=2):
            cell = ws.cell(row, index)
            put(cell, value)
            cell.alignment = WRAP
            if index in (STATUS_COLUMN, REASON_COLUMN):
                cell.protection = Protection(locked=False)
                cell.number_format = "@"
        choices.add(ws.cell(row, STATUS_COLUMN).coordinate)
    made = list(report.commitments.all())
    if made:
        row += 2
        put(ws.cell(row, 2), "This report's commitments (change them on the site)")
        ws.cell(row, 2).font = Font(bold=True)
        for commitment in made:
            row += 1
            put(ws.cell(row, 2), f"{commitment.text} (due {commitment.due_year})")
            ws.cell(row, 2).alignment = WRAP
    # Against slips, as the section sheets: no password, and the upload checks every cell.
    ws.protection.sheet = True
    ws.protection.formatRows = False


def _label(status: str) -> str:
    return FollowUpStatus(status).label if status else ""


def read_commitments_sheet(worksheet) -> list[dict] | None:
    """The sheet's rows as `{"commitment", "row", "status", "reason"}`; None for another
    sheet."""
    rows = worksheet.iter_rows(values_only=True)
    first = next(rows, None)
    if not (first and first[0] == marker(SHEET_MARK)):
        return None
    keys: dict[int, str] = {}
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS_PER_SHEET:
            break
        mark = values[0] if values else None
        if not isinstance(mark, str):
            continue
        kind, _, rest = mark.partition(":")
        if kind == COLUMNS_MARK and rest == PREFIX:
            keys = {i: key for i, key in enumerate(values) if key in ("status", "reason")}
        elif kind == PREFIX and rest.isdigit():
            cells = {
                key: cell_text(values[i]) if i < len(values) else "" for i, key in keys.items()
            }
            found.append({"commitment": int(rest), "row": number, **cells})
    return found


def review_follow_ups(
    report: EconomyReport, rows: list[dict]
) -> tuple[list[FollowUpRow], list[tuple[int, str, str]]]:
    """What the rows change of the report's follow-ups, and the problems: (row, column,
    message). A row left empty, or saying what the report says already, changes nothing."""
    items: dict[int, OpenCommitment] = {
        item.commitment.pk: item for item in open_commitments(report, objectives=False)
    }
    changes: list[FollowUpRow] = []
    problems: list[tuple[int, str, str]] = []
    for row in rows:
        item = items.get(row["commitment"])
        label, reason = row.get("status", "").strip(), row.get("reason", "").strip()
        if item is None:
            problems.append(
                (
                    row["row"],
                    "",
                    "This commitment is no longer open for the report: "
                    "download the workbook again.",
                )
            )
            continue
        if not label:
            continue
        status = LABELS.get(label) or LABELS.get(label.capitalize())
        if status is None:
            problems.append((row["row"], "F (Where it stands)", NOT_A_STATUS))
            continue
        if status == FollowUpStatus.DROPPED and not reason:
            problems.append(
                (row["row"], "G (If dropped, why)", "Say why the commitment was dropped.")
            )
            continue
        reason = reason if status == FollowUpStatus.DROPPED else ""
        current = item.current
        if current is not None and (current.status, current.reason) == (status, reason):
            continue
        changes.append(
            FollowUpRow(
                row=row["row"],
                what=item.commitment.text,
                before=_label(current.status) if current else "",
                after=_label(status) + (f": {reason}" if reason else ""),
                change=FollowUpChange(item.commitment.pk, status, reason),
            )
        )
    return changes, problems

"""Writing user text into openpyxl cells: text stays text.

openpyxl stores any string starting with "=" as a formula, so a title such as
`=HYPERLINK("http://evil","Click")` would run in Excel. Every export writes user text through
`put`, which marks it as a string cell (and drops the control characters openpyxl refuses).
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet


def put(cell: Cell, value: object) -> Cell:
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """`Worksheet.append`, with every string written as text."""
    sheet.append(
        [
            ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
            for value in values
        ]
    )
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"

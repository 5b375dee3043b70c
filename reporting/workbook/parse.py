"""Reading an uploaded workbook into plain data: what each row of each section sheet says.

Nothing here judges the values: reporting.workbook.check puts them through the section forms.
What is refused here is the file itself: not an .xlsx, too big, unreadable, or the workbook of
another report. The result is JSON-friendly, so that it can wait in the session between the
preview and the confirmation.
"""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reporting.reports.models import EconomyReport
from reporting.workbook.commitments import read_commitments_sheet
from reporting.workbook.layout import (
    COLUMNS_MARK,
    FIELD_MARK,
    FIELD_VALUE_COLUMN,
    FORMAT,
    INFO,
    MAX_PENDING_CHARACTERS,
    MAX_ROWS_PER_SHEET,
    MAX_UNPACKED_BYTES,
    META_SHEET,
    NO_WORDS,
    SECTION_MARK,
    cell_text,
)

NOT_EXCEL = (
    "The file is not an Excel workbook (.xlsx). Download the report's workbook from this page, "
    "fill it in, and upload it as an .xlsx file (in Excel: File, Save as, Excel Workbook)."
)
UNREADABLE = (
    "The file could not be read as an Excel workbook: it may be damaged. Open it in Excel, "
    "save it again as .xlsx, and upload it once more."
)
NOT_OURS = (
    "This workbook was not downloaded from a report page of this site, or its hidden sheets "
    "were removed. Download the report's workbook from this page and copy your answers into it."
)


class WorkbookRefused(Exception):
    """The file cannot be read as this report's workbook; the message says what to do."""


def read_upload(data: bytes, *, report: EconomyReport) -> dict:
    """What the workbook says, section by section, if it is this report's workbook."""
    _check_container(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        # A damaged or hostile file can fail anywhere inside openpyxl and its XML parser.
        raise WorkbookRefused(UNREADABLE) from error
    try:
        upload = _read(workbook, report)
    except WorkbookRefused:
        raise
    except Exception as error:
        raise WorkbookRefused(UNREADABLE) from error
    finally:
        workbook.close()
    if len(json.dumps(upload)) > MAX_PENDING_CHARACTERS:
        raise WorkbookRefused(
            "The workbook holds far more text than a report can: check that only this "
            "report's answers are in it."
        )
    return upload


def _check_container(data: bytes) -> None:
    """An .xlsx file is a zip archive; look at it before any XML is parsed."""
    if not zipfile.is_zipfile(BytesIO(data)):
        raise WorkbookRefused(NOT_EXCEL)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise WorkbookRefused(UNREADABLE) from error
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(NOT_EXCEL)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(
            "The workbook unpacks to far more data than a report holds: it cannot be read."
        )


def _read(workbook, report: EconomyReport) -> dict:
    if META_SHEET not in workbook.sheetnames:
        raise WorkbookRefused(NOT_OURS)
    meta = {}
    for row in workbook[META_SHEET].iter_rows(max_row=100, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            meta[row[0]] = cell_text(row[1] if len(row) > 1 else None)
    if meta.get("format") != FORMAT:
        raise WorkbookRefused(NOT_OURS)
    economy, year = meta.get("economy", ""), meta.get("year", "")
    if (economy, year) != (report.economy.code, str(report.cycle.year)):
        theirs = meta.get("economy_name") or economy
        raise WorkbookRefused(
            f"This workbook holds the {year} report of {theirs}, not the "
            f"{report.cycle.year} report of {report.economy}. Upload it on the page of the "
            f"report it belongs to, or download {report.economy}'s {report.cycle.year} workbook "
            "from this page."
        )
    # Kept in the session as JSON until the upload is confirmed.
    upload: dict[str, Any] = {
        "format": FORMAT,
        "downloaded": meta.get("downloaded", ""),
        "versions": {
            key.removeprefix("version:"): int(value)
            for key, value in meta.items()
            if key.startswith("version:") and value.isdigit()
        },
        "sections": {},
        "problems": [],
    }
    for worksheet in workbook.worksheets:
        if worksheet.title == META_SHEET:
            continue
        follow_ups = read_commitments_sheet(worksheet)
        if follow_ups is not None:
            upload["follow_ups"] = follow_ups
            continue
        sheet = _read_sheet(worksheet)
        if sheet is None:
            continue
        slug = sheet.pop("slug")
        if slug in upload["sections"]:
            upload["problems"].append(
                {
                    "sheet": worksheet.title,
                    "row": 1,
                    "column": "",
                    "message": f"This sheet repeats the section of the sheet "
                    f"“{upload['sections'][slug]['sheet']}”: only that one was read.",
                }
            )
            continue
        upload["sections"][slug] = sheet
    if not upload["sections"]:
        raise WorkbookRefused(NOT_OURS)
    return upload


def _read_sheet(worksheet) -> dict | None:
    """A section sheet's fields and rows; None for a sheet that is not a section."""
    rows = worksheet.iter_rows(values_only=True)
    first = next(rows, None)
    mark = first[0] if first else None
    if not (isinstance(mark, str) and mark.startswith(f"{SECTION_MARK}:")):
        return None
    sheet = {
        "slug": mark.partition(":")[2],
        "sheet": worksheet.title,
        "fields": {},
        "rows": [],
        "columns": {},
    }
    keys_by_prefix: dict[str, dict[int, str]] = {}
    header: tuple = ()
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS_PER_SHEET:
            raise WorkbookRefused(
                f"The sheet “{worksheet.title}” has more than {MAX_ROWS_PER_SHEET} rows: a "
                "report sheet has far fewer. Download the workbook again."
            )
        mark = values[0] if values else None
        if not (isinstance(mark, str) and ":" in mark):
            header = values or ()
            continue
        kind, _, rest = mark.partition(":")
        if kind == COLUMNS_MARK:
            keys = {
                index: key
                for index, key in enumerate(values)
                if index > 0 and isinstance(key, str) and key and not key.startswith(INFO)
            }
            keys_by_prefix[rest] = keys
            sheet["columns"][rest] = {
                key: _column_name(index, header) for index, key in keys.items()
            }
        elif kind == FIELD_MARK:
            label = values[1] if len(values) > 1 else None
            value = values[FIELD_VALUE_COLUMN - 1] if len(values) >= FIELD_VALUE_COLUMN else None
            sheet["fields"][rest] = {
                "row": number,
                "value": cell_text(value),
                "column": _column_name(FIELD_VALUE_COLUMN - 1, (None, None, cell_text(label))),
            }
        elif kind in keys_by_prefix:
            cells = {
                key: cell_text(values[index]) if index < len(values) else ""
                for index, key in keys_by_prefix[kind].items()
            }
            if not rest and all(text.strip().lower() in NO_WORDS for text in cells.values()):
                continue  # an empty row for a new record, left empty
            sheet["rows"].append({"prefix": kind, "id": rest, "row": number, "cells": cells})
        header = values
    return sheet


def _column_name(index: int, header: tuple) -> str:
    """“K (Reference year)”: the column's letter and its heading, for messages."""
    letter = get_column_letter(index + 1)
    title = header[index] if index < len(header) else None
    return f"{letter} ({title})" if isinstance(title, str) and title else letter

"""The entries behind a review, one row per answer and per initiative, as CSV and JSON: a
django-import-export Resource over the row dicts of content["raw"] (its fields read dict keys as
they read model attributes), with the columns of reporting.reviews.raw_rows.RAW_COLUMNS."""

from __future__ import annotations

import datetime
from typing import Any

from import_export import fields, resources, widgets

from reporting.reviews.raw_rows import RAW_COLUMNS

# Cells a spreadsheet would run as a formula when the CSV is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = {name for name in RAW_COLUMNS if name not in ("year", "area", "value")}


def _text(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=widgets.CharWidget())


def _integer(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=widgets.IntegerWidget())


class RawEntryResource(resources.Resource):
    economy = _text("economy")
    year = _integer("year")
    area = _integer("area")
    record = _text("record")
    objective = _text("objective")
    measure = _text("measure")
    value = fields.Field(attribute="value", column_name="value", widget=widgets.FloatWidget())
    unit = _text("unit")
    assessment = _text("assessment")
    narrative = _text("narrative")

    class Meta:
        export_order = RAW_COLUMNS


def render(content: dict[str, Any], *, fmt: str, stamp: datetime.datetime) -> bytes:
    rows = content.get("raw", [])
    if fmt == "json":
        # Numbers as numbers, missing values as null.
        dataset = RawEntryResource().export(rows, force_native_type=True)
        return dataset.export("json").encode()
    dataset = RawEntryResource().export(rows)
    texts = [name in TEXT_COLUMNS for name in dataset.headers]
    for index, row in enumerate(dataset):
        dataset[index] = tuple(
            _inert(value) if is_text else value for value, is_text in zip(row, texts, strict=True)
        )
    # With a byte order mark, Excel reads the file as UTF-8.
    return dataset.export("csv").encode("utf-8-sig")


def _inert(value: Any) -> Any:
    """A text a spreadsheet would take for a formula, quoted as text (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

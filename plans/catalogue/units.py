"""One unit per measure: a value typed in an allowed scale, brought to the measure's unit.

Each measure of progress has one unit (`MeasureOfProgress.unit`); where the catalogue lets a
measure be reported at several scales (USD thousand, million, billion) it lists them with their
factors to that unit (`MeasureOfProgress.scales`). The forms, the workbook, the API and the data
migration of the older entries all call `to_measure_unit`, so a value is judged alike wherever it
comes from. Plain functions of plain values: the migration passes its historical rows' fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

PERCENTAGE_KINDS = ("rate", "share")
COUNT_KINDS = ("number",)
PLACES = Decimal("0.0001")  # MeasureEntry.value keeps four decimal places

# Spellings people type for the same unit; anything else must be one of the allowed units.
SYNONYMS = {"percent": "%", "per cent": "%", "pct": "%", "number": "count"}

# The scales the catalogue offers for a measure of each unit (used by the data migration and
# the fixtures; the administrator may change a measure's scales in the admin).
DEFAULT_SCALES = {
    "USD million": {"USD thousand": "0.001", "USD billion": "1000"},
}


class UnitError(ValueError):
    """A value that cannot be stored in its measure's unit; `field` is the form field to blame
    ("unit" or "value") and the message says what to do."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def normal(unit: str) -> str:
    """“USD  Million.” and “usd million” are the same unit; “percent” is “%”."""
    text = " ".join(unit.replace(".", " ").split()).casefold()
    return SYNONYMS.get(text, text)


def allowed_units(measure_unit: str, scales: Mapping[str, object] | None) -> list[str]:
    """The measure's unit first, then the other scales it may be reported in, smallest first
    (by factor: PostgreSQL's jsonb keeps no key order)."""
    known = scales or {}
    others = [name for name in known if name != measure_unit]
    return [measure_unit, *sorted(others, key=lambda name: _factor(known[name]))]


def _factor(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


def units_text(units: list[str]) -> str:
    shown = [f"“{unit}”" for unit in units if unit]
    if not shown:
        return "no unit"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def to_measure_unit(
    *,
    value: Decimal | None,
    unit: str,
    measure_unit: str,
    kind: str,
    scales: Mapping[str, object] | None,
) -> Decimal | None:
    """The value in the measure's unit; UnitError when the unit is not one the catalogue allows
    for the measure, or the value does not fit the measure's kind (rates and shares 0-100,
    counts whole numbers). An empty unit means the measure's own unit."""
    if value is None:
        return None
    factor = Decimal(1)
    wanted = normal(unit or "")
    if wanted and wanted != normal(measure_unit):
        factors = {normal(name): factor for name, factor in (scales or {}).items()}
        if wanted not in factors:
            allowed = allowed_units(measure_unit, scales)
            raise UnitError(
                "unit",
                f"“{unit.strip()}” is not a unit of this measure: enter the value in "
                f"{units_text(allowed)}.",
            )
        try:
            factor = Decimal(str(factors[wanted]))
        except InvalidOperation:
            raise UnitError(
                "unit", f"The catalogue's factor for “{unit}” is not a number."
            ) from None
    converted = (Decimal(value) * factor).quantize(PLACES, rounding=ROUND_HALF_EVEN)
    if kind in PERCENTAGE_KINDS and not 0 <= converted <= 100:
        raise UnitError("value", "Enter a percentage between 0 and 100.")
    if kind in COUNT_KINDS and converted < 0:
        raise UnitError("value", "A number of things cannot be negative.")
    if kind in COUNT_KINDS and converted != converted.to_integral_value():
        raise UnitError("value", "Enter a whole number, like 12: a count has no fractions.")
    return converted

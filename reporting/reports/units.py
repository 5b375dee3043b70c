"""Bringing the entries typed before units were fixed per measure into their measure's unit.

Used once by the data migration `0007_measure_units` (and by its tests): every entry is either
converted (an allowed scale, or the measure's own unit spelt differently) or left as it was and
flagged in `MeasureEntry.unit_problem`, which keeps it out of the statistics and lists it for the
program director until a delegate corrects it.
"""

from __future__ import annotations

from decimal import Decimal

from plans.catalogue.units import UnitError, to_measure_unit


def convert_entry(
    *, value: Decimal | None, unit: str, measure_unit: str, kind: str, scales: dict | None
) -> tuple[Decimal | None, str, str]:
    """(value, unit, problem): the value in the measure's unit with no problem, or the value
    and unit as they were with the reason they could not be converted."""
    try:
        converted = to_measure_unit(
            value=value, unit=unit, measure_unit=measure_unit, kind=kind, scales=scales
        )
    except UnitError as error:
        shown = format(value.normalize(), "f") if value is not None else ""
        problem = f"The value {shown} {unit}".rstrip() + f" was not converted: {error.message}"
        return value, unit, problem[:300]
    return converted, measure_unit, ""


def convert_entries(entry_model) -> tuple[int, int]:
    """Convert or flag every entry of `entry_model` (the historical model in the migration);
    returns (converted, flagged)."""
    changed, converted, flagged = [], 0, 0
    entries = entry_model.objects.select_related("measure").order_by("pk")
    for entry in entries.iterator(chunk_size=2000):
        measure = entry.measure
        value, unit, problem = convert_entry(
            value=entry.value,
            unit=entry.unit,
            measure_unit=measure.unit,
            kind=measure.kind,
            scales=measure.scales,
        )
        if (value, unit, problem) != (entry.value, entry.unit, entry.unit_problem):
            entry.value, entry.unit, entry.unit_problem = value, unit, problem
            changed.append(entry)
            if problem:
                flagged += 1
            else:
                converted += 1
    entry_model.objects.bulk_update(changed, ["value", "unit", "unit_problem"], batch_size=500)
    return converted, flagged

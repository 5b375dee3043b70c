"""The review's content, typed where its renderers read it: the measures of progress, with kind
and unit as separate fields, and the loader that reads a stored snapshot of any schema.

`SCHEMA_VERSION` is kept in every content built (`schema_version`). Snapshots frozen before it
(schema 1) hold a measure's kind with its unit ("Rate, %") beside the unit ("%"): the loader
splits them, so that every renderer prints the unit once ("Rate, %"), for old and new reviews
alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class MeasureYear:
    """One year's values of a measure across the economies: never a sum."""

    year: int
    economies: int
    min: float | None
    median: float | None
    max: float | None


@dataclass(frozen=True)
class Measure:
    number: int
    text: str
    kind: str  # "Rate", "Value" ...
    unit: str  # "%", "USD million" ... ("" where there is none)
    answered: int
    counts: dict[str, int]
    years: list[MeasureYear]

    @property
    def kind_and_unit(self) -> str:
        """“Rate, %”: the unit once, after the kind."""
        return f"{self.kind}, {self.unit}" if self.unit else self.kind


def schema_of(content: dict[str, Any]) -> int:
    return content.get("schema_version", 1)


def measure_from(data: dict[str, Any], *, schema_version: int) -> Measure:
    """A measure of a stored content, of this schema."""
    kind, unit = data["kind"], data["unit"] or ""
    if schema_version < 2 and unit and kind.endswith(f", {unit}"):
        kind = kind.removesuffix(f", {unit}")
    return Measure(
        number=data["number"],
        text=data["text"],
        kind=kind,
        unit=unit,
        answered=data["answered"],
        counts=dict(data["counts"]),
        years=[
            MeasureYear(
                year=year["year"],
                economies=year["economies"],
                min=year["min"],
                median=year["median"],
                max=year["max"],
            )
            for year in data["years"]
        ],
    )


def measures_of(content: dict[str, Any], area: dict[str, Any]) -> list[Measure]:
    """The area's measures, whatever the schema its content was stored in."""
    version = schema_of(content)
    return [measure_from(measure, schema_version=version) for measure in area["measures"]]

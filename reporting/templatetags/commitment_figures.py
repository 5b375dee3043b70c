"""The commitments' table as templates/commitments/figures_table.html draws it: its labels, a
row's counts and the note, from reporting/commitments/figures.py (the files' too)."""

from __future__ import annotations

from django import template

from reporting.commitments import figures

register = template.Library()


@register.simple_tag
def commitment_labels() -> dict[str, object]:
    return {
        "area": figures.AREA_COLUMN,
        "counts": [label for _key, label in figures.COUNT_COLUMNS],
        "economies": figures.ECONOMIES_COLUMN,
    }


@register.filter
def commitment_counts(row: object) -> list[int]:
    """A row's counts in the columns' order: the dashboard's figures and a document's alike."""
    return [getattr(row, key) for key, _label in figures.COUNT_COLUMNS]


@register.filter
def commitment_caption(year: int) -> str:
    return figures.caption(year)


@register.filter
def commitment_note(year: int, economy_total: int) -> str:
    return figures.note(year, economy_total)

"""Writing a draft document's text, as the annual report's and the review's services do: its
own text and the text on each priority area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reporting.documents.errors import StaleDocument
from reporting.documents.models import FrozenContent


def write_text(
    document: FrozenContent,
    *,
    expected_version: int,
    stale: type[StaleDocument],
    areas: dict[int, dict[str, str]],
    area_fields: Sequence[str],
    **texts: str,
) -> None:
    """Write the locked draft `document`'s `texts` (field -> text) as a new version, unless
    someone saved it after `expected_version` was read: then `stale` is raised. Then each of the
    plan's areas gets its `area_fields` from `areas` (area id -> field -> text; "" when absent),
    in the document's `area_texts` rows."""
    if document.version != expected_version:
        raise stale(document)
    for name, text in texts.items():
        setattr(document, name, text.strip())
    document.version += 1
    document.full_clean()
    document.save()
    rows: Any = document.area_texts  # type: ignore[attr-defined]
    existing = {row.area_id: row for row in rows.all()}
    for area in document.plan.areas.all():
        fields = areas.get(area.pk, {})
        row = existing.get(area.pk) or rows.model(area=area, **{rows.field.name: document})
        for name in area_fields:
            setattr(row, name, fields.get(name, "").strip())
        row.full_clean()
        row.save()

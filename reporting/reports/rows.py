"""Writing a section's rows in bulk: a few statements per kind of change, whatever the number
of rows.

What changed is worked out by the section's forms before the report is locked
(`RowWrite`, `RowWrites`); `rows_write` writes it under the lock, with the audit history
django-simple-history keeps of a row saved one by one (a version per row written, holding its
many-to-many choices as they are after the save) and the rows' search vectors. A row that did
not change is neither written nor given a version.
"""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import cast

from django.contrib.auth.models import User
from django.db.models import ManyToManyField, Model, Q

from reporting.reports.search import refresh_row_search_vectors


@dataclass
class RowWrite:
    """One row to write: a new one (every field), or a stored one with the fields that
    changed. `choices` are its many-to-many choices after the save and `before` as stored (none
    for a new row), by field name."""

    record: Model
    new: bool
    fields: list[str] = field(default_factory=list)
    choices: dict[str, set[int]] = field(default_factory=dict)
    before: dict[str, set[int]] = field(default_factory=dict)


@dataclass
class RowWrites:
    """Everything a save writes of one kind of row (a formset's)."""

    model: type[Model]
    created: list[RowWrite] = field(default_factory=list)
    updated: list[RowWrite] = field(default_factory=list)
    deleted: list[Model] = field(default_factory=list)

    @property
    def written(self) -> list[RowWrite]:
        return [*self.created, *self.updated]


def rows_write(writes: RowWrites, *, user: User, when: datetime.datetime) -> None:
    """Called by the section's save, under the report's lock, in its transaction.

    Queries, each when there is something of its kind to write: the rows deleted (Django's
    delete, which keeps each deleted row in the history: a few queries a row, deletions being
    rare), created, updated; the history of those created and of those updated; for each
    many-to-many field, its links removed and added, then read back and kept in the history;
    the rows' search vectors (PostgreSQL)."""
    model = writes.model
    if writes.deleted:
        model._default_manager.filter(pk__in=[row.pk for row in writes.deleted]).delete()
    if writes.created:
        model._default_manager.bulk_create([row.record for row in writes.created])
    changed = [row for row in writes.updated if row.fields]
    if changed:
        fields = sorted({name for row in changed for name in row.fields})
        model._default_manager.bulk_update([row.record for row in changed], fields)
    written = writes.written
    if not written:
        return
    history = model.history  # type: ignore[attr-defined]
    versions = []
    for rows, update in ((writes.created, False), (writes.updated, True)):
        if rows:
            versions += history.bulk_history_create(
                [row.record for row in rows],
                update=update,
                default_user=user,
                default_date=when,
                default_change_reason=None,
            )
    _write_choices(model, written)
    _keep_choices_in_history(history.model, written, versions)
    refresh_row_search_vectors(model, [row.record.pk for row in written])


def _write_choices(model: type[Model], rows: list[RowWrite]) -> None:
    """The links that changed, per many-to-many field: one statement removes those dropped, one
    adds those chosen; links kept stay as they are."""
    for many in model._meta.many_to_many:
        assert isinstance(many, ManyToManyField)
        through = cast(type[Model], many.remote_field.through)
        source = f"{many.m2m_field_name()}_id"
        target = f"{many.m2m_reverse_field_name()}_id"
        # The rows that drop each choice: a condition per choice dropped, not per row.
        dropped: dict[int, list[int]] = {}
        added = []
        for row in rows:
            if many.name not in row.choices:
                continue
            before = row.before.get(many.name, set())
            after = row.choices[many.name]
            for pk in before - after:
                dropped.setdefault(pk, []).append(row.record.pk)
            added += [through(**{source: row.record.pk, target: pk}) for pk in after - before]
        if dropped:
            conditions = [
                Q(**{target: pk, f"{source}__in": records}) for pk, records in dropped.items()
            ]
            through._default_manager.filter(reduce(operator.or_, conditions)).delete()
        if added:
            through._default_manager.bulk_create(added)


def _keep_choices_in_history(history_model, rows: list[RowWrite], versions: list) -> None:
    """Each new version holds its row's links as they are now, as django-simple-history records
    them for a row saved alone (its m2m_fields): per field, one read and one write."""
    fields = getattr(history_model, "_history_m2m_fields", [])
    if not fields or not versions:
        return
    version_of = {version.id: version for version in versions}
    ids = [row.record.pk for row in rows]
    for many in fields:
        through = many.remote_field.through
        source = f"{many.m2m_field_name()}_id"
        kept = getattr(history_model, many.name).model
        columns = [column.attname for column in through._meta.concrete_fields]
        links = through.objects.filter(**{f"{source}__in": ids}).values_list(*columns)
        rows_kept = []
        for values in links:
            link = dict(zip(columns, values, strict=True))
            rows_kept.append(kept(history=version_of[link[source]], **link))
        kept.objects.bulk_create(rows_kept)

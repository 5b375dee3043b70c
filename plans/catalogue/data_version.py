"""A plan's data version: one number that changes whenever anything a plan's roll-ups, reviews
or pages show may have changed, so that what is worked out from that data can be kept under it
and known to be current without reading the data again.

- `data_version_bump(plan_ids=...)` adds one, in the caller's transaction: the change and the
  new version are committed together, so a reader never sees the one without the other. It is
  called by every write that can change what a plan's documents show: the report workflow's
  steps (reporting.reports.summaries `after_change`, `rollups_rebuild`; starting a report and
  opening or closing a cycle, which the participation figures show), the admin's changes and
  imports of the catalogue, cycles and evidence files, the APEC projects' services, and the
  demo's catalogue. Without `plan_ids`, every plan's version moves: an economy, a forum or a
  target group belongs to all of them.
- `data_version(plan_id)` reads it (one row; 0 before the first change).
- Once a change that moved it is committed, the listeners registered with
  `register_data_change_listener` are told which plans changed: the documents feature (a layer
  above, which nothing here may import) queues the making of the plans' draft documents' files
  (reporting.documents.tasks `queue_draft_files`, registered by `reporting.apps`).

A cache key holding the version (with whatever else its value depends on) is then a key of
that data's state. The review's content digest is kept so (reporting.reviews.exports.stored).

The counter only grows (one statement that adds one), so a version never names two states of
the data. Restoring the database from a backup takes the versions back with the data: with a
cache outside the database (CACHE_URL), clear it after a restore.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from django.db import connection, transaction

from plans.catalogue.models import PlanDataVersion, StrategicPlan

# One statement for one plan, several or all: a row at 1 for a plan without one, else its
# version plus one, in the order of the ids (two bumps of several plans lock them in one order).
# The WHERE lets SQLite tell the SELECT's end from the ON CONFLICT clause.
BUMP_SQL = """
    INSERT INTO {versions} (plan_id, version)
    SELECT id, 1 FROM {plans} WHERE {which} ORDER BY id
    ON CONFLICT (plan_id) DO UPDATE SET version = {versions}.version + 1
"""


# Told, after the commit of a change that moved the data version, which plans changed (None:
# every plan).
DataChangeListener = Callable[[list[int] | None], None]
_listeners: list[DataChangeListener] = []


def register_data_change_listener(listener: DataChangeListener) -> None:
    if listener not in _listeners:  # set once, as the apps start
        _listeners.append(listener)


def data_version_bump(*, plan_ids: Iterable[int] | None = None) -> None:
    """Add one to the data version of these plans (of every plan without `plan_ids`); the
    listeners are told once the caller's transaction commits."""
    quote = connection.ops.quote_name
    ids = None if plan_ids is None else sorted(set(plan_ids))
    if ids == []:
        return
    which = "1 = 1" if ids is None else f"id IN ({', '.join(['%s'] * len(ids))})"
    sql = BUMP_SQL.format(
        versions=quote(PlanDataVersion._meta.db_table),
        plans=quote(StrategicPlan._meta.db_table),
        which=which,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids or [])
    for listener in _listeners:
        transaction.on_commit(partial(listener, ids))


def data_version(plan_id: int) -> int:
    """The plan's data version now (0 until its data first changes)."""
    found = PlanDataVersion.objects.filter(plan_id=plan_id).values_list("version", flat=True)
    return next(iter(found), 0)

"""SQLite's own limit on the variables of one statement, for Django's bulk writes.

Django 5.2 takes SQLite's limit to be 999 variables a statement, the library's default before
SQLite 3.32, and splits a bulk insert or update into statements of that many; since 3.32 the
default is 32,766, and Django 6.0 reads the limit from the library, as this does. A section's
save of 200 rows then takes one statement per table on SQLite, as on PostgreSQL, and its number
of queries does not grow with its rows.
"""

from __future__ import annotations

import sqlite3

from django.db.backends.base.base import BaseDatabaseWrapper


def use_variable_limit(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """A `connection_created` receiver (reporting.apps)."""
    if connection.vendor != "sqlite":
        return
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = max(limit, 999)

"""A database made before reports kept their first submission gets it from their history, dated
in the cycle's time zone, and when each was last reopened after acceptance."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plans.models import StrategicPlan
from reporting.models import EconomyReport
from tests.conftest import load_demo_catalogue

# Transactional: SQLite alters no schema inside the transaction a plain test runs in.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reporting", "0020_questions_between_economies")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def utc(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def test_the_first_submission_and_the_reopening_come_from_the_history():
    # An earlier transactional test may have emptied the tables: the catalogue and the accounts
    # again, written with today's models before going back.
    if not StrategicPlan.objects.filter(code="2025-2028").exists():
        load_demo_catalogue()
    executor = migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        plan = old.get_model("plans", "StrategicPlan").objects.get(code="2025-2028")
        director = old.get_model("auth", "User").objects.get(username="director")
        cycle, _ = old.get_model("reporting", "ReportingCycle").objects.update_or_create(
            year=2026,
            defaults={
                "plan": plan,
                "opens": dt.date(2026, 1, 15),
                "due": dt.date(2026, 10, 31),
                "closes": dt.date(2026, 12, 15),
                "time_zone": "America/Lima",
            },
        )
        economies = old.get_model("plans", "Economy").objects
        reports = old.get_model("reporting", "EconomyReport").objects
        history = old.get_model("reporting", "HistoricalEconomyReport").objects
        fields = {"cycle": cycle, "created_by": director, "created_at": utc(9, 1)}
        peru = reports.create(
            economy=economies.get(code="PE"), status="returned", submitted_at=utc(12, 3), **fields
        )
        # Submitted at 23:30 on the due date in Lima (04:30 UTC the next day), returned,
        # submitted again in December, accepted, then reopened.
        steps = [
            ("draft", None, utc(9, 1)),
            ("submitted", utc(11, 1, 4, 30), utc(11, 1, 4, 30)),
            ("returned", utc(11, 1, 4, 30), utc(11, 10)),
            ("submitted", utc(12, 3), utc(12, 3)),
            ("accepted", utc(12, 3), utc(12, 5)),
            ("returned", utc(12, 3), utc(12, 20)),
        ]
        for status, submitted_at, when in steps:
            history.create(
                id=peru.pk,
                economy_id=peru.economy_id,
                cycle_id=cycle.pk,
                created_by_id=director.pk,
                created_at=utc(9, 1),
                status=status,
                submitted_at=submitted_at,
                history_date=when,
                history_type="~",
            )
        # No history at all (loaded by other means): its one submission is the first.
        chile = reports.create(
            economy=economies.get(code="CHL"), status="accepted", submitted_at=utc(10, 2), **fields
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    peru = EconomyReport.objects.get(pk=peru.pk)
    assert peru.first_submitted_at == utc(11, 1, 4, 30)
    assert peru.first_submitted_on == dt.date(2026, 10, 31)
    assert peru.submitted_on_time is True
    assert peru.reopened_after_acceptance_at == utc(12, 20)
    chile = EconomyReport.objects.get(pk=chile.pk)
    assert (chile.first_submitted_at, chile.first_submitted_on) == (
        utc(10, 2),
        dt.date(2026, 10, 2),
    )
    assert chile.reopened_after_acceptance_at is None

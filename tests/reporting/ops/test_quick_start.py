"""The quick start serves a workshop: `runserver` and `manage.py db_worker` on one SQLite file,
DEBUG on, as `dev.py run` starts them, with several people writing at the same moment.

Each round three delegates press Save on a section of their reports together, at the moment a
fourth submits hers; then the director returns that report, so that it can be submitted again
in the next round. The task worker sends the e-mails of every submit and return meanwhile, on
the same file. No answer may be a 5xx, and every write must be in the database afterwards.

The servers run in processes of their own on a loopback port (tests/load/harness.py drives the
pages as a browser would). The database file starts as a copy of the tests' own migrated
database when that is SQLite (milliseconds; `migrate` takes over 10 s of CPU), else migrated.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.load import harness

SAVERS = {"CHL": "1", "AUS": "2", "NZ": "general"}  # economy: the section its delegate saves
SUBMITTER = "PHL"
ROUNDS = 10
PASSWORD = "workshop-password"
TASKS = "django_tasks_database_dbtaskresult"
MAIL = "reporting.ops.mail.send_email"

# Run in the project by `manage.py shell`: the catalogue, the accounts, a draft for each saver
# and a complete report for the submitter, through the services, as people would make them.
SETUP = f"""
from django.contrib.auth.models import User
from plans import demo
from tests.reporting.factories import fill_report, start_report

demo.load_catalogue()
demo.create_demo_accounts(password={PASSWORD!r})
for code in {sorted(SAVERS)!r}:
    start_report(User.objects.get(username=f"delegate-{{code.lower()}}"), code=code)
submitter = User.objects.get(username="delegate-{SUBMITTER.lower()}")
fill_report(submitter, start_report(submitter, code="{SUBMITTER}"))
"""


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A SQLite file with every table: a copy of the tests' own database when that is SQLite
    (taken here, outside any test's transaction), else migrated."""
    path = tmp_path_factory.mktemp("schema") / "schema.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.ensure_connection()
            copy = sqlite3.connect(path)
            connection.connection.backup(copy)
            copy.close()
        else:
            harness.manage(_env(path), "migrate", "--no-input", "-v", "0")
    return path


def _env(path: Path) -> dict[str, str]:
    """The environment `dev.py run` gives the server and the worker."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{path}",
        "MEDIA_ROOT": str(path.parent / "media"),
        # One JSON object a line: the request log's status of every answer is read back below.
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    env.pop("EMAIL_BACKEND", None)  # the console, as in development: the worker prints them
    return env


@pytest.fixture
def workshop(schema, tmp_path) -> tuple[str, dict]:
    """The workshop's SQLite file, with its people and reports, and the servers' environment."""
    path = tmp_path / "workshop.sqlite3"
    shutil.copyfile(schema, path)
    env = _env(path)
    harness.manage(env, "shell", "-c", SETUP)
    return str(path), env


# The tests' database is copied before the test (see `schema`); the test writes only to its file.
@pytest.mark.django_db
def test_a_workshop_on_sqlite_loses_nothing_and_never_fails(workshop, tmp_path):
    database, env = workshop
    server, base = harness.dev_server(env, tmp_path / "runserver.log")
    worker = harness.Manage(["db_worker", "--no-reload"], env, tmp_path / "worker.log").start()
    try:
        started = time.monotonic()
        rounds = _rounds(database, base)
        rounds["seconds"] = round(time.monotonic() - started, 1)
        mail = _worker_done(database)
        assert worker.running(), "the task worker stopped"
    finally:
        worker.stop()
        server.stop()
    answers = _answers(tmp_path / "runserver.log")
    print(json.dumps({**rounds, "requests": len(answers), "mail": mail}, default=str))

    assert [status for status in answers if status >= 500] == []
    assert server.tracebacks() == []
    assert worker.tracebacks() == []
    ledger = rounds["ledger"]
    assert ledger["saves"] == {"ok": ROUNDS * len(SAVERS), "refused": 0, "unknown": 0, "error": 0}
    assert ledger["lost"] == ledger["missing"] == ledger["torn"] == []
    assert rounds["submits"] == ["ok"] * ROUNDS
    assert rounds["returns"] == [302] * ROUNDS
    # Every submit and every return is in the report's history, each with its own time.
    assert _history(database, "submitted") == ROUNDS
    assert _history(database, "returned") == ROUNDS
    # The director's e-mail of each submit and the delegate's of each return, sent once each.
    assert mail == {"SUCCESSFUL": 2 * ROUNDS}


def _rounds(database: str, base: str) -> dict:
    slots = {
        code: next(slot for slot in harness.editable_slots(database, (code,)) if slot.slug == slug)
        for code, slug in SAVERS.items()
    }
    before = {slot.key: harness.slot_state(database, slot) for slot in slots.values()}
    ledger: dict[str, list] = {slot.key: [] for slot in slots.values()}
    savers = {code: _signed_in(base, f"delegate-{code.lower()}") for code in SAVERS}
    submitter = _signed_in(base, f"delegate-{SUBMITTER.lower()}")
    director = _signed_in(base, "director")
    submits, returns = [], []
    for number in range(ROUNDS):
        together = threading.Barrier(len(SAVERS) + 1, timeout=60)

        def save(code: str, number=number, together=together) -> None:
            slot = slots[code]
            ledger[slot.key].append(
                savers[code].save(slot, f"workshop {slot.key} {number}", before_post=together.wait)
            )

        def submit(together=together) -> None:
            submits.append(submitter.submit(SUBMITTER, before_post=together.wait)["outcome"])

        threads = [threading.Thread(target=save, args=(code,)) for code in SAVERS]
        threads.append(threading.Thread(target=submit))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        returns.append(director.return_report(SUBMITTER, f"Round {number}: please look again."))
    checked = harness.check_ledger(
        database, {slot.key: slot for slot in slots.values()}, before, ledger
    )
    return {"ledger": checked, "submits": submits, "returns": returns}


def _signed_in(base: str, username: str) -> harness.Browser:
    browser = harness.Browser(base)
    browser.login(username, password=PASSWORD)
    return browser


def _worker_done(database: str) -> dict[str, int]:
    """The queue's e-mails by status once no task is waiting or running (60 s at most). The
    queue holds other tasks too (the public data files after the catalogue's loading)."""
    deadline = time.monotonic() + 60
    while True:
        rows = harness.query(
            database,
            f"SELECT status, task_path = %s, count(*) FROM {TASKS} GROUP BY 1, 2",  # noqa: S608
            (MAIL,),
        )
        if not {"READY", "RUNNING"} & {row[0] for row in rows} or time.monotonic() > deadline:
            return {status: n for status, mail, n in rows if mail}
        time.sleep(0.5)


def _answers(log: Path) -> list[int]:
    """The status of every answer, from the request log's lines."""
    statuses = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("name") == "smewg.requests":
                statuses.append(record["status"])
    return statuses


def _history(database: str, status: str) -> int:
    """How many times the submitter's report changed to `status`, from its audit history."""
    rows = harness.query(
        database,
        "SELECT h.status FROM reporting_historicaleconomyreport h "
        "JOIN plans_economy e ON e.id = h.economy_id WHERE e.code = %s ORDER BY h.history_id",
        (SUBMITTER,),
    )
    statuses = [row[0] for row in rows]
    return sum(1 for before, after in itertools.pairwise(statuses) if before != after == status)

"""The task queue as production runs it (a table, `manage.py db_worker`), and mail servers that
are down, for the tests of what must survive a mail outage."""

import socket

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks_db.models import DBTaskResult

from reporting.ops import worker

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings, monkeypatch):
    """The production queue (a table), instead of the tests' run-at-once backend."""
    settings.TASKS = DATABASE_QUEUE
    # The worker drops stale connections between tasks; here that would close the connection
    # holding the test's own transaction.
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)


@pytest.fixture
def smtp_unreachable(settings):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    # Nothing listens on the port once it is released: every connection is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2


class MailServerDown(BaseEmailBackend):
    """What Django's SMTP backend raises when the server refuses the connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.reporting.conftest.MailServerDown"


def batch_worker(worker_id: str = "test-worker") -> worker.LeasedWorker:
    """The worker of `manage.py db_worker --batch`: every task due now, then stop."""
    return worker.LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_worker() -> None:
    batch_worker().run()


def queued_mail() -> list[tuple[str, int, dict]]:
    """(status, attempt, kwargs) of each queued send, by attempt and then subject."""
    rows = [
        (row.status, row.args_kwargs["kwargs"].get("attempt", 1), row.args_kwargs["kwargs"])
        for row in DBTaskResult.objects.all()
    ]
    return sorted(rows, key=lambda row: (row[1], row[2]["subject"], row[0]))

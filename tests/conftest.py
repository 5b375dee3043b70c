"""Shared fixtures: the catalogue and the demo accounts, loaded once per test session.

Tests run under the production settings (DEBUG off), but for the HTTPS redirect and the password
hasher (see smewg/settings.py).
"""

import socket

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from plans import demo
from reporting.ops import worker

PASSWORD = "tests-only-password"


def load_demo_catalogue() -> None:
    demo.load_catalogue()
    demo.create_demo_accounts(password=PASSWORD)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo_catalogue()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` exercise row locks between connections, which SQLite does not
    have: a run on SQLite leaves them out (deselected and said so, not skipped); CI runs the
    whole suite on PostgreSQL too."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """The cache (a database table) holds what pages and downloads keep between requests (the
    marks of review files being made): each test that can reach the database starts with none."""
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    ):
        cache.clear()


def _user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def chair(db) -> User:
    return _user("chair")


@pytest.fixture
def director(db) -> User:
    return _user("director")


@pytest.fixture
def delegate_chl(db) -> User:
    return _user("delegate-chl")


@pytest.fixture
def contributor_chl(db) -> User:
    """Chile's contributor, as seed_demo makes them: areas 1 and 2 of its reports are theirs.
    Made for the tests that ask for them, so that Chile's e-mails elsewhere reach its delegate
    alone."""
    return demo.create_demo_contributor(password=PASSWORD)


@pytest.fixture
def delegate_pe(db) -> User:
    return _user("delegate-pe")


@pytest.fixture
def administrator(db) -> User:
    return _user("admin")


def client_for(user: User | None, *, verified: bool = False) -> Client:
    """A client signed in as the user; `verified`: its session has given a second factor too
    (an authenticator app is set up for the user first if they have none)."""
    client = Client()
    if user is not None:
        client.force_login(user)
        if verified:
            verify_second_factor(client, user)
    return client


def verify_second_factor(client: Client, user: User) -> None:
    """Marks the client's session as past the second step of signing in, as giving a code does
    (django_otp.login), with an authenticator app set up for the user if none is."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Each test's own storage: the stored files of final reviews never outlive it."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


# The task queue as production runs it (a table, `manage.py db_worker`), and mail servers that are
# down, for the tests of what must survive a mail outage.

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
    settings.EMAIL_BACKEND = "tests.conftest.MailServerDown"


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

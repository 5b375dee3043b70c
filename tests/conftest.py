"""Shared fixtures: the catalogue and the demo accounts, loaded once per test session.

Tests run under the production settings (DEBUG off), but for the HTTPS redirect and the password
hasher (see smewg/settings.py).
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from plans import demo

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
def delegate_pe(db) -> User:
    return _user("delegate-pe")


@pytest.fixture
def administrator(db) -> User:
    return _user("admin")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Each test's own storage: the stored files of final reviews never outlive it."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")

"""What several identical app instances share: sessions and the cache live outside the process."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_sessions_are_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_the_cache_is_a_table_that_migrate_created():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert "django_cache" in connection.introspection.table_names()
    cache.set("shared", {"by": "instance 1"}, timeout=60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache WHERE cache_key LIKE %s", ["%:shared"])
        assert cursor.fetchone() == (1,)
    assert cache.get("shared") == {"by": "instance 1"}


def cache_backend_with(environment: dict[str, str]) -> str:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {name: value for name, value in os.environ.items() if name != "CACHE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="smewg.settings", DEBUG="1", **environment)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_redis_when_cache_url_is_set():
    assert cache_backend_with({}) == "django.core.cache.backends.db.DatabaseCache"
    assert (
        cache_backend_with({"CACHE_URL": "redis://127.0.0.1:6379/1"})
        == "django.core.cache.backends.redis.RedisCache"
    )

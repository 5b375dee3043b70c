"""ApiToken and UserPreferences moved from the reporting app to the plans app without touching
their tables: a database made before the move keeps its people's tokens and time zones, and the
permissions granted on the models, through the migrations and back.

(A fresh database takes the other path, every migration in one run: that is how the test
database itself is made, on SQLite and on PostgreSQL.)"""

import datetime as dt
import hashlib
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from plans.accounts.models import ApiToken, UserPreferences
from plans.accounts.preferences import time_zone_of
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for

# Transactional: SQLite alters no schema inside the transaction a plain test runs in.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("plans", "0006_plan_data_versions"), ("reporting", "0018_pending_uploads")]
KEY = "0123456789abcdef" * 3


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def content_type_apps() -> set[str]:
    return set(
        ContentType.objects.filter(model__in=["apitoken", "userpreferences"]).values_list(
            "app_label", flat=True
        )
    )


def test_a_token_a_time_zone_and_a_permission_survive_the_move():
    executor = migrate(BEFORE_THE_MOVE)
    try:
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        person = old.get_model("auth", "User").objects.create(
            username="statistics-office", is_active=True
        )
        now = timezone.now()
        old.get_model("reporting", "ApiToken").objects.create(
            user_id=person.pk,
            prefix=KEY[:8],
            digest=hashlib.sha256(KEY.encode()).hexdigest(),
            created=now,
            expires=now + dt.timedelta(days=30),
        )
        old.get_model("reporting", "UserPreferences").objects.create(
            user_id=person.pk, time_zone="Asia/Tokyo"
        )
        # The content types and permissions as post_migrate made them before the move, with
        # the permission to read tokens granted to the person.
        content_types = old.get_model("contenttypes", "ContentType").objects
        token_type, _ = content_types.get_or_create(app_label="reporting", model="apitoken")
        content_types.get_or_create(app_label="reporting", model="userpreferences")
        permission, _ = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=token_type,
            codename="view_apitoken",
            defaults={"name": "Can view API token"},
        )
        person.user_permissions.add(permission)
        assert content_type_apps() == {"reporting"}
        assert old.get_model("reporting", "ApiToken")._meta.db_table == "reporting_apitoken"
    finally:
        migrate(latest())

    assert content_type_apps() == {"plans"}
    assert ApiToken._meta.db_table == "reporting_apitoken"
    user = User.objects.get(username="statistics-office")
    assert ApiToken.objects.get(user=user).prefix == KEY[:8]
    assert user.has_perm("plans.view_apitoken")

    api = api_for(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {KEY}")
    assert api.get("/api/plans/").status_code == 200
    assert ApiToken.objects.get(user=user).last_used is not None  # it was this token
    assert UserPreferences.objects.get(user=user).time_zone == "Asia/Tokyo"
    assert time_zone_of(user) == zoneinfo.ZoneInfo("Asia/Tokyo")
    profile = client_for(user).get("/accounts/profile/").text
    assert '<option value="Asia/Tokyo" selected>' in profile

    # And back: the reporting app has its models, rows and content types again.
    executor = migrate(BEFORE_THE_MOVE)
    try:
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        token = old.get_model("reporting", "ApiToken").objects.get(user_id=user.pk)
        assert token.digest == hashlib.sha256(KEY.encode()).hexdigest()
        preferences = old.get_model("reporting", "UserPreferences").objects.get(user_id=user.pk)
        assert preferences.time_zone == "Asia/Tokyo"
        assert content_type_apps() == {"reporting"}
    finally:
        migrate(latest())
    assert content_type_apps() == {"plans"}
    assert ApiToken.objects.filter(user=user).exists()

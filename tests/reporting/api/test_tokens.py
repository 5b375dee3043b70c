"""Tokens are issued and revoked by their owner on the profile page, and shown once.

Only a SHA-256 digest of each key is stored; a key expires, and a password change revokes it.
"""

import datetime as dt
import hashlib
import io
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from plans.accounts.models import ApiToken
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db


def shown_key(response) -> str:
    return re.search(r'<code id="new-token" class="token">([^<]+)</code>', response.text).group(1)


def api_with(key: str):
    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_issue_shows_the_token_once_and_it_signs_the_api_in(delegate_chl):
    page = client_for(delegate_chl)
    assert "You have no token" in page.get("/accounts/profile/").content.decode()

    issued = page.post("/accounts/profile/", {"action": "issue"})
    assert issued.status_code == 200
    assert "no-store" in issued["Cache-Control"]
    key = shown_key(issued)
    assert ApiToken.objects.filter(user=delegate_chl).count() == 1
    assert key not in page.get("/accounts/profile/").content.decode()

    client = api_with(key)
    assert client.get("/api/reports/").status_code == 200

    # A new token replaces the old one.
    page.post("/accounts/profile/", {"action": "issue"})
    assert client.get("/api/reports/").status_code == 401
    assert ApiToken.objects.filter(user=delegate_chl).count() == 1


def test_revoke_stops_the_token_working(delegate_pe):
    client = api_for(delegate_pe)
    assert client.get("/api/economies/").status_code == 200
    response = client_for(delegate_pe).post("/accounts/profile/", {"action": "revoke"})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=delegate_pe).exists()
    assert client.get("/api/economies/").status_code == 401


def test_the_profile_needs_a_signed_in_user_and_a_known_action(delegate_pe):
    anonymous = client_for(None).get("/accounts/profile/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(delegate_pe).post("/accounts/profile/", {}).status_code == 400
    assert not ApiToken.objects.filter(user=delegate_pe).exists()


def test_only_a_digest_of_the_key_is_stored(delegate_chl):
    page = client_for(delegate_chl)
    key = shown_key(page.post("/accounts/profile/", {"action": "issue"}))
    token = ApiToken.objects.get(user=delegate_chl)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
        stored = [str(value) for row in cursor.fetchall() for value in row]
    assert not any(key in value for value in stored)
    # The profile names the token by its first characters only.
    assert f"{key[:8]}…" in page.get("/accounts/profile/").text


def test_a_token_expires_after_its_lifetime(delegate_chl, settings):
    assert dt.timedelta(days=90) == settings.API_TOKEN_LIFETIME
    client = api_for(delegate_chl)
    with time_machine.travel(timezone.now() + dt.timedelta(days=89)):
        assert client.get("/api/economies/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=91)):
        response = client.get("/api/economies/")
        assert response.status_code == 401
        assert "expired" in response.json()["detail"].lower()


def test_the_last_use_is_recorded(delegate_chl):
    client = api_for(delegate_chl)
    assert ApiToken.objects.get(user=delegate_chl).last_used is None
    client.get("/api/economies/")
    assert ApiToken.objects.get(user=delegate_chl).last_used is not None


def test_a_password_change_revokes_the_tokens(delegate_chl):
    client = api_for(delegate_chl)
    assert client.get("/api/economies/").status_code == 200
    user = User.objects.get(pk=delegate_chl.pk)
    user.set_password("another-long-pass-8")
    user.save()
    assert not ApiToken.objects.filter(user=delegate_chl).exists()
    assert client.get("/api/economies/").status_code == 401


def test_the_administrators_password_reset_revokes_the_tokens(delegate_chl, administrator):
    client = api_for(delegate_chl)
    response = client_for(administrator).post(
        f"/admin/auth/user/{delegate_chl.pk}/password/",
        {
            "usable_password": "true",
            "password1": "a-new-long-pass-7",
            "password2": "a-new-long-pass-7",
        },
    )
    assert response.status_code == 302
    assert client.get("/api/economies/").status_code == 401


def test_saving_the_user_without_a_new_password_keeps_the_tokens(delegate_chl):
    client = api_for(delegate_chl)
    user = User.objects.get(pk=delegate_chl.pk)
    user.first_name = "Renamed"
    user.save()
    assert client.get("/api/economies/").status_code == 200


def test_the_command_issues_a_working_token(delegate_chl):
    out = io.StringIO()
    call_command("issue_api_token", "delegate-chl", stdout=out)
    key = re.search(r"Generated token (\S+) for delegate-chl", out.getvalue()).group(1)
    assert api_with(key).get("/api/economies/").status_code == 200


def test_a_key_is_48_hexadecimal_characters(delegate_chl):
    key = shown_key(client_for(delegate_chl).post("/accounts/profile/", {"action": "issue"}))
    assert re.fullmatch(r"[0-9a-f]{48}", key)

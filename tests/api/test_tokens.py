"""Tokens are issued and revoked by their owner on the profile page, and shown once."""

import pytest
from rest_framework.authtoken.models import Token

from tests.api.conftest import api_for
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_issue_shows_the_token_once_and_it_signs_the_api_in(delegate_chl):
    page = client_for(delegate_chl)
    assert "You have no token" in page.get("/accounts/profile/").content.decode()

    issued = page.post("/accounts/profile/", {"action": "issue"})
    assert issued.status_code == 200
    assert "no-store" in issued["Cache-Control"]
    key = Token.objects.get(user=delegate_chl).key
    assert key in issued.content.decode()
    assert key not in page.get("/accounts/profile/").content.decode()

    client = api_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/reports/").status_code == 200

    # A new token replaces the old one.
    page.post("/accounts/profile/", {"action": "issue"})
    assert client.get("/api/reports/").status_code == 401
    assert Token.objects.filter(user=delegate_chl).count() == 1


def test_revoke_stops_the_token_working(delegate_pe):
    client = api_for(delegate_pe)
    assert client.get("/api/economies/").status_code == 200
    response = client_for(delegate_pe).post("/accounts/profile/", {"action": "revoke"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=delegate_pe).exists()
    assert client.get("/api/economies/").status_code == 401


def test_the_profile_needs_a_signed_in_user_and_a_known_action(delegate_pe):
    anonymous = client_for(None).get("/accounts/profile/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(delegate_pe).post("/accounts/profile/", {}).status_code == 400
    assert not Token.objects.filter(user=delegate_pe).exists()

"""The profile lists a person's sessions and API token with their last use; signing out ends the
session and says so; "sign out everywhere" ends them all."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from plans.accounts.models import ApiToken, UserSession
from plans.accounts.services import preferences_set_time_zone
from tests.conftest import PASSWORD, client_for
from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROFILE = "/accounts/profile/"
# 09:30 UTC is 04:30 in Lima (UTC-5, no summer time).
MORNING = dt.datetime(2026, 11, 9, 9, 30, tzinfo=dt.UTC)


def signed_in(username: str = "delegate-chl", agent: str = "Firefox on a laptop", **meta) -> Client:
    client = Client(HTTP_USER_AGENT=agent, **meta)
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_signing_in_records_the_session_where_and_when(delegate_chl):
    assert not UserSession.objects.filter(user=delegate_chl).exists()
    with time_machine.travel(MORNING, tick=False):
        laptop = signed_in(REMOTE_ADDR="192.0.2.10")
    phone = signed_in(agent="Safari on a phone", REMOTE_ADDR="192.0.2.77")
    recorded = {s.user_agent: s for s in UserSession.objects.filter(user=delegate_chl)}
    assert set(recorded) == {"Firefox on a laptop", "Safari on a phone"}
    assert recorded["Firefox on a laptop"].address == "192.0.2.10"
    assert recorded["Firefox on a laptop"].created == MORNING
    assert recorded["Firefox on a laptop"].session_id == laptop.session.session_key
    assert recorded["Safari on a phone"].session_id == phone.session.session_key


def test_a_session_is_seen_at_most_once_a_minute(delegate_chl):
    with time_machine.travel(MORNING, tick=False) as clock:
        client = signed_in()
        record = UserSession.objects.get(user=delegate_chl)
        assert record.last_seen == MORNING
        clock.shift(dt.timedelta(seconds=59))
        client.get(PROFILE)
        record.refresh_from_db()
        assert record.last_seen == MORNING  # not written again within the minute
        clock.shift(dt.timedelta(seconds=2))
        client.get(PROFILE)
        record.refresh_from_db()
        assert record.last_seen == MORNING + dt.timedelta(seconds=61)
        assert record.created == MORNING


def test_a_page_within_the_minute_costs_no_query_for_the_session(
    delegate_chl, django_assert_num_queries
):
    client = signed_in()
    client.get(PROFILE)
    # The session, the user, the time zone, the token, the role (the header), the sessions:
    # nothing writes the session record within the minute.
    with django_assert_num_queries(6):
        client.get(PROFILE)


def test_the_profile_lists_sessions_and_the_token_in_the_readers_time_zone(delegate_chl):
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    with time_machine.travel(MORNING, tick=False):
        elsewhere = signed_in(agent="Safari on a phone", REMOTE_ADDR="192.0.2.77")
        here = signed_in(REMOTE_ADDR="192.0.2.10")
        api = api_for(delegate_chl)
        assert api.get("/api/economies/").status_code == 200
        page = here.get(PROFILE).text
        assert elsewhere.get(PROFILE).status_code == 200
    assert "Times are in UTC-05 (Lima)" in page
    assert "Last seen, UTC-05 (Lima)" in page
    assert "Firefox on a laptop <strong>(this browser)</strong>" in page
    assert "Safari on a phone</th>" in page
    assert "192.0.2.77" in page
    assert "9 Nov 2026, 04:30" in page
    assert "09:30 UTC" not in page
    assert (
        'last used on <time datetime="2026-11-09T09:30:00+00:00">'
        "9 November 2026, 04:30 UTC-05 (Lima)</time>"
    ) in page


def test_signing_out_ends_the_session_and_says_so(delegate_chl):
    client = signed_in()
    key = client.session.session_key
    signed_out = client.post("/accounts/logout/", follow=True)
    assert signed_out.redirect_chain[-1][0] == LOGIN
    assert "You are signed out." in signed_out.text
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=delegate_chl).exists()
    assert client.get(PROFILE)["Location"].startswith(LOGIN)


def test_sign_out_everywhere_ends_every_session_and_the_token(delegate_chl, director):
    here, elsewhere = signed_in(), signed_in(agent="Safari on a phone")
    others = signed_in("director")
    api = api_for(delegate_chl)
    assert UserSession.objects.filter(user=delegate_chl).count() == 2

    response = here.post(PROFILE, {"action": "sign_out_everywhere"}, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert "You are signed out everywhere" in response.text
    for client in (here, elsewhere):
        assert client.get(PROFILE)["Location"].startswith(LOGIN)
    assert api.get("/api/economies/").status_code == 401
    assert not ApiToken.objects.filter(user=delegate_chl).exists()
    assert not UserSession.objects.filter(user=delegate_chl).exists()
    # Nobody else is signed out.
    assert others.get(PROFILE).status_code == 200
    assert UserSession.objects.filter(user=director).count() == 1


def test_a_password_change_lists_only_the_session_it_keeps(delegate_chl):
    here, elsewhere = signed_in(), signed_in(agent="Safari on a phone")
    changed = here.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-password-for-apec",
            "new_password2": "a-new-password-for-apec",
        },
    )
    assert changed.status_code == 302
    (kept,) = UserSession.objects.filter(user=delegate_chl)
    assert kept.session_id == here.session.session_key
    assert kept.user_agent == "Firefox on a laptop"
    assert here.get(PROFILE).status_code == 200
    assert elsewhere.get(PROFILE)["Location"].startswith(LOGIN)


def test_an_expired_session_is_not_listed(delegate_chl):
    signed_in()
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    page = client_for(delegate_chl).get(PROFILE).text
    assert page.count("(this browser)") == 1  # the fresh one only

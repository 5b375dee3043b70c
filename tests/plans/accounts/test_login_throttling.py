"""Sign-in throttling (django-axes): five failures lock a username out from one address."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD, client_for
from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKOUTS = "/accounts/lockouts/"


def sign_in(password: str, username: str = "delegate-chl", address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


def fail_five_times(username: str = "delegate-chl", address: str = "10.0.0.1") -> None:
    for _ in range(4):
        response = sign_in("wrong", username, address)
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.text
    # The fifth failure is answered with the lockout page.
    assert sign_in("wrong", username, address).status_code == 429


def test_five_failures_lock_the_username_out_from_that_address():
    assert sign_in(PASSWORD).status_code == 302
    fail_five_times()

    locked = sign_in(PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.text
    assert "15 minutes" in locked.text
    assert "site-header" in locked.text  # the site's own page, not a bare message
    assert "sessionid" not in locked.cookies

    # The same person from another address, and another person from this one, still sign in.
    assert sign_in(PASSWORD, address="10.0.0.2").status_code == 302
    assert sign_in(PASSWORD, username="delegate-pe").status_code == 302


def test_the_lockout_lifts_after_the_cool_off():
    fail_five_times()
    assert sign_in(PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert sign_in(PASSWORD).status_code == 302


def test_a_success_clears_the_failures():
    for _ in range(4):
        sign_in("wrong")
    assert sign_in(PASSWORD).status_code == 302
    for _ in range(4):
        sign_in("wrong")
    assert sign_in(PASSWORD).status_code == 302


def test_the_api_token_of_a_locked_out_person_still_works(delegate_chl):
    api = api_for(delegate_chl)
    fail_five_times()
    assert sign_in(PASSWORD).status_code == 429
    assert api.get("/api/economies/").status_code == 200


def test_the_program_director_sees_and_lifts_a_lockout(director):
    fail_five_times()
    page = client_for(director)
    listed = page.get(LOCKOUTS)
    assert listed.status_code == 200
    assert "delegate-chl" in listed.text
    assert "10.0.0.1" in listed.text
    attempt = int(listed.text.split('name="attempt" value="')[1].split('"')[0])

    unlocked = page.post(LOCKOUTS, {"attempt": attempt})
    assert unlocked.status_code == 302
    after = page.get(LOCKOUTS).text
    assert "“delegate-chl” can sign in again from 10.0.0.1." in after
    assert "No account is paused." in after
    assert sign_in(PASSWORD).status_code == 302


def test_only_the_program_director_lifts_lockouts(delegate_chl, chair):
    fail_five_times(username="delegate-pe")
    for user in (delegate_chl, chair):
        assert client_for(user).get(LOCKOUTS).status_code == 403
        assert client_for(user).post(LOCKOUTS, {"attempt": 1}).status_code == 403
    assert sign_in(PASSWORD, username="delegate-pe").status_code == 429
    anonymous = Client().get(LOCKOUTS)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(LOGIN)

"""Sign-in throttling (django-axes): five failures lock a username out from one address."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from plans.accounts.services import preferences_set_time_zone
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
    assert 'href="/accounts/password/reset/">reset it</a>' in locked.text
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
    preferences_set_time_zone(user=director, time_zone="Asia/Singapore")
    with time_machine.travel(dt.datetime(2026, 11, 9, 9, 30, tzinfo=dt.UTC), tick=False):
        fail_five_times()
        page = client_for(director)
        listed = page.get(LOCKOUTS)
        assert listed.status_code == 200
        assert "delegate-chl" in listed.text
        assert "10.0.0.1" in listed.text
        # In the reader's time zone, named: 09:30 UTC is 17:30 in Singapore.
        assert "Last attempt, UTC+08 (Singapore)" in listed.text
        assert "9 Nov 2026, 17:30" in listed.text
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


# Behind the README's nginx every request comes from the proxy's address; the client's is the
# last one of X-Forwarded-For, which nginx appends ($proxy_add_x_forwarded_for).
PROXY = "127.0.0.1"


def through_proxy(address: str, **cookies) -> Client:
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def sign_in_through_proxy(client: Client, password: str, username: str = "director"):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True


def test_behind_the_proxy_a_stranger_does_not_lock_the_director_out(behind_proxy):
    stranger = through_proxy("198.51.100.7")
    for _ in range(4):
        assert sign_in_through_proxy(stranger, "wrong").status_code == 200
    assert sign_in_through_proxy(stranger, "wrong").status_code == 429
    assert sign_in_through_proxy(stranger, PASSWORD).status_code == 429  # that address is paused

    director = through_proxy("203.0.113.20")
    assert sign_in_through_proxy(director, PASSWORD).status_code == 302


def test_behind_the_proxy_the_paused_address_is_the_clients(behind_proxy, director):
    # A client's own X-Forwarded-For comes first; nginx's entry, the one believed, comes last.
    forged = through_proxy("10.9.9.9, 198.51.100.7")
    for _ in range(5):
        sign_in_through_proxy(forged, "wrong")
    listed = client_for(director).get(LOCKOUTS).text
    assert "198.51.100.7" in listed
    assert "10.9.9.9" not in listed
    assert f">{PROXY}<" not in listed


def test_without_the_proxy_setting_the_forwarded_address_is_not_believed():
    # Anyone can send X-Forwarded-For: straight to the app, it would let a guesser rotate at will.
    for number in range(5):
        sign_in_through_proxy(Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{number}"), "wrong")
    assert sign_in_through_proxy(Client(), PASSWORD).status_code == 429


def guess_from_rotating_addresses(count: int, first: int = 0) -> list[int]:
    """`count` wrong passwords for the director, each from a new address."""
    return [
        sign_in_through_proxy(
            through_proxy(f"198.51.{number // 250}.{number % 250}"), "wrong"
        ).status_code
        for number in range(first, first + count)
    ]


def test_guesses_from_rotating_addresses_are_slowed(behind_proxy):
    # Ten failures across addresses are free; then each try waits 30 s after the last failure,
    # doubling with each failure; a slowed answer counts nothing.
    statuses = guess_from_rotating_addresses(20)
    assert statuses == [200] * 10 + [429] * 10
    slowed = sign_in_through_proxy(through_proxy("192.0.2.1"), "wrong")
    assert slowed.status_code == 429
    assert slowed["Retry-After"] == "30"
    assert "Signing in is slowed for this account" in slowed.text
    assert "Try again in 30 seconds" in slowed.text
    assert "site-header" in slowed.text

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31)):
        assert guess_from_rotating_addresses(2, first=20) == [200, 429]
        waited = sign_in_through_proxy(through_proxy("192.0.2.1"), "wrong")
        assert 55 <= int(waited["Retry-After"]) <= 60  # 60 s after the 11th failure

    # Once the cool-off has passed since the last failure, the count starts again.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert guess_from_rotating_addresses(10, first=30) == [200] * 10


def test_the_director_signs_in_from_a_known_device_while_guesses_are_slowed(behind_proxy):
    laptop = through_proxy("203.0.113.20")
    assert sign_in_through_proxy(laptop, PASSWORD).status_code == 302  # remembers the device
    laptop.post("/accounts/logout/")
    assert guess_from_rotating_addresses(12) == [200] * 10 + [429] * 2

    assert sign_in_through_proxy(laptop, PASSWORD).status_code == 302
    # A new device waits, then signs in: slowed, never locked out.
    phone = through_proxy("203.0.113.99")
    assert sign_in_through_proxy(phone, PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31)):
        assert sign_in_through_proxy(phone, PASSWORD).status_code == 302


def test_only_a_device_cookie_of_that_username_signed_by_the_site_counts(behind_proxy):
    chair_laptop = through_proxy("203.0.113.30")
    assert sign_in_through_proxy(chair_laptop, PASSWORD, username="chair").status_code == 302
    chair_laptop.post("/accounts/logout/")
    guess_from_rotating_addresses(11)
    assert sign_in_through_proxy(chair_laptop, PASSWORD).status_code == 429
    forged = through_proxy("203.0.113.31", smewg_device="director")
    assert sign_in_through_proxy(forged, PASSWORD).status_code == 429


def test_a_count_of_failures_grown_over_days_still_answers_within_the_cool_off(behind_proxy):
    guess_from_rotating_addresses(11)
    # A guesser who waits out each interval adds one failure at a time, for days.
    AccessAttempt.objects.filter(username="director").update(failures_since_start=1000)
    slowed = sign_in_through_proxy(through_proxy("192.0.2.1"), "wrong")
    assert slowed.status_code == 429
    assert 0 < int(slowed["Retry-After"]) <= 15 * 60

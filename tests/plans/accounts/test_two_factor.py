"""Two factors: the director, the Chair and the administrator set up an authenticator app before
any page, then give a code (or a single-use recovery code) after their password; a delegate may
choose to. Wrong codes count as failed sign-ins."""

import datetime as dt
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.accounts.models import ApiToken
from plans.accounts.twofactor.checks import two_factors_in_production
from tests.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SETUP = "/accounts/two-factor/"
ADD = "/accounts/two-factor/add/"
VERIFY = "/accounts/two-factor/verify/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(username: str, address: str = "10.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def set_up_app(client: Client, username: str) -> list[str]:
    """Through the setup page: the secret shown, a code from it; returns the recovery codes."""
    page = client.get(ADD)
    assert page.status_code == 200
    secret = re.search(r'<code class="secret" id="secret">([A-Z2-7 ]+)</code>', page.text)[1]
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    done = client.post(ADD, {"code": code_of(device)})
    assert done.status_code == 200
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)


def next_step():
    """A minute on: a TOTP code is accepted once per 30-second step, and a wrong code makes the
    device wait a moment before the next."""
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=1), tick=True)


def test_the_director_reaches_no_page_but_the_setup_until_an_app_is_set_up(director):
    client = sign_in("director")
    for page in ["/", "/reports/", "/accounts/profile/", "/dashboard/2025-2028/", VERIFY]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(f"{SETUP}?next="), page
    # The setup, signing out's page, static files and /healthz stay open.
    assert client.get(SETUP).status_code == 200
    assert "set up an authenticator app before you continue" in client.get(SETUP).text
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/css/app.css").status_code == 200
    # Creating an API token is a POST to the profile: refused before the view.
    answer = client.post("/accounts/profile/", {"action": "issue"})
    assert answer.status_code == 302
    assert answer["Location"] == SETUP
    assert not ApiToken.objects.filter(user=director).exists()
    # The API by session answers 403 until then.
    assert client.get("/api/plans/").status_code == 403

    page = client.get(ADD)
    assert "<svg" in page.text
    assert "SMEWG%20Tracker" not in page.text
    codes = set_up_app(client, "director")
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get("/").status_code == 200
    assert client.get("/api/plans/").status_code == 200


def test_the_chair_and_the_administrator_too_and_the_admin_site(administrator):
    chair = sign_in("chair")
    assert chair.get("/").headers["Location"].startswith(SETUP)
    admin = sign_in("admin")
    response = admin.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    set_up_app(admin, "admin")
    assert admin.get("/admin/").status_code == 200


def test_a_delegate_is_not_asked_unless_they_choose(delegate_chl):
    client = sign_in("delegate-chl")
    assert client.get("/").status_code == 200
    assert "Set up an authenticator app" in client.get(SETUP).text
    set_up_app(client, "delegate-chl")
    with next_step():
        again = sign_in("delegate-chl")
        assert again.get("/").headers["Location"].startswith(f"{VERIFY}?next=")
        device = TOTPDevice.objects.get(user=delegate_chl)
        assert (
            again.post(VERIFY, {"code": code_of(device), "next": "/reports/"}).headers["Location"]
            == "/reports/"
        )
        assert again.get("/").status_code == 200


def test_sign_in_with_a_code_then_with_a_recovery_code_that_works_once(director):
    codes = set_up_app(sign_in("director"), "director")
    device = TOTPDevice.objects.get(user=director)
    with next_step():
        client = sign_in("director")
        assert client.get("/").headers["Location"] == f"{VERIFY}?next=%2F"
        assert client.get(VERIFY).status_code == 200
        assert client.post(VERIFY, {"code": code_of(device)}).headers["Location"] == "/"
        assert client.get("/").status_code == 200

    with next_step(), next_step():
        client = sign_in("director")
        assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
        assert client.get("/").status_code == 200
        assert StaticToken.objects.filter(device__user=director).count() == 9

    with next_step(), next_step(), next_step():
        client = sign_in("director", address="10.0.0.2")
        refused = client.post(VERIFY, {"code": codes[0]})
        assert refused.status_code == 400
        assert "The code does not work" in refused.text
        assert client.get("/").status_code == 302


def test_wrong_codes_count_as_failed_sign_ins_and_lock_the_address_out(director):
    set_up_app(sign_in("director"), "director")
    device = TOTPDevice.objects.get(user=director)
    client = sign_in("director", address="10.0.0.9")
    for _ in range(4):
        with next_step():
            assert client.post(VERIFY, {"code": "000000"}).status_code == 400
    # The fifth is answered with the lockout page, as a fifth wrong password is.
    with next_step():
        assert client.post(VERIFY, {"code": "000000"}).status_code == 429
    assert AccessAttempt.objects.get(username="director").failures_since_start == 5
    with next_step():
        locked = client.post(VERIFY, {"code": code_of(device)})
        assert locked.status_code == 429
        assert "Too many wrong codes or passwords" in locked.text
        assert client.get("/").status_code == 302
        # Nor can the password be tried again from that address.
        assert (
            Client(REMOTE_ADDR="10.0.0.9")
            .post(LOGIN, {"username": "director", "password": PASSWORD})
            .status_code
            == 429
        )


def test_each_wrong_code_makes_the_device_wait(director):
    set_up_app(sign_in("director"), "director")
    device = TOTPDevice.objects.get(user=director)
    with next_step():
        client = sign_in("director", address="10.0.0.3")
        assert client.post(VERIFY, {"code": "123456"}).status_code == 400
        # At once, from another address, even the right code waits its turn.
        other = sign_in("director", address="10.0.0.4")
        assert other.post(VERIFY, {"code": code_of(device)}).status_code == 400
    with next_step(), next_step():
        assert other.post(VERIFY, {"code": code_of(device)}).status_code == 302


def test_recovery_codes_are_made_anew_and_download_only_while_held(director):
    client = sign_in("director")
    old = set_up_app(client, "director")
    download = client.post("/accounts/two-factor/recovery-codes/download/", {"code": old})
    assert download["Content-Disposition"] == 'attachment; filename="smewg-recovery-codes.txt"'
    assert all(code in download.text for code in old)
    new = client.post("/accounts/two-factor/recovery-codes/")
    assert new.status_code == 200
    assert "shown only now" in new.text
    assert not StaticToken.objects.filter(token__in=old).exists()
    refused = client.post("/accounts/two-factor/recovery-codes/download/", {"code": old})
    assert refused.status_code == 302


def test_removing_an_app_needs_a_code_and_the_director_keeps_one(director, delegate_chl):
    client = sign_in("director")
    set_up_app(client, "director")
    device = TOTPDevice.objects.get(user=director)
    remove = f"/accounts/two-factor/remove/{device.pk}/"
    with next_step():
        refused = client.post(remove, {"code": code_of(device)})
        assert refused.status_code == 400
        assert "add another authenticator app before removing" in refused.text
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    delegate = sign_in("delegate-chl")
    recovery = set_up_app(delegate, "delegate-chl")
    app = TOTPDevice.objects.get(user=delegate_chl)
    with next_step():
        assert (
            delegate.post(f"/accounts/two-factor/remove/{app.pk}/", {"code": "1"}).status_code
            == 400
        )
    with next_step(), next_step():
        done = delegate.post(f"/accounts/two-factor/remove/{app.pk}/", {"code": recovery[0]})
        assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=delegate_chl).exists()
    assert not StaticToken.objects.filter(device__user=delegate_chl).exists()
    # Someone else's app is not found.
    assert delegate.get(remove).status_code == 404


def test_an_unverified_session_adds_no_app(director):
    set_up_app(sign_in("director"), "director")
    client = sign_in("director", address="10.0.0.5")
    response = client.get(ADD)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=director, confirmed=False).count() == 0


def test_tokens_keep_working_and_the_api_by_session_waits_for_the_code(director):
    verified = client_for(director, verified=True)
    assert verified.post("/accounts/profile/", {"action": "issue"}).status_code == 200
    token = ApiToken.objects.get(user=director)
    assert token is not None
    key = re.search(
        r"<code[^>]*>([A-Za-z0-9_\-]{30,})</code>",
        verified.post("/accounts/profile/", {"action": "issue"}).text,
    )[1]
    unverified = client_for(director)
    assert unverified.get("/api/plans/").status_code == 403
    by_token = unverified.get("/api/plans/", HTTP_AUTHORIZATION=f"Token {key}")
    assert by_token.status_code == 200


def test_with_debug_on_the_demo_accounts_may_skip_it_and_the_page_says_so(settings, director):
    settings.DEBUG = True
    settings.TWO_FACTOR_REQUIRED = False
    client = client_for(director)
    assert client.get("/").status_code == 200
    assert "Two-factor sign-in is skipped for the demo accounts because DEBUG is on" in (
        client.get(SETUP).text
    )


def test_an_app_removed_by_the_administrator_since_sign_in_leaves_no_loop(director):
    set_up_app(sign_in("director"), "director")
    client = sign_in("director", address="10.0.0.6")
    assert client.get("/").headers["Location"].startswith(VERIFY)
    TOTPDevice.objects.filter(user=director).delete()
    assert client.get(VERIFY).headers["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    assert client.get("/").headers["Location"].startswith(SETUP)


def test_check_deploy_warns_when_production_runs_without_two_factors(settings):
    assert two_factors_in_production(None) == []
    settings.TWO_FACTOR_REQUIRED = False
    [warning] = two_factors_in_production(None)
    assert warning.id == "smewg.W001"
    settings.DEBUG = True
    assert two_factors_in_production(None) == []

"""Single sign-on through a real OpenID Connect provider: django-oauth-toolkit's, in its own
Django project (tests/oidc_provider/), served on a free port of this machine for the module.

The browser's part is played by hand: the Django test client for this site, `requests` for the
provider (its sign-in form, then its redirect back with the code), so every step of the
authorization code flow runs for real: discovery, PKCE, state, nonce, the code's exchange and
the ID token's signature checked against the provider's published key.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.test import Client

from plans.accounts.invitations import invitation_send
from plans.accounts.models import Invitation, InvitedRole
from plans.accounts.roles import identity_of
from tests.oidc_provider.server import (
    NEWCOMER,
    PASSWORD,
    Provider,
    running_provider,
    use_provider,
)

pytestmark = pytest.mark.django_db

RETURN_URL = "http://testserver/accounts/sign-on/return/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc-provider")) as started:
        yield started


@pytest.fixture
def sign_on_set_up(settings, provider: Provider) -> Provider:
    return use_provider(settings, provider)


def provider_redirect(client: Client, provider: Provider, username: str, next_page: str = ""):
    """Presses the button, signs in at the provider as `username`: the provider's redirect back
    to this site, split into its path and query."""
    start = client.get("/accounts/sign-on/", {"next": next_page})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.url}/o/authorize/")
    asked = parse_qs(urlsplit(start["Location"]).query)
    assert asked["code_challenge_method"] == ["S256"]
    assert asked["nonce"]
    assert asked["state"]
    browser = requests.Session()
    to_login = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert to_login.status_code == 302
    form = browser.get(urljoin(provider.url, to_login.headers["Location"]), timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert csrf is not None
    signed_in = browser.post(
        form.url,
        data={
            "csrfmiddlewaretoken": csrf[1],
            "username": username,
            "password": PASSWORD,
        },
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text
    back = browser.get(
        urljoin(provider.url, signed_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert back.status_code == 302
    location = urlsplit(back.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == RETURN_URL
    return location.path, parse_qs(location.query)


def sign_on(client: Client, provider: Provider, username: str, next_page: str = ""):
    path, query = provider_redirect(client, provider, username, next_page)
    return client.get(path, query)


def signed_in_as(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_the_button_shows_only_when_single_sign_on_is_set_up(settings):
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_CLIENT_ID = ""
    page = Client().get("/accounts/login/")
    assert page.status_code == 200
    assert b"/accounts/sign-on/" not in page.content
    assert Client().get("/accounts/sign-on/").status_code == 404
    assert Client().get("/accounts/sign-on/return/", {"code": "x"}).status_code == 404

    settings.OIDC_DISCOVERY_URL = "https://login.example.org/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "smewg"
    settings.OIDC_BUTTON_LABEL = "Sign in with Microsoft"
    page = Client().get("/accounts/login/")
    assert b'href="/accounts/sign-on/"' in page.content
    assert b"Sign in with Microsoft" in page.content


def test_a_delegate_signs_on_with_the_verified_address_and_lands_home(sign_on_set_up, delegate_chl):
    client = Client()
    assert signed_in_as(client) is None
    assert not AccessLog.objects.filter(username="delegate-chl").exists()
    response = sign_on(client, sign_on_set_up, "chile")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == delegate_chl
    home = client.get("/")
    assert home.status_code == 200
    assert b"Chile" in home.content
    # django-axes logs the sign-in, as it does a password's.
    assert AccessLog.objects.filter(username="delegate-chl").exists()
    delegate_chl.refresh_from_db()
    assert delegate_chl.last_login is not None


def test_the_page_asked_for_before_signing_in_opens_after(sign_on_set_up, delegate_chl):
    client = Client()
    response = sign_on(client, sign_on_set_up, "chile", next_page="/reports/")
    assert response["Location"] == "/reports/"
    # Another site's address is not followed.
    response = sign_on(Client(), sign_on_set_up, "chile", next_page="https://evil.example/")
    assert response["Location"] == "/"


def test_an_address_without_an_account_or_invitation_is_refused(sign_on_set_up):
    client = Client()
    assert not AccessAttempt.objects.filter(username="stranger@example.org").exists()
    response = sign_on(client, sign_on_set_up, "stranger")
    assert response.status_code == 403
    assert "No account here has the address stranger@example.org" in response.text
    assert signed_in_as(client) is None
    # A refusal counts as a failed sign-in for django-axes.
    assert AccessAttempt.objects.filter(username="stranger@example.org").exists()


def test_an_address_the_organisation_has_not_verified_is_refused(sign_on_set_up, delegate_chl):
    client = Client()
    response = sign_on(client, sign_on_set_up, "chile-unverified")
    assert response.status_code == 403
    assert "has not verified the address delegate-chl@example.org" in response.text
    assert signed_in_as(client) is None


def test_a_deactivated_account_is_refused(sign_on_set_up, delegate_chl):
    User.objects.filter(pk=delegate_chl.pk).update(is_active=False)
    client = Client()
    response = sign_on(client, sign_on_set_up, "chile")
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_a_tampered_state_is_refused_and_a_code_works_once(sign_on_set_up, delegate_chl):
    client = Client()
    path, query = provider_redirect(client, sign_on_set_up, "chile")
    tampered = {**query, "state": ["x" + query["state"][0]]}
    response = client.get(path, tampered)
    assert response.status_code == 400
    assert "did not complete" in response.text
    assert signed_in_as(client) is None

    client = Client()
    path, query = provider_redirect(client, sign_on_set_up, "chile")
    assert client.get(path, query).status_code == 302
    assert signed_in_as(client) == delegate_chl
    # The same return again (a replay from the browser's history): its state is spent.
    again = Client()
    again.cookies = client.cookies
    assert again.get(f"{path}?{urlencode(query, doseq=True)}").status_code == 400


def test_an_invitee_signs_on_and_the_invitation_is_accepted(sign_on_set_up, director):
    invitation_send(by=director, email=NEWCOMER, role=InvitedRole.DELEGATE, economy_code="PE")
    assert not User.objects.filter(email__iexact=NEWCOMER).exists()
    client = Client()
    response = sign_on(client, sign_on_set_up, "newcomer")
    assert response.status_code == 302
    assert response["Location"] == "/"
    newcomer = User.objects.get(username=NEWCOMER)
    assert signed_in_as(client) == newcomer
    assert not newcomer.has_usable_password()
    assert identity_of(newcomer).economy_code == "PE"
    invitation = Invitation.objects.get(email=NEWCOMER)
    assert invitation.accepted_at is not None
    assert invitation.user == newcomer
    assert invitation.history.first().history_user == newcomer


def test_the_director_still_gives_a_second_factor(settings, sign_on_set_up, director):
    settings.TWO_FACTOR_REQUIRED = True
    client = Client()
    response = sign_on(client, sign_on_set_up, "director")
    assert response.status_code == 302
    assert signed_in_as(client) == director
    # Signed in, but no page opens before the authenticator app is set up.
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith("/accounts/two-factor/")

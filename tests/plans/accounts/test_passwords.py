"""Password reset (a single-use link that expires, e-mailed through the queue) and change."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plans.accounts.models import ApiToken
from plans.accounts.services import preferences_set_time_zone
from tests.conftest import PASSWORD, client_for, run_worker
from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"
CHANGE = "/accounts/password/change/"
NEW_PASSWORD = "a-new-password-for-apec"


def reset_link() -> str:
    """The path of the link in the last e-mail sent."""
    (url,) = re.findall(
        r"http://127\.0\.0\.1:8000(/accounts/password/reset/\S+/)", mail.outbox[-1].body
    )
    return url


def ask_for_a_link(email: str = "delegate-chl@example.org") -> Client:
    client = Client()
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    return client


def set_password_from(link: str, client: Client | None = None, password: str = NEW_PASSWORD):
    client = client or Client()
    opened = client.get(link)
    if opened.status_code != 302:  # the link no longer works: its page says so
        return opened
    assert opened["Location"].endswith("/set-password/")  # the token leaves the address bar
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def signs_in(password: str, username: str = "delegate-chl") -> bool:
    response = Client().post(LOGIN, {"username": username, "password": password})
    return response.status_code == 302


def test_the_reset_e_mail_says_until_when_in_the_readers_time_zone(delegate_chl):
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    with time_machine.travel(dt.datetime(2026, 12, 7, 17, 31, tzinfo=dt.UTC), tick=False):
        ask_for_a_link()
    assert "until 8 December 2026, 12:31 UTC-05 (Lima)." in mail.outbox[0].body


def test_the_login_page_links_to_the_reset():
    page = Client().get(LOGIN)
    assert f'href="{RESET}">Forgot your password?</a>' in page.text
    form = Client().get(RESET)
    assert form.status_code == 200
    assert "Reset your password" in form.text
    assert "site-header" in form.text


def test_a_forgotten_password_is_reset_from_the_link_once(delegate_chl):
    ask_for_a_link()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["delegate-chl@example.org"]
    assert message.subject == "[SMEWG] Reset your password"
    assert "account delegate-chl" in message.body
    assert "works once, for 24 hours" in message.body

    link = reset_link()
    done = set_password_from(link)
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password/reset/done/"
    assert "Your password is set" in Client().get(done["Location"]).text
    assert signs_in(NEW_PASSWORD)
    assert not signs_in(PASSWORD)

    # The link works once.
    again = set_password_from(link, password="yet-another-password-1")
    assert again.status_code == 200
    assert "This link no longer works" in again.text
    assert signs_in(NEW_PASSWORD)


def test_an_expired_link_does_not_work(delegate_chl):
    ask_for_a_link()
    link = reset_link()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=24, minutes=1)):
        late = set_password_from(link)
    assert late.status_code == 200
    assert "This link no longer works" in late.text
    assert f'href="{RESET}"' in late.text
    assert signs_in(PASSWORD)


def test_a_made_up_link_does_not_work(delegate_chl):
    response = Client().get("/accounts/password/reset/Mg/abc-123/")
    assert response.status_code == 200
    assert "This link no longer works" in response.text


def test_the_page_answers_the_same_for_an_unknown_address():
    known = ask_for_a_link("delegate-chl@example.org").get("/accounts/password/reset/sent/")
    unknown = ask_for_a_link("nobody@example.org").get("/accounts/password/reset/sent/")
    assert known.text == unknown.text
    assert "If an account has the address you entered" in known.text
    assert [m.to for m in mail.outbox] == [["delegate-chl@example.org"]]


def test_a_reset_without_an_address_shows_the_error_summary():
    response = Client().post(RESET, {"email": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert '<a href="#id_email">Enter your e-mail address.</a>' in response.text
    assert mail.outbox == []


def test_the_link_leads_to_the_site_not_to_the_host_asked_for(delegate_chl):
    response = Client(HTTP_HOST="evil.example.com").post(
        RESET, {"email": "delegate-chl@example.org"}
    )
    assert response.status_code in (302, 400)  # ALLOWED_HOSTS may refuse it first
    assert all("evil.example.com" not in m.body for m in mail.outbox)


def test_the_email_is_queued_in_the_request_and_sent_by_the_worker(delegate_chl, database_queue):
    assert not DBTaskResult.objects.exists()
    ask_for_a_link()
    assert mail.outbox == []  # nothing sent in the request
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert queued.args_kwargs["kwargs"]["recipients"] == ["delegate-chl@example.org"]

    run_worker()
    assert [m.to for m in mail.outbox] == [["delegate-chl@example.org"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert set_password_from(reset_link()).status_code == 302


def test_a_reset_revokes_the_api_token_and_the_sessions(delegate_chl):
    api = api_for(delegate_chl)
    signed_in = client_for(delegate_chl)
    assert api.get("/api/economies/").status_code == 200
    assert signed_in.get("/accounts/profile/").status_code == 200

    ask_for_a_link()
    assert set_password_from(reset_link()).status_code == 302
    assert not ApiToken.objects.filter(user=delegate_chl).exists()
    assert api.get("/api/economies/").status_code == 401
    assert signed_in.get("/accounts/profile/")["Location"].startswith(LOGIN)


def test_the_profile_links_to_the_change(delegate_chl):
    api_for(delegate_chl)  # the profile words what becomes of a token
    page = client_for(delegate_chl).get("/accounts/profile/")
    assert f'href="{CHANGE}">Change your password</a>' in page.text
    assert "so does changing or resetting your password" in page.text


def test_a_change_keeps_this_session_and_ends_the_others(delegate_chl):
    api = api_for(delegate_chl)
    here, elsewhere = client_for(delegate_chl), client_for(delegate_chl)
    form = here.get(CHANGE)
    assert form.status_code == 200
    assert '<p class="hint" id="id_new_password1_helptext">At least 8 characters' in form.text

    changed = here.post(
        CHANGE,
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302, changed.context["errors"]
    assert changed["Location"] == "/accounts/profile/"
    profile = here.get("/accounts/profile/")
    assert profile.status_code == 200
    assert "Your password is changed." in profile.text
    assert elsewhere.get("/accounts/profile/")["Location"].startswith(LOGIN)
    assert api.get("/api/economies/").status_code == 401
    assert not ApiToken.objects.filter(user=delegate_chl).exists()
    assert signs_in(NEW_PASSWORD)


def test_a_change_with_a_wrong_current_password_changes_nothing(delegate_chl):
    before = User.objects.get(pk=delegate_chl.pk).password
    response = client_for(delegate_chl).post(
        CHANGE,
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_old_password"' in response.text
    assert User.objects.get(pk=delegate_chl.pk).password == before


def test_signing_in_is_needed_to_change_a_password():
    response = Client().get(CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")


def test_a_reset_lifts_the_pause_of_a_locked_out_person(delegate_chl):
    for _ in range(5):
        Client().post(LOGIN, {"username": "delegate-chl", "password": "wrong"})
    assert (
        Client().post(LOGIN, {"username": "delegate-chl", "password": PASSWORD}).status_code == 429
    )
    ask_for_a_link()
    assert set_password_from(reset_link()).status_code == 302
    assert signs_in(NEW_PASSWORD)


def test_one_email_per_address_every_five_minutes(delegate_chl):
    for _ in range(3):
        ask_for_a_link()
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5, seconds=1)):
        ask_for_a_link()
    assert len(mail.outbox) == 2

"""Invitations (a single-use link that expires, e-mailed through the queue), the people page,
deactivation and the handover of an economy to a new delegate."""

import datetime as dt
import re
import threading

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.db import connections
from django.test import Client
from django.utils import timezone

from plans.accounts import invitations
from plans.accounts.invitations import InvitationRefused, invitation_send
from plans.accounts.models import Deactivation, Invitation, InvitedRole
from plans.accounts.roles import identity_of
from plans.models import Economy
from reporting.reports.models import EconomyReport
from reporting.reports.reminders import delegate_addresses
from tests.conftest import PASSWORD, client_for, load_demo_catalogue
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

PEOPLE = "/accounts/invitations/"
NEW_PASSWORD = "a-new-password-for-apec"
NEWCOMER = "ana.perez@produce.example.pe"


def invitation_link() -> str:
    """The path of the link in the last e-mail sent."""
    (path,) = re.findall(
        r"http://127\.0\.0\.1:8000(/accounts/invitations/\S+/)", mail.outbox[-1].body
    )
    return path


def invite(client: Client, email: str = NEWCOMER, economy: str = "PE", role: str = "Delegate"):
    return client.post(
        PEOPLE, {"action": "invite", "email": email, "role": role, "economy": economy}
    )


def accept(link: str, password: str = NEW_PASSWORD, client: Client | None = None):
    client = client or Client()
    return client.post(link, {"new_password1": password, "new_password2": password})


def signs_in(username: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def test_the_director_invites_a_delegate_who_sets_a_password_and_lands_home(director):
    assert not User.objects.filter(username=NEWCOMER).exists()
    response = invite(client_for(director))
    assert response.status_code == 302
    assert response["Location"] == PEOPLE
    (sent,) = mail.outbox
    assert sent.to == [NEWCOMER]
    assert "delegate of Peru" in sent.subject
    assert "works once, for 14 days" in sent.body
    # The invitee has no time zone yet: UTC, named.
    assert re.search(r"until \d+ \w+ \d{4}, \d\d:\d\d UTC\.", sent.body)
    link = invitation_link()

    page = Client().get(link)
    assert page.status_code == 200
    assert "You are invited as delegate of Peru" in page.text

    newcomer = Client()
    response = accept(link, client=newcomer)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username=NEWCOMER)
    identity = identity_of(user)
    assert identity.is_delegate
    assert identity.economy_code == "PE"
    home = newcomer.get("/")
    assert home.status_code == 200
    assert "Delegate of Peru" in home.text
    assert signs_in(NEWCOMER, NEW_PASSWORD)
    invitation = Invitation.objects.get(email=NEWCOMER)
    assert invitation.user == user
    assert invitation.accepted_at is not None
    # The history names who invited and who accepted.
    assert [record.history_user for record in invitation.history.order_by("history_date")] == [
        director,
        user,
    ]


def test_a_link_works_once(director):
    invite(client_for(director))
    link = invitation_link()
    assert accept(link).status_code == 302
    again = Client().get(link)
    assert again.status_code == 410
    assert "It was used already" in again.text
    assert accept(link, password="another-password-for-apec").status_code == 410
    assert User.objects.filter(username=NEWCOMER).count() == 1


def test_a_link_expires(director, settings):
    invite(client_for(director))
    link = invitation_link()
    with time_machine.travel(
        timezone.now() + settings.INVITATION_LIFETIME + dt.timedelta(minutes=1)
    ):
        page = Client().get(link)
        assert page.status_code == 410
        assert "It has expired" in page.text
        assert accept(link).status_code == 410
    assert not User.objects.filter(username=NEWCOMER).exists()


def test_a_made_up_link_is_404():
    page = Client().get("/accounts/invitations/made-up-token/")
    assert page.status_code == 404
    assert "No invitation has this link" in page.text


def test_a_weak_password_is_refused_with_the_error_summary(director):
    invite(client_for(director))
    response = accept(invitation_link(), password="12345678")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "This password is too common." in response.text
    assert not User.objects.filter(username=NEWCOMER).exists()


def test_withdrawn_and_resent_links_stop_working(director):
    client = client_for(director)
    invite(client)
    first = invitation_link()
    assert f'data-label="Invited">{NEWCOMER}<' in client.get(PEOPLE).text
    invitation = Invitation.objects.get(email=NEWCOMER)
    assert client.post(PEOPLE, {"action": "resend", "invitation": invitation.pk}).status_code == 302
    second = invitation_link()
    assert second != first
    assert Client().get(first).status_code == 404  # its token is no longer kept
    assert (
        client.post(PEOPLE, {"action": "withdraw", "invitation": invitation.pk}).status_code == 302
    )
    page = Client().get(second)
    assert page.status_code == 410
    assert "It was withdrawn" in page.text
    assert f'data-label="Invited">{NEWCOMER}<' not in client.get(PEOPLE).text


def test_the_services_refuse(director, chair, delegate_chl):
    with pytest.raises(InvitationRefused, match="cannot invite a program director"):
        invitation_send(by=director, email=NEWCOMER, role=InvitedRole.DIRECTOR)
    with pytest.raises(InvitationRefused, match="cannot invite a delegate"):
        invitation_send(by=chair, email=NEWCOMER, role=InvitedRole.DELEGATE, economy_code="PE")
    with pytest.raises(InvitationRefused, match="Choose the economy"):
        invitation_send(by=director, email=NEWCOMER, role=InvitedRole.DELEGATE)
    with pytest.raises(InvitationRefused, match="exists already"):
        invitation_send(
            by=director, email="DELEGATE-CHL@example.org", role="Delegate", economy_code="CHL"
        )
    invitation_send(by=director, email=NEWCOMER, role="Delegate", economy_code="PE")
    with pytest.raises(InvitationRefused, match="has an invitation waiting"):
        invitation_send(by=director, email=NEWCOMER.upper(), role="Delegate", economy_code="PE")
    with pytest.raises(InvitationRefused, match="not an active delegate"):
        invitation_send(
            by=director,
            email="someone@example.org",
            role="Delegate",
            economy_code="PE",
            predecessor=delegate_chl,
        )
    with pytest.raises(InvitationRefused, match="own account"):
        invitations.account_deactivate(by=director, user=director)
    with pytest.raises(InvitationRefused, match="cannot deactivate chair"):
        invitations.account_deactivate(by=director, user=chair)
    assert Invitation.objects.count() == 1


def test_the_form_says_what_is_wrong(director):
    response = invite(client_for(director), email="", economy="")
    assert response.status_code == 400
    assert "Enter the e-mail address of the person to invite." in response.text
    assert "Choose the economy the delegate reports for." in response.text
    taken = invite(client_for(director), email="delegate-chl@example.org", economy="CHL")
    assert taken.status_code == 400
    assert "exists already" in taken.text
    assert not mail.outbox


def test_the_administrator_invites_the_chair(administrator):
    client = client_for(administrator)
    page = client.get(PEOPLE)
    assert '<option value="Chair">' in page.text
    assert (
        invite(client, email="vice.chair@example.org", role="Chair", economy="").status_code == 302
    )
    response = accept(invitation_link())
    assert response.status_code == 302
    assert identity_of(User.objects.get(username="vice.chair@example.org")).is_chair


def test_the_profile_links_to_the_people_page(director, chair):
    assert f'href="{PEOPLE}"' in client_for(director).get("/accounts/profile/").text
    assert f'href="{PEOPLE}"' not in client_for(chair).get("/accounts/profile/").text


def test_the_director_can_only_invite_delegates(director):
    page = client_for(director).get(PEOPLE)
    assert '<option value="Chair">' not in page.text
    response = invite(client_for(director), email="vice.chair@example.org", role="Chair")
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_the_people_page_in_a_fixed_number_of_queries(director, django_assert_num_queries):
    client = client_for(director)
    invite(client)
    invite(client, email="someone@example.org", economy="CHL")
    client.get("/")  # the session's first page records the session once
    # The session, the user, their roles, the economies (the form's choices), the delegates with
    # their users and deactivations, the invitations waiting (the time zone rides in the session).
    with django_assert_num_queries(6):
        page = client.get(PEOPLE)
    assert page.status_code == 200
    assert "Never" in page.text
    assert NEWCOMER in page.text
    # As many with more people, invitations and deactivations.
    invite(client, email="third@example.org", economy="AUS")
    accept(invitation_link())
    invitations.account_deactivate(by=director, user=User.objects.get(username="delegate-aus"))
    with django_assert_num_queries(6):
        page = client.get(PEOPLE)
    assert "Deactivated" in page.text
    assert "third@example.org" in page.text


def test_the_director_does_not_see_the_invitations_of_the_chair(director, administrator):
    invitation_send(by=administrator, email="vice.chair@example.org", role="Chair")
    assert "vice.chair@example.org" in client_for(administrator).get(PEOPLE).text
    client = client_for(director)
    assert "vice.chair@example.org" not in client.get(PEOPLE).text
    invitation = Invitation.objects.get()
    assert (
        client.post(PEOPLE, {"action": "withdraw", "invitation": invitation.pk}).status_code == 404
    )
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_deactivating_a_delegate(director, delegate_pe):
    report = start_report(delegate_pe, "PE")
    client = client_for(director)
    url = f"/accounts/invitations/people/{delegate_pe.pk}/deactivate/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Deactivate the account" in page.text
    own = client_for(delegate_pe)
    assert own.get("/reports/").status_code == 200
    assert signs_in("delegate-pe", PASSWORD)

    assert client.post(url).status_code == 302
    delegate_pe.refresh_from_db()
    assert not delegate_pe.is_active
    assert not signs_in("delegate-pe", PASSWORD)
    assert own.get("/reports/").status_code == 302  # signed out
    assert EconomyReport.objects.filter(pk=report.pk).exists()
    deactivation = Deactivation.objects.get(user=delegate_pe)
    assert deactivation.by == director
    assert "Deactivated" in client.get(PEOPLE).text
    assert client.get(url).status_code == 404  # deactivated already


def test_only_the_director_and_the_administrator_manage_people(
    chair, delegate_chl, delegate_pe, director
):
    deactivate = f"/accounts/invitations/people/{delegate_pe.pk}/deactivate/"
    for user in (chair, delegate_chl):
        client = client_for(user)
        assert client.get(PEOPLE).status_code == 403
        assert client.post(deactivate).status_code == 403
        assert client.get("/accounts/invitations/handover/PE/").status_code == 403
    # The director manages delegates only.
    assert (
        client_for(director).get(f"/accounts/invitations/people/{chair.pk}/deactivate/").status_code
        == 404
    )
    assert delegate_pe.is_active


def hand_over(director, access_ends: str = "") -> None:
    predecessor = User.objects.get(username="delegate-chl")
    response = client_for(director).post(
        "/accounts/invitations/handover/CHL/",
        {
            "predecessor": predecessor.pk,
            "email": "successor@example.cl",
            "access_ends": access_ends,
        },
    )
    assert response.status_code == 302, response.content


def test_a_handover_ends_the_predecessors_access_when_the_successor_accepts(director, delegate_chl):
    report = start_report(delegate_chl, "CHL")
    chile = Economy.objects.get(code="CHL")
    page = client_for(director).get("/accounts/invitations/handover/CHL/")
    assert page.status_code == 200
    hand_over(director)
    assert "Chile" in mail.outbox[-1].subject
    # Until the successor accepts, the predecessor works on and gets the reminders.
    assert delegate_addresses(chile) == ["delegate-chl@example.org"]
    assert signs_in("delegate-chl", PASSWORD)

    assert accept(invitation_link()).status_code == 302
    delegate_chl.refresh_from_db()
    assert not delegate_chl.is_active
    assert not signs_in("delegate-chl", PASSWORD)
    assert delegate_addresses(chile) == ["successor@example.cl"]
    assert identity_of(User.objects.get(username="successor@example.cl")).economy_code == "CHL"
    assert EconomyReport.objects.filter(pk=report.pk, economy=chile).exists()
    deactivation = Deactivation.objects.get(user=delegate_chl)
    assert deactivation.reason == "Handed Chile over to successor@example.cl"
    assert deactivation.by == director
    assert deactivation.invitation == Invitation.objects.get(email="successor@example.cl")
    # The successor reads the economy's report the predecessor started.
    successor = client_for(User.objects.get(username="successor@example.cl"))
    assert successor.get(f"/reports/{report.cycle.year}/CHL/").status_code == 200


def test_a_handover_on_a_date(director, delegate_chl):
    today = timezone.localdate()
    ends = today + dt.timedelta(days=10)
    hand_over(director, access_ends=ends.isoformat())
    assert accept(invitation_link()).status_code == 302
    delegate_chl.refresh_from_db()
    assert delegate_chl.is_active  # both work until the date
    chile = Economy.objects.get(code="CHL")
    assert delegate_addresses(chile) == ["delegate-chl@example.org", "successor@example.cl"]
    assert invitations.handovers_complete(today=ends - dt.timedelta(days=1)) == []
    assert len(invitations.handovers_complete(today=ends)) == 1
    delegate_chl.refresh_from_db()
    assert not delegate_chl.is_active
    assert delegate_addresses(chile) == ["successor@example.cl"]
    assert invitations.handovers_complete(today=ends) == []  # done once


def test_a_handover_refuses_a_date_in_the_past(director, delegate_chl):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(director).post(
        "/accounts/invitations/handover/CHL/",
        {"predecessor": delegate_chl.pk, "email": "successor@example.cl", "access_ends": yesterday},
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.text
    assert not Invitation.objects.exists()


def test_the_admin_reads_invitations_and_their_history(director, administrator):
    sent = invitation_send(by=director, email=NEWCOMER, role="Delegate", economy_code="PE")
    client = client_for(administrator)
    listing = client.get("/admin/plans/invitation/")
    assert listing.status_code == 200
    assert NEWCOMER in listing.text
    record = client.get(f"/admin/plans/invitation/{sent.invitation.pk}/change/")
    assert record.status_code == 200
    assert sent.invitation.token_digest not in record.text
    history = client.get(f"/admin/plans/invitation/{sent.invitation.pk}/history/")
    assert history.status_code == 200
    assert "director" in history.text
    assert client.get("/admin/plans/invitation/add/").status_code == 403


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_link_sent_twice_at_once_makes_one_account():
    load_demo_catalogue()
    invitation_send(
        by=User.objects.get(username="director"),
        email=NEWCOMER,
        role="Delegate",
        economy_code="PE",
    )
    link = invitation_link()
    start = threading.Barrier(4, timeout=60)
    answers: list[int] = []

    def send() -> None:
        try:
            start.wait()
            answers.append(accept(link).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(answers) == [302, 410, 410, 410]
    assert User.objects.filter(username=NEWCOMER).count() == 1

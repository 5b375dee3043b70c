"""The director invites a new delegate, who sets a password from the e-mail's link and lands on
the delegate's home page; then hands the economy over to another delegate. In a real browser,
with axe-core on every page at desktop and phone widths."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.test_password_reset import BothWidths
from tests.browser.test_report_journey import sign_out

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-new-password-for-apec"


def open_emailed_link(page: Page) -> None:
    (link,) = re.findall(r"http://\S+/accounts/invitations/\S+/", mail.outbox[-1].body)
    page.goto(link.replace("http://127.0.0.1:8000", page.url.split("/accounts/")[0]))


def set_password(page: Page) -> None:
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the password and sign in").click()


def test_an_invited_delegate_sets_a_password_then_an_economy_is_handed_over(page: Page):
    journey = BothWidths(page, "invitations")
    sign_in(page, "director")
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="people and invitations").click()
    expect(page.get_by_role("heading", name="People and invitations", level=1)).to_be_visible()
    journey.step("people")

    page.get_by_role("button", name="Send the invitation").click()  # nothing filled in
    expect(
        page.get_by_role("link", name="Enter the e-mail address of the person to invite.")
    ).to_be_visible()
    journey.step("no-address")

    page.get_by_label("E-mail address").fill("ana.perez@produce.example.pe")
    page.get_by_label("Economy").select_option(label="Peru")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way")).to_be_visible()
    expect(page.get_by_role("rowheader", name="ana.perez@produce.example.pe")).to_be_visible()
    journey.step("invited")
    sign_out(page)

    open_emailed_link(page)
    expect(page.get_by_role("heading", name="Set your password", level=1)).to_be_visible()
    journey.step("accept")
    set_password(page)
    expect(page.get_by_text("your password is set and you are signed in")).to_be_visible()
    expect(page.get_by_text("Delegate of Peru")).to_be_visible()
    journey.step("delegate-home")
    sign_out(page)

    open_emailed_link(page)
    expect(page.get_by_text("It was used already")).to_be_visible()
    journey.step("used-link")

    # The handover: Chile's delegate to a successor, whose acceptance ends the predecessor's access.
    sign_in(page, "director")
    page.goto("/accounts/invitations/")
    page.get_by_role("link", name="Hand over Chile").click()
    expect(page.get_by_role("heading", name="Hand Chile over", level=1)).to_be_visible()
    journey.step("handover")
    page.get_by_label("The successor's e-mail address").fill("successor@example.cl")
    page.get_by_role("button", name="Invite the successor").click()
    expect(
        page.get_by_text("successor@example.cl is invited as the delegate of Chile")
    ).to_be_visible()
    expect(page.get_by_text("taking over from delegate-chl")).to_be_visible()
    journey.step("handover-invited")
    sign_out(page)

    open_emailed_link(page)
    set_password(page)
    expect(page.get_by_text("Delegate of Chile")).to_be_visible()
    sign_out(page)
    assert not User.objects.get(username="delegate-chl").is_active

    sign_in(page, "delegate-chl")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()  # refused
    sign_in(page, "director")
    page.goto("/accounts/invitations/")
    expect(page.get_by_text("Handed Chile over to successor@example.cl")).to_be_visible()
    journey.step("handed-over")
    journey.assert_accessible()

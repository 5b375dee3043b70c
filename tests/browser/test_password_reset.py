"""A forgotten password reset from the e-mail's link in a real browser, with axe-core on every
page at desktop and phone widths."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot
from tests.browser.test_report_journey import Journey

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-new-password-for-apec"


class BothWidths(Journey):
    """Each step is checked by axe-core at desktop width, then at phone width."""

    def step(self, name: str) -> None:
        super().step(name)
        self.page.set_viewport_size(PHONE)
        found = axe_violations(self.page)
        if found:
            self.violations[f"{self.prefix}-{self.number:02d}-{name} phone"] = found
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways at phone width: {width}px"
        self.page.set_viewport_size(DESKTOP)


def test_a_forgotten_password_is_reset_from_the_emailed_link(page: Page, delegate_chl):
    journey = BothWidths(page, "password-reset")
    page.goto("/accounts/login/")
    journey.step("sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password", level=1)).to_be_visible()
    journey.step("ask")

    page.get_by_role("button", name="Send the link").click()  # no address yet
    expect(page.get_by_role("link", name="Enter your e-mail address.")).to_be_visible()
    journey.step("no-address")

    page.get_by_label("E-mail address").fill("delegate-chl@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail", level=1)).to_be_visible()
    journey.step("sent")

    (link,) = re.findall(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[-1].body)
    page.goto(link.replace("http://127.0.0.1:8000", page.url.split("/accounts/")[0]))
    expect(page.get_by_role("heading", name="Set a new password", level=1)).to_be_visible()
    journey.step("set")

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_role("heading", name="Your password is set", level=1)).to_be_visible()
    journey.step("done")

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("delegate-chl")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Delegate of Chile")).to_be_visible()

    # The profile lists this browser's session; signing out everywhere ends it and says so.
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", name="Where you are signed in")).to_be_visible()
    expect(page.get_by_text("(this browser)")).to_be_visible()
    journey.step("profile")
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page.get_by_text("You are signed out everywhere")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    journey.step("signed-out-everywhere")

    page.goto(link.replace("http://127.0.0.1:8000", page.url.split("/accounts/")[0]))
    expect(page.get_by_role("heading", name="This link no longer works", level=1)).to_be_visible()
    journey.step("used-link")
    screenshot(page, "password-reset-used-link")
    journey.assert_accessible()

"""The director sets up an authenticator app in a real browser (the code computed from the key
the page shows), signs out, signs in with a code, then with a recovery code; axe-core on every
page at desktop and phone widths."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.test_password_reset import BothWidths
from tests.browser.test_report_journey import sign_out

pytestmark = pytest.mark.browser


def code_from(secret: str, *, ahead: int = 0) -> str:
    """The app's code now, or `ahead` steps of 30 seconds on (the device accepts the next step's,
    and each step's code once only)."""
    return f"{totp(b32decode(secret.replace(' ', '')), drift=ahead):06d}"


def test_the_director_sets_up_an_app_and_signs_in_with_a_code_then_a_recovery_code(
    page: Page, settings, director
):
    settings.TWO_FACTOR_REQUIRED = True
    journey = BothWidths(page, "two-factor")
    sign_in(page, "director")
    # No page but the setup until an app is set up.
    expect(page.get_by_role("heading", name="Two-factor sign-in", level=1)).to_be_visible()
    expect(page.get_by_text("set up an authenticator app before you continue")).to_be_visible()
    journey.step("required")
    page.goto("/dashboard/2025-2028/")
    expect(page.get_by_role("heading", name="Two-factor sign-in", level=1)).to_be_visible()

    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator("#secret").inner_text()
    journey.step("add")

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Confirm the app").click()
    expect(page.get_by_role("link", name=re.compile("The code does not match"))).to_be_visible()
    journey.step("add-wrong-code")
    page.wait_for_timeout(1500)  # a wrong code makes the app wait a second before the next

    page.get_by_label("Code").fill(code_from(secret))
    page.get_by_role("button", name="Confirm the app").click()
    expect(page.get_by_role("heading", name="Your recovery codes", level=1)).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    journey.step("recovery-codes")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a text file").click()
    assert codes[0] in Path(download.value.path()).read_text()

    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.locator(".site-header__role")).to_have_text("Program Director")
    sign_out(page)

    # With a code from the app.
    sign_in(page, "director")
    expect(page.get_by_role("heading", name="Enter your code", level=1)).to_be_visible()
    journey.step("verify")
    page.get_by_label("Code").fill(code_from(secret, ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".site-header__role")).to_have_text("Program Director")
    sign_out(page)

    # With a recovery code, which then works no more.
    sign_in(page, "director")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".site-header__role")).to_have_text("Program Director")
    page.goto("/accounts/two-factor/")
    expect(page.get_by_text("You have 9 unused recovery codes")).to_be_visible()
    journey.step("overview")
    sign_out(page)
    sign_in(page, "director")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name=re.compile("The code does not work"))).to_be_visible()
    journey.step("verify-used-code")
    journey.assert_accessible()

"""The director adds a security key in a real Chromium (a virtual authenticator of the browser's
DevTools protocol answers as a passkey would), signs out, and signs in with the password and the
key; axe-core on every page at desktop and phone widths."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from plans.accounts.twofactor.models import WebAuthnDevice
from tests.browser.conftest import sign_in
from tests.browser.test_password_reset import BothWidths
from tests.browser.test_report_journey import sign_out

pytestmark = pytest.mark.browser


def virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def test_the_director_adds_a_security_key_and_signs_in_with_it(
    page: Page, settings, site, director
):
    settings.TWO_FACTOR_REQUIRED = True
    # The key binds itself to the host the browser sees: the live server's.
    settings.SITE_URL = site.url
    app = TOTPDevice.objects.create(user=director, name="Phone", confirmed=True)
    virtual_authenticator(page)
    journey = BothWidths(page, "security-keys")

    sign_in(page, "director")
    expect(page.get_by_role("heading", name="Enter your code", level=1)).to_be_visible()
    page.get_by_label("Code").fill(f"{totp(app.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".site-header__role")).to_have_text("Program Director")

    page.goto("/accounts/two-factor/")
    journey.step("overview-without-key")
    page.get_by_label("Name of the key").fill("Blue YubiKey")
    page.get_by_role("button", name="Add a security key").click()
    expect(page.get_by_text("Your security key “Blue YubiKey” is added.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Blue YubiKey, added .*, not used yet"))).to_be_visible()
    journey.step("overview-with-key")
    key = WebAuthnDevice.objects.get(user=director)
    assert key.name == "Blue YubiKey"
    assert key.history.count() == 1
    assert key.history.get().history_user == director
    sign_out(page)

    sign_in(page, "director")
    expect(page.get_by_role("button", name="Use your security key")).to_be_visible()
    journey.step("verify-with-key")
    page.get_by_role("button", name="Use your security key").click()
    page.wait_for_url(f"{site.url}/")  # where the sign-in was going
    expect(page.locator(".site-header__role")).to_have_text("Program Director")
    key.refresh_from_db()
    assert key.last_used_at is not None
    page.goto("/accounts/two-factor/")
    expect(page.get_by_text(re.compile(r"Blue YubiKey, added .*, last used"))).to_be_visible()

    page.get_by_role("button", name=re.compile("remove Blue YubiKey")).click()
    expect(page.get_by_text("The security key “Blue YubiKey” is removed.")).to_be_visible()
    assert not WebAuthnDevice.objects.filter(user=director).exists()
    sign_out(page)
    sign_in(page, "director")  # the code form alone, as in a browser without WebAuthn
    expect(page.get_by_role("heading", name="Enter your code", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Use your security key")).to_have_count(0)
    journey.assert_accessible()

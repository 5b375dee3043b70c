"""Single sign-on in a real browser through a real provider (tests/oidc_provider/): a stranger
is refused, then Chile's delegate signs in with the organisation's account, with axe-core on
every page of the site at desktop and phone widths."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_password_reset import BothWidths
from tests.oidc_provider.server import BUTTON_LABEL, PASSWORD, running_provider, use_provider

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc-provider")) as started:
        yield started


@pytest.fixture
def sign_on_set_up(settings, provider):
    return use_provider(settings, provider)


def sign_in_at_provider(page: Page, username: str) -> None:
    page.get_by_role("link", name=BUTTON_LABEL).click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def test_a_delegate_signs_in_with_the_organisations_account(
    page: Page, site, sign_on_set_up, delegate_chl
):
    journey = BothWidths(page, "sign-on")
    # The provider sends people back to the loopback address on any port (RFC 8252), which
    # "localhost", the live server's name, is not.
    login = site.url.replace("localhost", "127.0.0.1") + "/accounts/login/"
    page.goto(login)
    journey.step("sign-in")

    sign_in_at_provider(page, "stranger")
    expect(page.get_by_role("heading", name="You cannot sign in this way", level=1)).to_be_visible()
    expect(page.get_by_text("No account here has the address stranger@example.org")).to_be_visible()
    journey.step("refused")

    # The provider's session is the stranger's: a new visitor to both sites.
    page.context.clear_cookies()
    page.goto(login)
    sign_in_at_provider(page, "chile")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.url == login.replace("/accounts/login/", "/")
    journey.step("home")
    journey.assert_accessible()

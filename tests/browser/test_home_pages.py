"""The home page of each role in a real browser, with axe-core: the delegate's report due, the
director's counts per state, the Chair's reviews."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in
from tests.reporting.factories import make_cycle, start_report

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("username", "heading"),
    [("delegate-chl", "Your reports"), ("director", "2026 reports"), ("chair", "Reviews")],
)
def test_each_role_home_page(page, delegate_chl, username, heading):
    make_cycle(2026)
    start_report(delegate_chl)
    sign_in(page, username)
    page.goto("/")
    expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    if username == "delegate-chl":
        expect(page.get_by_role("link", name="Continue the 2026 report")).to_be_visible()
    if username == "director":
        expect(page.get_by_role("link", name="20 not started")).to_be_visible()
    screenshot(page, f"home-{username}")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the home page scrolls sideways: {width}px wide"

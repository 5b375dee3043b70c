"""The pages of the catalogue as a person sees them, at phone and desktop widths."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_sign_in_and_read_the_plan(page):
    page.goto("/plans/2025-2028/")
    assert "/accounts/login/" in page.url  # anonymous visitors are sent to sign in
    assert_accessible(page)
    screenshot(page, "catalogue-01-login")

    sign_in(page, "director")
    page.goto("/")
    assert page.get_by_text("Program Director", exact=True).is_visible()
    assert_accessible(page)
    screenshot(page, "catalogue-02-home")

    page.get_by_role("link", name="SMEWG Strategic Plan 2025-2028").first.click()
    assert page.get_by_role("heading", name="SMEWG Strategic Plan 2025-2028", level=1).is_visible()
    assert page.get_by_role("heading", name="Bio-circular-green transformation").is_visible()
    assert_accessible(page)
    screenshot(page, "catalogue-03-plan-desktop")

    page.set_viewport_size(PHONE)
    assert_accessible(page)
    screenshot(page, "catalogue-04-plan-phone")
    page.set_viewport_size(DESKTOP)

    page.goto("/plans/")
    assert page.get_by_role("link", name="SMEWG Strategic Plan 2017-2020").is_visible()
    assert_accessible(page)
    screenshot(page, "catalogue-05-plan-list")


def test_wrong_password_shows_an_error_summary(page):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert_accessible(page)
    screenshot(page, "catalogue-06-login-error")


def test_the_2021_2024_plans_reported_figures_read_apart(page):
    sign_in(page, "chair")
    for url, name in (("/plans/2021-2024/", "plan"), ("/dashboard/2021-2024/", "dashboard")):
        page.goto(url)
        panel = page.locator("#reported-figures")
        heading = "Figures reported by the program director in 2024; method not stated"
        assert panel.get_by_role("heading", name=heading).is_visible()
        assert panel.get_by_role("cell", name="75 %").is_visible()
        assert_accessible(page)
        screenshot(page, f"catalogue-07-reported-figures-{name}")
        page.set_viewport_size(PHONE)
        assert_accessible(page)
        page.set_viewport_size(DESKTOP)

"""The data checks in a real browser, with axe-core on every page at desktop and phone widths:
Chile's delegate sees a warning beside a value ten times last year's, confirms it with a reason,
and finds it on the check page; the director sees the open warnings of another economy on the
accept page and the quality list."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.test_questions_journey import check_both_widths
from tests.browser.test_report_journey import Journey, sign_out
from tests.reporting.factories import finish_report, start_report, write_section
from tests.reporting.reports.test_checks import accepted, area_one, delegate

pytestmark = pytest.mark.browser


def test_the_delegate_confirms_a_flagged_value_and_the_director_sees_the_open_ones(
    page: Page, director
):
    accepted("CHL", 2025, "10", 2025, director)
    chile = start_report(delegate("CHL"), "CHL", 2026)
    write_section(delegate("CHL"), chile, "1", **area_one(1, "100", "2026"))
    peru = start_report(delegate("PE"), "PE", 2026)
    finish_report(delegate("PE"), peru, s1=area_one(1, "12", "2022"))
    journey = Journey(page, prefix="checks")

    sign_in(page, "delegate-chl")
    page.goto("/reports/2026/CHL/sections/1/")
    measure = page.locator("#measure-2")
    expect(measure.get_by_text("100 is more than 3 times 10")).to_be_visible()
    check_both_widths(journey, "section-warning")
    measure.get_by_label("If the value is right, say why (optional)").fill("A new census.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#measure-2").get_by_text("Confirmed: “A new census.”")).to_be_visible()
    check_both_widths(journey, "section-confirmed")
    sign_out(page)

    sign_in(page, "director")
    page.goto("/reports/2026/PE/accept/")
    expect(
        page.get_by_text("1 figure the checks flag, not confirmed by the delegate")
    ).to_be_visible()
    check_both_widths(journey, "accept")
    page.get_by_role("link", name="Every open warning of the 2026 reports").click()
    expect(page.get_by_role("heading", name="Data checks: 2026 reports", level=1)).to_be_visible()
    expect(page.get_by_text("1 open warning")).to_be_visible()
    check_both_widths(journey, "quality")
    assert journey.violations == {}

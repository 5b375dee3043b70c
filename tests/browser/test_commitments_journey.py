"""Commitments in a real browser, with axe-core on every page at desktop and phone widths:
Chile's 2025 commitment, due in 2026, waits in its 2026 draft; its delegate is told what a
dropped commitment needs, marks it done and adds a commitment for 2028; the director reads the
overdue commitments, where Japan's stays."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.test_questions_journey import check_both_widths
from tests.browser.test_report_journey import Journey, sign_out
from tests.reporting.commitments.factories import accepted_with_commitment, delegate_of
from tests.reporting.factories import start_report

pytestmark = pytest.mark.browser

CHILE = "Open two regional SME export centres"
JAPAN = "Publish a green finance guide for MSMEs"


def test_chile_follows_up_its_commitment_and_the_director_sees_what_is_overdue(
    page: Page, delegate_chl, director
):
    accepted_with_commitment("CHL", 2025, due_year=2026, text=CHILE)
    accepted_with_commitment("JPN", 2025, due_year=2026, text=JAPAN, area=5)
    start_report(delegate_of("CHL"), "CHL", 2026)
    journey = Journey(page, prefix="commitments")

    sign_in(page, "delegate-chl")
    page.goto("/reports/2026/CHL/")
    page.get_by_role("link", name="Commitments").first.click()
    expect(page.get_by_role("heading", name="Commitments", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=CHILE, level=3)).to_be_visible()
    check_both_widths(journey, "page")

    page.get_by_label("Dropped", exact=True).check()
    page.get_by_role("button", name="Save where they stand").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why the commitment was dropped.")
    journey.step("dropped-without-reason")
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Save where they stand").click()
    expect(page.get_by_role("status")).to_contain_text("Where your earlier commitments stand")
    expect(page.get_by_label("Done", exact=True)).to_be_checked()

    page.get_by_label("What will your economy do?").fill("Train 2,000 women in e-commerce")
    page.get_by_role("checkbox").first.check()
    page.get_by_label("Year it is due").select_option("2028")
    page.get_by_role("button", name="Add the commitment").click()
    expect(page.get_by_role("status")).to_contain_text("The commitment is added to the report.")
    expect(
        page.get_by_role("cell", name="Train 2,000 women in e-commerce", exact=True)
    ).to_be_visible()
    check_both_widths(journey, "added")
    sign_out(page)

    sign_in(page, "director")
    page.goto("/dashboard/2025-2028/")
    page.get_by_role("link", name="The overdue commitments per economy").click()
    expect(page.get_by_role("heading", name="Japan", level=2)).to_be_visible()
    expect(page.get_by_text(JAPAN)).to_be_visible()
    # Chile's is still overdue in the figures: its 2026 report is a draft, not counted yet.
    expect(page.get_by_role("heading", name="Chile", level=2)).to_be_visible()
    check_both_widths(journey, "overdue")
    journey.assert_accessible()

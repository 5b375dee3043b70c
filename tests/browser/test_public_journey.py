"""The public site in a real browser, with axe-core on every page at desktop and phone widths:
Chile's delegate previews and releases its accepted 2025 report with the questions and answers
on it, an anonymous reader finds it from /public/ with its thread, the delegate withdraws it and
its page answers 404 at once."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.browser.test_questions_journey import check_both_widths
from tests.browser.test_report_journey import Journey, sign_out
from tests.reporting.public.factories import final_review
from tests.reporting.questions.factories import INITIATIVE, accepted_report, thread

pytestmark = pytest.mark.browser

PUBLIC_REPORT = "/public/reports/2025/CHL/"


QUESTION = "How did you reach firms outside the capital?"
ANSWER = "Through the regional chambers of commerce."


def test_chile_releases_its_report_and_withdraws_it(
    page: Page, delegate_chl, delegate_pe, director
):
    report = accepted_report("CHL", 2025)
    initiative = report.initiatives.get(title=INITIATIVE)
    thread(delegate_pe, report, "initiative", QUESTION, initiative, ANSWER)
    journey = Journey(page, prefix="public")

    sign_in(page, "delegate-chl")
    page.goto("/reports/2025/CHL/")
    page.get_by_role("link", name="Preview and release to the public").click()
    expect(
        page.get_by_role("heading", name="Release the 2025 report of Chile to the public?")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="What will be public")).to_be_visible()
    expect(page.get_by_text(INITIATIVE).first).to_be_visible()
    choice = page.get_by_label("Also release the 1 answered question from other economies")
    expect(choice).not_to_be_checked()
    check_both_widths(journey, "preview")
    choice.check()
    page.get_by_role("button", name="Release the report").click()
    expect(page).to_have_url(re.compile(re.escape(PUBLIC_REPORT) + "$"))
    page.goto("/reports/")
    sign_out(page)

    page.goto("/public/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_both_widths(journey, "home")
    page.get_by_role("link", name="Chile, 2025").click()
    expect(page.get_by_role("heading", name="The 2025 report of Chile", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=INITIATIVE, exact=True)).to_be_visible()
    expect(page.get_by_text("Data as of")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions from other economies")).to_be_visible()
    expect(
        page.get_by_role("heading", name=f"Peru asked about Initiative: {INITIATIVE}")
    ).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    check_both_widths(journey, "report")
    page.get_by_role("link", name="Chile").first.click()
    check_both_widths(journey, "economy")
    page.get_by_role("link", name="Data").click()
    check_both_widths(journey, "data")

    sign_in(page, "delegate-chl")
    page.goto("/reports/2025/CHL/")
    page.get_by_role("link", name="Withdraw from the public site").click()
    check_both_widths(journey, "withdraw")
    page.get_by_role("button", name="Withdraw the report").click()
    expect(page.get_by_role("status")).to_contain_text("is no longer on the public site")
    response = page.goto(PUBLIC_REPORT)
    assert response is not None
    assert response.status == 404
    journey.assert_accessible()


def test_the_chair_publishes_the_final_review_and_withdraws_it(page: Page, chair):
    final_review(chair)
    journey = Journey(page, prefix="public-review")
    public = "/public/documents/2025-2028/final/"

    sign_in(page, "chair")
    page.goto("/reviews/2025-2028/final/")
    page.get_by_role("link", name="Preview and publish on the public site").click()
    expect(page.get_by_role("heading", name="What will be public")).to_be_visible()
    check_both_widths(journey, "publish")
    page.get_by_role("button", name="Publish it").click()
    expect(page).to_have_url(re.compile(re.escape(public) + "$"))
    page.goto("/reviews/")
    sign_out(page)

    page.goto("/public/")
    page.get_by_role("link", name="Final review of the APEC SMEWG Strategic Plan 2025-2028").click()
    expect(page.get_by_role("heading", name="Executive summary")).to_be_visible()
    check_both_widths(journey, "document")
    page.get_by_role("navigation", name="Public site").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("link", name=re.compile("^PDF"))).to_be_visible()
    check_both_widths(journey, "documents")

    sign_in(page, "chair")
    page.goto("/reviews/2025-2028/final/")
    page.get_by_role("link", name="Withdraw from the public site").click()
    page.get_by_label("Why take it off the public site?").fill("A quote was wrong.")
    check_both_widths(journey, "withdraw")
    page.get_by_role("button", name="Withdraw it").click()
    expect(page.get_by_text("is no longer on the public site")).to_be_visible()
    response = page.goto(public)
    assert response is not None
    assert response.status == 404
    journey.assert_accessible()

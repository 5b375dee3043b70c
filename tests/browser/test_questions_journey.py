"""Questions between economies in a real browser, with axe-core on every page at desktop and
phone widths: Peru's delegate asks Chile about an initiative of its accepted 2025 report;
Chile's delegate sees the question on the home page and answers it; Peru reads the answer; the
Chair finds the thread in annex F of the final review's Word file."""

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.browser.test_report_journey import Journey, sign_out
from tests.reporting.questions.factories import INITIATIVE, accepted_report

pytestmark = pytest.mark.browser

QUESTION = "How did you reach firms outside the capital?"
ANSWER = "Through the regional offices of SERCOTEC, one coach per region."


def check_both_widths(journey: Journey, name: str) -> None:
    """axe-core and a screenshot at the desktop's width, then at the phone's, where nothing may
    be wider than the screen."""
    page = journey.page
    journey.step(name)
    page.set_viewport_size(PHONE)
    journey.step(f"{name}-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways at a phone's width: {width}px"
    page.set_viewport_size(DESKTOP)


def test_peru_asks_chile_and_chile_answers(
    page: Page, delegate_chl, delegate_pe, director, tmp_path
):
    accepted_report("CHL", 2025)
    journey = Journey(page, prefix="questions")

    sign_in(page, "delegate-pe")
    page.get_by_role("link", name="Ask another economy about its accepted report").click()
    expect(page.get_by_role("heading", name="Questions between economies", level=1)).to_be_visible()
    check_both_widths(journey, "index")
    page.get_by_role("link", name="Questions to Chile").click()
    expect(
        page.get_by_role("heading", name="Questions to Chile on its 2025 report", level=1)
    ).to_be_visible()
    expect(page.get_by_text("No question has been asked on this report yet.")).to_be_visible()
    check_both_widths(journey, "list-empty")

    # Sent empty, the form says what is missing, GOV.UK style, without JavaScript's help.
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose what your question is about.")
    expect(page).to_have_title("Error: Questions to Chile on its 2025 report – SMEWG Tracker")
    journey.step("list-errors")
    page.get_by_label("What is your question about?").select_option(label=INITIATIVE)
    page.get_by_label("Your question", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your question was sent to the delegates of Chile."
    )
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    check_both_widths(journey, "asked")
    sign_out(page)

    sign_in(page, "delegate-chl")
    panel = page.get_by_role("region", name="Questions from other economies")
    expect(panel).to_contain_text("1 question to Chile waits for an answer")
    check_both_widths(journey, "home-chile")
    panel.get_by_role(
        "link", name=f"Peru asks about your 2025 report: Initiative: {INITIATIVE}"
    ).click()
    expect(page.get_by_role("heading", name="A question from Peru", level=1)).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    check_both_widths(journey, "question-chile")
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your answer was sent.")
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_role("button", name="Send the answer")).to_be_visible()
    journey.step("answered")
    page.goto("/")
    expect(page.get_by_role("region", name="Questions from other economies")).to_contain_text(
        "No question to Chile is waiting for an answer."
    )
    sign_out(page)

    sign_in(page, "delegate-pe")
    page.goto("/reports/2025/CHL/questions/")
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_text("Answered", exact=True)).to_be_visible()
    check_both_widths(journey, "list-answered")
    sign_out(page)

    # The Chair finds the thread in the final review's annex F (the tests' queue makes the file
    # at once).
    sign_in(page, "chair")
    page.goto("/reviews/2025-2028/final/")
    expect(page.get_by_text("Annex F: Questions between economies").first).to_be_attached()
    journey.step("review-annexes")
    with page.expect_download(timeout=120_000) as info:
        page.locator("a[data-prepare$='/download/docx/prepare/']").click()
    path = tmp_path / "final-review.docx"
    info.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Annex F: Questions between economies" in text
    assert QUESTION in text
    assert ANSWER in text

    journey.assert_accessible()

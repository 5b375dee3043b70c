"""A report's whole journey in a real browser, with axe-core on every page and a screenshot of
each step: a delegate fills and submits the report, the director returns it with comments, the
delegate fixes and resubmits it, the director accepts it.

Accessibility is checked on every page as the journey goes, and the test fails at the end with
every serious or critical violation of every page listed (so that one run shows them all, instead
of stopping at the first page that has one).
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, axe_violations, screenshot, sign_in
from tests.reporting.factories import make_cycle

pytestmark = pytest.mark.browser

REPORT = "/reports/2026/CHL/"
AREA_1 = "1. Start-up, entrepreneurship, and business environment"
OTHER_AREAS = [
    "2. Scale-up, innovation, and growth, including through access to finance",
    "3. Access to international markets and connecting to global value chains (GVCs)",
    "4. Digitalization",
    "5. Bio-circular-green transformation",
]
GENERAL = "General indicators"
AREA_1_MEASURES = [
    "Indicators of quality of business environment.",
    "Rate of business start-up",
    "Rate of entrepreneurship of those with untapped economic potential",
    "Rate of formalization of informal businesses.",
    "Increase the number of inclusive businesses, including social enterprises.",
]
OBJECTIVE_1 = (
    "1.1 Foster an economic environment favourable to business start-up and entrepreneurship."
)
NOTHING = "Nothing to report for this section this year"
GENERAL_COMMENT = "Please give the source of the start-up rate and say which year it refers to."
SECTION_COMMENT = "The start-up rate needs its data source."


class Journey:
    """Numbered steps: each one is screenshot and checked by axe-core."""

    def __init__(self, page: Page, prefix: str = "report"):
        self.page = page
        self.prefix = prefix
        self.number = 0
        self.violations: dict[str, list[dict]] = {}

    def step(self, name: str) -> None:
        self.number += 1
        label = f"{self.prefix}-{self.number:02d}-{name}"
        self.page.wait_for_load_state()
        screenshot(self.page, label)
        found = axe_violations(self.page)
        if found:
            self.violations[f"{label} ({self.page.url})"] = found

    def assert_accessible(self) -> None:
        assert self.violations == {}, json.dumps(self.violations, indent=1)


def measure(page: Page, text: str):
    """The fieldset of one measure of progress (its legend starts with the measure's text)."""
    return page.get_by_role("group", name=re.compile("^" + re.escape(text)))


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def open_task_list(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Continue the 2026 report").click()
    expect(page.get_by_role("heading", name="2026 annual report", level=1)).to_be_visible()


def open_in_queue(page: Page, status: str):
    """The director's queue; Chile's row, checked to have the status."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review queue").click()
    row = page.get_by_role("row", name=re.compile(r"^Chile\b"))
    expect(row.get_by_role("cell", name=status, exact=True)).to_be_visible()
    return row


def fill_area_1(page: Page) -> None:
    for number, text in enumerate(AREA_1_MEASURES):
        measure(page, text).get_by_label("Progress assessment").select_option(
            "Progressing" if number == 1 else "No data"
        )
    start_ups = measure(page, "Rate of business start-up")
    start_ups.get_by_label("Value").fill("12.5")
    start_ups.get_by_label("Reference year").fill("2025")
    start_ups.get_by_label("Narrative", exact=True).fill(
        "New one-stop registration cut start-up time by half."
    )

    initiative = page.get_by_role("group", name="Add an initiative")
    initiative.get_by_label("Title").fill("Escritorio Empresa one-stop shop")
    initiative.get_by_label("Type").select_option("Program")
    initiative.get_by_label("Description").fill("Online registration of new firms in one day.")
    initiative.get_by_role("group", name="Objectives of this area it addresses").get_by_label(
        OBJECTIVE_1
    ).check()
    initiative.get_by_role("group", name="Target groups reached").get_by_label(
        "Women", exact=True
    ).check()


def expect_area_1_kept(page: Page) -> None:
    expect(measure(page, AREA_1_MEASURES[0]).get_by_label("Progress assessment")).to_have_value(
        "no_data"
    )
    start_ups = measure(page, "Rate of business start-up")
    expect(start_ups.get_by_label("Progress assessment")).to_have_value("progressing")
    expect(start_ups.get_by_label("Value")).to_have_value(re.compile(r"^12\.50*$"))
    expect(start_ups.get_by_label("Reference year")).to_have_value("2025")
    expect(start_ups.get_by_label("Narrative", exact=True)).to_have_value(
        "New one-stop registration cut start-up time by half."
    )
    initiative = page.get_by_role("group", name="Initiative 1", exact=True)
    expect(initiative.get_by_label("Title")).to_have_value("Escritorio Empresa one-stop shop")
    expect(initiative.get_by_label("Type")).to_have_value("program")
    objectives = initiative.get_by_role("group", name="Objectives of this area it addresses")
    expect(objectives.get_by_label(OBJECTIVE_1)).to_be_checked()
    expect(objectives.get_by_role("checkbox", checked=True)).to_have_count(1)
    groups = initiative.get_by_role("group", name="Target groups reached")
    expect(groups.get_by_label("Women", exact=True)).to_be_checked()
    expect(groups.get_by_role("checkbox", checked=True)).to_have_count(1)
    # A new, empty initiative is offered below the saved one.
    expect(page.get_by_role("group", name="Add an initiative")).to_be_visible()


def expect_message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_submit_return_resubmit_accept(page):
    make_cycle(2026)
    journey = Journey(page)

    # The delegate starts the report. ---------------------------------------------------------
    sign_in(page, "delegate-chl")
    page.goto("/reports/")
    expect(page.get_by_role("heading", name="Annual reports", level=1)).to_be_visible()
    journey.step("report-list")

    page.get_by_role("link", name="Start the 2026 report").click()
    expect(page.get_by_role("heading", name="2026 annual report", level=1)).to_be_visible()
    assert page.url.endswith(REPORT)
    journey.step("start")

    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_text("0 of 6 sections complete")).to_be_visible()
    tasks = page.get_by_role("list").filter(has=page.get_by_role("link", name=GENERAL))
    expect(tasks.get_by_role("listitem")).to_have_count(6)
    journey.step("task-list")

    # Area 1, properly: a draft first, then completed. ----------------------------------------
    page.get_by_role("link", name=AREA_1).click()
    expect(page.get_by_role("heading", name=AREA_1, level=1)).to_be_visible()
    for text in AREA_1_MEASURES:
        expect(measure(page, text)).to_be_visible()
    journey.step("area-1")

    fill_area_1(page)
    page.get_by_role("button", name="Save draft").click()
    expect_message(page, "Draft saved.")
    expect_area_1_kept(page)
    journey.step("area-1-draft-saved")

    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)  # the message is shown once
    expect_area_1_kept(page)

    page.get_by_role("button", name="Save and continue").click()
    expect_message(page, f"“{AREA_1}” is complete.")
    expect(page.get_by_text("1 of 6 sections complete")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=AREA_1)).to_contain_text("Completed")
    journey.step("task-list-area-1-complete")

    # The general indicators, properly. -------------------------------------------------------
    page.get_by_role("link", name=GENERAL).click()
    expect(page.get_by_role("heading", name=GENERAL, level=1)).to_be_visible()
    journey.step("general")

    practice = page.locator("#best_practices-1")
    practice.get_by_label("Title").fill("Digital MSME passport")
    practice.get_by_label("Direction").select_option("Shared by the economy")
    practice.get_by_label("Where").fill("the 58th SMEWG meeting, Pucallpa")
    page.get_by_label("Lessons learned from initiatives and APEC activities").fill(
        "Registering online works only with help desks in the regions."
    )
    page.get_by_role("button", name="Save and continue").click()
    expect_message(page, f"“{GENERAL}” is complete.")
    expect(page.get_by_text("2 of 6 sections complete")).to_be_visible()

    # Nothing to report for the other areas. --------------------------------------------------
    for done, title in enumerate(OTHER_AREAS, start=3):
        page.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        page.get_by_label(NOTHING).check()
        journey.step(f"area-{title[0]}-nothing-to-report")
        page.get_by_role("button", name="Save and continue").click()
        expect_message(page, f"“{title}” is complete.")
        expect(page.get_by_text(f"{done} of 6 sections complete")).to_be_visible()
    journey.step("task-list-all-complete")

    # Check and submit. ------------------------------------------------------------------------
    page.get_by_role("link", name="Check and submit the report").click()
    expect(
        page.get_by_role("heading", name="Check your answers before submitting the report")
    ).to_be_visible()
    expect(page.get_by_text("There is a problem")).to_have_count(0)
    expect(page.get_by_text("Escritorio Empresa one-stop shop")).to_be_visible()
    expect(page.get_by_text("Digital MSME passport")).to_be_visible()
    journey.step("check-answers")

    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("heading", name="Report submitted", level=1)).to_be_visible()
    assert page.url.endswith(f"{REPORT}submitted/")
    journey.step("submitted")
    sign_out(page)

    # The director returns it with comments. --------------------------------------------------
    sign_in(page, "director")
    row = open_in_queue(page, "Submitted")
    journey.step("queue-submitted")

    row.get_by_role("link", name="Review the report of Chile").click()
    expect(page.get_by_role("link", name="Accept the report")).to_be_visible()
    journey.step("director-review")

    page.get_by_role("link", name="Return with comments").click()
    expect(page.get_by_role("heading", name="Return the report with comments")).to_be_visible()
    journey.step("return-form")

    page.get_by_label("What should the economy change?").fill(GENERAL_COMMENT)
    page.get_by_label(f"Comments on {AREA_1} (optional)").fill(SECTION_COMMENT)
    page.get_by_role("button", name="Continue").click()
    # A page says what returning does and shows the comments before anything happens.
    expect(page.get_by_role("heading", name="Return the 2026 report of Chile?")).to_be_visible()
    expect(page.get_by_text(SECTION_COMMENT)).to_be_visible()
    journey.step("return-confirm")
    page.get_by_role("button", name="Return the report").click()
    expect_message(page, "The 2026 report of Chile was returned with comments.")
    row = page.get_by_role("row", name=re.compile(r"^Chile\b"))
    expect(row.get_by_role("cell", name="Returned", exact=True)).to_be_visible()
    journey.step("queue-returned")
    sign_out(page)

    # The delegate reads the comments, fixes the section and submits again. -------------------
    sign_in(page, "delegate-chl")
    open_task_list(page)
    expect(page.get_by_text(GENERAL_COMMENT)).to_be_visible()
    area_1_task = page.get_by_role("listitem").filter(has_text=AREA_1)
    expect(area_1_task).to_contain_text(SECTION_COMMENT)
    expect(area_1_task).to_contain_text("Returned with comments")
    journey.step("task-list-returned")

    page.get_by_role("link", name=AREA_1).click()
    expect(page.get_by_text(SECTION_COMMENT)).to_be_visible()
    start_ups = measure(page, "Rate of business start-up")
    start_ups.get_by_label("Data source").fill("Ministry of Economy, business register 2025")
    journey.step("area-1-returned")

    # Not complete again until the comments are confirmed addressed.
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Confirm that you have addressed")
    page.get_by_label("I have addressed the program director's comments on this section").check()
    page.get_by_label("Reply to the program director (optional)").fill("Source added.")
    page.get_by_role("button", name="Save and continue").click()
    expect_message(page, f"“{AREA_1}” is complete.")
    expect(page.get_by_text("6 of 6 sections complete")).to_be_visible()
    journey.step("task-list-fixed")

    page.get_by_role("link", name="Check and submit the report").click()
    expect(page.get_by_text("Ministry of Economy, business register 2025")).to_be_visible()
    journey.step("check-answers-again")

    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("heading", name="Report submitted", level=1)).to_be_visible()
    journey.step("submitted-again")
    sign_out(page)

    # The director accepts it. ----------------------------------------------------------------
    sign_in(page, "director")
    row = open_in_queue(page, "Submitted")
    row.get_by_role("link", name="Review the report of Chile").click()
    expect(page.get_by_text("Ministry of Economy, business register 2025").first).to_be_visible()
    changed = page.get_by_role("region", name=re.compile("^Changed since you returned it"))
    expect(changed).to_contain_text("Measure 1.2 “Rate of business start-up”")
    expect(changed).to_contain_text("Source added.")
    journey.step("director-review-again")

    page.get_by_role("link", name="Accept the report").click()
    expect(page.get_by_role("heading", name="Accept the 2026 report of Chile?")).to_be_visible()
    journey.step("accept-confirm")
    page.get_by_role("button", name="Accept the report").click()
    expect_message(page, "The 2026 report of Chile is accepted.")
    row = page.get_by_role("row", name=re.compile(r"^Chile\b"))
    expect(row.get_by_role("cell", name="Accepted", exact=True)).to_be_visible()
    expect(row.get_by_role("link", name="View the report of Chile")).to_be_visible()
    journey.step("queue-accepted")

    journey.assert_accessible()


def test_task_list_and_section_at_phone_width(page):
    make_cycle(2026)
    page.set_viewport_size(PHONE)
    journey = Journey(page, prefix="report-phone")
    sign_in(page, "delegate-chl")
    page.goto(REPORT)
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_text("0 of 6 sections complete")).to_be_visible()
    journey.step("task-list")

    page.get_by_role("link", name=AREA_1).click()
    expect(page.get_by_role("heading", name=AREA_1, level=1)).to_be_visible()
    journey.step("area-1")

    # Nothing on the section page is wider than the phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the section page scrolls sideways: {width}px wide"

    journey.assert_accessible()

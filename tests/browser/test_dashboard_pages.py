"""The dashboard as the program director and a delegate see it, at phone and desktop widths.

The data is the hand-computed dataset of tests/reporting/rollups/test_figures.py, built here again
through the services (the browser tests run in transactional tests, where that module's
``dataset`` fixture, which needs ``db``, cannot be used).

Every page is screenshot and checked by axe-core, and at phone width for horizontal scrolling
and for charts that overflow their region or print text under 12 px; the test fails at the end
with every problem of every page listed, so that one run shows them all.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot, sign_in
from tests.reporting.rollups.test_figures import build_dataset

pytestmark = pytest.mark.browser

DASHBOARD = "/dashboard/2025-2028/"
HEADINGS = ["Participation", "Priority areas", "General indicators"]
CHARTS = [
    "Reports by year and status",
    "Progress score by priority area",
    "Latest assessments by priority area",
]
# Each chart: its scrolling region must lie within the window, its text be at least 12 px and
# every label lie whole inside the drawing (a chart may scroll inside its region).
CHART_PROBLEMS = """() => [...document.querySelectorAll("figure.chart")].flatMap((figure) => {
  const region = figure.querySelector(".chart__scroll").getBoundingClientRect();
  const svg = figure.querySelector("svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const font = parseFloat(svg.getAttribute("font-size")) * scale;
  const name = svg.querySelector("title").textContent;
  const found = [];
  if (region.left < 0 || region.right > document.documentElement.clientWidth) {
    found.push({chart: name, problem: "region overflows", left: region.left, right: region.right});
  }
  if (font < 12) found.push({chart: name, problem: "text under 12 px", px: font});
  for (const text of svg.querySelectorAll("text")) {
    const box = text.getBBox();
    if (box.x < 0 || box.x + box.width > svg.viewBox.baseVal.width + 0.5) {
      found.push({chart: name, problem: "label cut", text: text.textContent, x: box.x});
    }
  }
  return found;
})"""
MEASURE = "Rate of business start-up"


class Pages:
    """Numbered screenshots; axe-core on each, and at phone width the horizontal scroll."""

    def __init__(self, page: Page, first: int = 1):
        self.page = page
        self.number = first - 1
        self.problems: dict[str, list] = {}

    def check(self, name: str) -> None:
        self.number += 1
        label = f"dashboard-{self.number:02d}-{name}"
        self.page.wait_for_load_state()
        screenshot(self.page, label)
        found: list = axe_violations(self.page)
        if self.page.viewport_size["width"] <= PHONE["width"]:
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if widths[0] > widths[1]:
                found.append({"id": "horizontal-scroll", "scrollWidth, innerWidth": widths})
            found.extend(self.page.evaluate(CHART_PROBLEMS))
        if found:
            self.problems[f"{label} ({self.page.url})"] = found

    def assert_no_problems(self) -> None:
        assert self.problems == {}, json.dumps(self.problems, indent=1)


def assert_dashboard(page: Page) -> None:
    for heading in HEADINGS:
        expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    scores = page.get_by_role("table", name="Progress score by priority area")
    # Area 1 scores 62.5 %, rounded half-up like every figure (plans/catalogue/rounding.py).
    expect(scores.get_by_role("cell", name="63 %", exact=True)).to_be_visible()
    area_1 = page.locator("#area-1 .figures div").filter(has_text="Progress score")
    expect(area_1.get_by_role("definition")).to_contain_text("63 %")
    expect(area_1.get_by_role("definition")).to_contain_text("of 2 of 21 economies")
    for name in CHARTS:
        # The name is the chart's title, then its description (aria-labelledby names both).
        chart = page.get_by_role("img", name=re.compile("^" + re.escape(name)))
        expect(chart).to_be_visible()
        expect(chart).to_have_accessible_name(re.compile("^" + re.escape(name)))


def test_the_director_reads_the_dashboard(page, settings):
    # The dashboard's body kept by the data's version, as in production: the pages read again
    # (a reload, the way back from the measure) are shown in the frame around the kept body.
    settings.PAGE_CACHE_SECONDS = 3600
    build_dataset()
    pages = Pages(page)
    sign_in(page, "director")

    page.goto(DASHBOARD)
    expect(page.get_by_role("heading", name="How the plan is going", level=1)).to_be_visible()
    assert_dashboard(page)
    expect(page.get_by_label("Reports counted")).to_be_visible()
    pages.check("desktop")

    matrix = page.locator("details").filter(has_text="Every economy by year")
    page.get_by_text("Every economy by year").click()
    expect(matrix.get_by_role("columnheader", name="2025")).to_be_visible()
    expect(matrix.get_by_role("link", name="Accepted report of Chile for 2025")).to_be_visible()
    pages.check("matrix-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    assert_dashboard(page)
    pages.check("phone")
    page.get_by_text("Every economy by year").click()
    expect(matrix.get_by_role("columnheader", name="2025")).to_be_visible()
    pages.check("matrix-phone")

    page.set_viewport_size(DESKTOP)
    page.locator("#area-1").get_by_role("link", name=re.compile("^" + MEASURE)).click()
    expect(page.get_by_role("heading", name=MEASURE, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Across economies", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Chile", level=3)).to_be_visible()
    expect(page.get_by_text("change on 2025 data")).to_be_visible()
    pages.check("measure-desktop")
    page.set_viewport_size(PHONE)
    pages.check("measure-phone")
    page.set_viewport_size(DESKTOP)

    page.goto(DASHBOARD)
    page.get_by_role("link", name="Search every narrative, initiative and lesson learned").click()
    expect(
        page.get_by_role("heading", name="Search narratives, initiatives and lessons learned")
    ).to_be_visible()
    pages.check("search")
    page.get_by_label("Words to find").fill("I3")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result", level=2)).to_be_visible()
    expect(page.locator(".results__title").filter(has_text="I3")).to_be_visible()
    pages.check("search-results-desktop")
    page.set_viewport_size(PHONE)
    pages.check("search-results-phone")

    pages.assert_no_problems()


def test_a_delegate_has_no_choice_of_reports_counted(page):
    build_dataset()
    pages = Pages(page, first=10)  # after the director's nine screenshots
    sign_in(page, "delegate-pe")
    page.goto(DASHBOARD)
    assert_dashboard(page)
    expect(page.get_by_label("Reports counted")).to_have_count(0)
    expect(page.get_by_text("Reports counted", exact=True)).to_have_count(0)
    pages.check("delegate-desktop")
    page.set_viewport_size(PHONE)
    pages.check("delegate-phone")
    pages.assert_no_problems()


def test_beyond_a_page_of_economies_the_director_types_the_economy_code(page, monkeypatch):
    """More economies than a page of the tables (here 4): a box for the economy's code, with
    its hint, an error by the box and in the summary for a code of no economy, and the filter
    applied once the code is right."""
    from reporting.rollups import filters

    monkeypatch.setattr(filters, "ECONOMIES_PER_PAGE", 4)
    build_dataset()
    pages = Pages(page, first=20)
    sign_in(page, "director")
    page.goto(DASHBOARD)
    code = page.get_by_label("Economy code")
    expect(code).to_have_accessible_description(re.compile("APEC's abbreviation, e.g. CHL"))
    code.fill("zzz")
    page.get_by_role("button", name="Apply").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("No economy has the code “ZZZ”")
    expect(page.get_by_label("Economy code")).to_have_accessible_description(
        re.compile("No economy has the code")
    )
    pages.check("economy-code-error-desktop")
    page.set_viewport_size(PHONE)
    pages.check("economy-code-error-phone")
    page.set_viewport_size(DESKTOP)

    summary.get_by_role("link").click()
    expect(page.get_by_label("Economy code")).to_be_focused()
    page.get_by_label("Economy code").fill("pe")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("reports of Peru")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    pages.check("economy-code-desktop")
    pages.assert_no_problems()

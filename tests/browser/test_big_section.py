"""A section holding its cap of 200 initiatives saves from its page in a real browser, with
JavaScript and without: the browser posts every row (far over Django's default of 1,000
fields)."""

import pytest
from playwright.sync_api import expect

from reporting.models import ReportSection
from reporting.reports.caps import MAX_ROWS
from tests.browser.conftest import sign_in
from tests.browser.test_add_another import open_page
from tests.reporting.factories import make_cycle, start_report
from tests.reporting.reports.test_big_sections import area_section, fill_initiatives

pytestmark = pytest.mark.browser
AREA_1 = "/reports/2026/CHL/sections/1/"


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_a_section_at_its_cap_saves_in_the_browser(browser, site, delegate_chl, javascript):
    make_cycle(2026)
    report = start_report(delegate_chl)
    section = area_section(report)
    cap = MAX_ROWS["initiatives"]
    fill_initiatives(delegate_chl, section, cap)
    context, page = open_page(browser, site, javascript=javascript)
    try:
        sign_in(page, "delegate-chl")
        page.goto(AREA_1)
        last = page.get_by_role("group", name=f"Initiative {cap}", exact=True)
        last.get_by_label("Title").fill("Export coaching, the last round")
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
        assert report.initiatives.order_by("pk").last().title == "Export coaching, the last round"
        assert report.initiatives.count() == cap
        section.refresh_from_db()
        assert (section.version, section.state) == (2, ReportSection.State.IN_PROGRESS)
    finally:
        context.close()

"""“Add another” for repeating rows, in a real browser: without JavaScript the button saves the
draft and comes back with one more empty row; with it, the row appears without a reload. Both
pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from reporting.models import BestPractice, Initiative
from tests.browser.conftest import AXE, DESKTOP, assert_accessible, screenshot, sign_in
from tests.reporting.factories import make_cycle, start_report

pytestmark = pytest.mark.browser
AREA_1 = "/reports/2026/CHL/sections/1/"
GENERAL = "/reports/2026/CHL/sections/general/"


def open_page(browser, site, *, javascript: bool):
    context = browser.new_context(
        viewport=DESKTOP, base_url=site.url, java_script_enabled=javascript
    )
    # axe-core as the `page` fixture brings it: an init script, outside the page's
    # Content-Security-Policy (a <script> tag added to the page would be refused by it).
    context.add_init_script(path=str(AXE))
    return context, context.new_page()


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_add_another_initiative(browser, site, delegate_chl, javascript):
    make_cycle(2026)
    start_report(delegate_chl)
    context, page = open_page(browser, site, javascript=javascript)
    try:
        sign_in(page, "delegate-chl")
        page.goto(AREA_1)
        blank = page.get_by_role("group", name="Add an initiative")
        expect(blank).to_have_count(1)
        blank.get_by_label("Title").fill("Escritorio Empresa")
        url_before = page.url
        page.get_by_role("button", name="Add another initiative").click()
        page.wait_for_load_state()
        if javascript:
            # No reload: the first row is still being typed, a second one has appeared.
            assert page.url == url_before
            expect(page.get_by_role("status")).to_have_count(0)
        else:
            expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
            expect(page.get_by_role("group", name="Initiative 1", exact=True)).to_be_visible()
        blanks = page.get_by_role("group", name="Add an initiative")
        expect(blanks).to_have_count(1 if not javascript else 2)
        blanks.last.get_by_label("Title").fill("Mentoring for women founders")
        page.get_by_role("button", name="Add another initiative").click()
        page.wait_for_load_state()
        blanks = page.get_by_role("group", name="Add an initiative")
        blanks.last.get_by_label("Title").fill("Regional help desks")
        screenshot(page, f"add-another-{'js' if javascript else 'no-js'}")
        if javascript:  # axe-core is a script: it runs where scripts do (the same page)
            assert_accessible(page)
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
        titles = list(Initiative.objects.order_by("pk").values_list("title", flat=True))
        assert titles == [
            "Escritorio Empresa",
            "Mentoring for women founders",
            "Regional help desks",
        ]
        for number in (1, 2, 3):
            expect(
                page.get_by_role("group", name=f"Initiative {number}", exact=True)
            ).to_be_visible()
    finally:
        context.close()


def test_add_another_best_practice_without_a_reload(browser, site, delegate_chl):
    make_cycle(2026)
    start_report(delegate_chl)
    context, page = open_page(browser, site, javascript=True)
    try:
        sign_in(page, "delegate-chl")
        page.goto(GENERAL)
        page.get_by_role("button", name="Add another best practice").click()
        practices = page.get_by_role("group", name="Add a best practice")
        expect(practices).to_have_count(2)
        practices.first.get_by_label("Title").fill("Digital MSME passport")
        practices.last.get_by_label("Title").fill("Green procurement for MSMEs")
        # The new row's fields have their own ids and labels.
        expect(page.locator("#id_best_practices-1-title")).to_have_value(
            "Green procurement for MSMEs"
        )
        assert_accessible(page)
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
        assert sorted(BestPractice.objects.values_list("title", flat=True)) == [
            "Digital MSME passport",
            "Green procurement for MSMEs",
        ]
    finally:
        context.close()

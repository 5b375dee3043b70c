"""An evidence file chosen on a section whose save is refused for a mistake elsewhere stays on
the page, ticked, and is attached by the next save, in a real browser; the page passes
axe-core."""

import pytest
from playwright.sync_api import expect

from reporting.models import EvidenceFile, PendingUpload
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.reporting.factories import PDF_BYTES, make_cycle, start_report

pytestmark = pytest.mark.browser
AREA_1 = "/reports/2026/CHL/sections/1/"


def test_a_chosen_file_survives_a_mistake_on_the_page(page, delegate_chl, tmp_path):
    make_cycle(2026)
    report = start_report(delegate_chl)
    register = tmp_path / "register.pdf"
    register.write_bytes(PDF_BYTES)
    sign_in(page, "delegate-chl")
    page.goto(AREA_1)
    measure = page.locator("#measure-2")
    measure.get_by_label("Value").fill("twelve")
    measure.get_by_label("Attach evidence files").set_input_files(str(register))
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    kept = page.locator("#measure-2").get_by_role("group", name="Files chosen before")
    expect(kept.get_by_role("checkbox", name="register.pdf")).to_be_checked()
    assert PendingUpload.objects.count() == 1
    screenshot(page, "evidence-kept-after-a-mistake")
    assert_accessible(page)

    page.locator("#measure-2").get_by_label("Value").fill("12")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
    expect(page.locator("#measure-2").get_by_role("link", name="register.pdf")).to_be_visible()
    evidence = EvidenceFile.objects.get()
    assert evidence.entry == report.entries.get(measure__area__number=1, measure__number=2)
    assert not PendingUpload.objects.exists()

"""The Chair downloads a draft's PDF with JavaScript on: the button says the file is being
prepared while the task worker makes it, then the browser receives it."""

import subprocess

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.conftest import run_worker
from tests.reporting.rollups.test_figures import build_dataset

pytestmark = pytest.mark.browser

REVIEW = "/reviews/2025-2028/midterm/"


@pytest.mark.usefixtures("database_queue")
def test_the_chair_sees_the_pdf_being_prepared_and_receives_it(page: Page, tmp_path):
    build_dataset()
    sign_in(page, "chair")
    page.goto(REVIEW)
    assert_accessible(page)
    # Its name changes while the file is prepared: follow the element itself.
    button = page.locator("a[data-prepare$='/download/pdf/prepare/']")
    expect(button).to_have_accessible_name("PDF of the mid-term review")
    status = page.locator("[data-download-status]")

    with page.expect_download(timeout=120_000) as info:
        button.click()
        # Queued, not made: the worker has not run yet.
        expect(status).to_have_text("Preparing the PDF…")
        expect(button).to_contain_text("Preparing the PDF…")
        expect(button).to_have_attribute("aria-disabled", "true")
        assert_accessible(page)
        screenshot(page, "review-download-preparing")
        run_worker()  # the task worker makes and keeps the file; the page's next poll sees it
        expect(status).to_have_text("The PDF is ready.", timeout=30_000)
    download = info.value
    assert download.suggested_filename == "smewg-2025-2028-midterm-review.pdf"
    path = tmp_path / "review.pdf"
    download.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Mid-term review of the APEC SMEWG Strategic Plan 2025-2028" in " ".join(text.split())
    expect(button).to_contain_text("PDF")
    expect(button).not_to_have_attribute("aria-disabled", "true")
    assert_accessible(page)


@pytest.mark.usefixtures("database_queue")
def test_a_drafts_pdf_is_asked_for_as_the_page_opens_and_found_made_on_click(page: Page):
    build_dataset()
    files = DBTaskResult.objects.filter(task_path__endswith=".prepare_document_files")
    assert not files.exists()
    sign_in(page, "chair")
    with page.expect_response(lambda response: "/download/pdf/prepare/" in response.url) as asked:
        page.goto(REVIEW)
    assert asked.value.status == 202
    # Only the PDF, the one file that takes seconds, is asked for as the page opens.
    assert [task.args_kwargs["kwargs"]["formats"] for task in files] == [["pdf"]]
    run_worker()  # made while the Chair reads the page

    button = page.locator("a[data-prepare$='/download/pdf/prepare/']")
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == "smewg-2025-2028-midterm-review.pdf"
    # Found made: nothing more was queued for the click.
    assert files.count() == 1
    assert_accessible(page)


@pytest.mark.usefixtures("database_queue")
def test_without_javascript_the_pdf_is_prepared_on_a_page_of_its_own(page: Page):
    build_dataset()
    sign_in(page, "chair")
    # The plain link, as a browser without JavaScript follows it.
    page.goto(f"{REVIEW}download/pdf/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF")
    # The page asks again by itself (a meta refresh, which axe reports whatever the page
    # offers), and offers to stop: a time limit the reader can turn off (WCAG 2.2.1).
    assert_accessible(page, allowed=frozenset({"meta-refresh"}))
    screenshot(page, "review-download-preparing-no-script")
    page.get_by_role("link", name="Stop asking by itself").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert_accessible(page)
    run_worker()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF").click()
    assert info.value.suggested_filename == "smewg-2025-2028-midterm-review.pdf"

"""The Chair writes the mid-term review, quotes an economy, makes it final and downloads it in
every format from the browser; each file is opened and read."""

import io
import json
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from reporting.documents.formats import format_of
from reporting.reviews.models import Review
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in
from tests.reporting.rollups.test_figures import build_dataset

pytestmark = pytest.mark.browser

REVIEW = "/reviews/2025-2028/midterm/"
SUMMARY = "The plan is off to a steady start in 2025."
ASSESSMENT = "Registration reforms are moving area 1 ahead."


def find_and_quote(page: Page, words: str, economy: str) -> str:
    """From area 1, open the passage finder (which saves the typed text), search for the words
    in one economy's reports, use the first passage found, and return its attribution."""
    page.locator("#area-1").get_by_role("button", name="Choose passages to quote").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Find passages to quote")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "review-02-finder")
    page.get_by_label("Words to find").fill(words)
    page.get_by_label("Economy").select_option(label=economy)
    page.get_by_role("button", name="Find passages").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="1 passage")).to_be_visible()
    first = page.locator(".results__item").first
    attribution = first.locator(".results__meta").inner_text().split(" · ")[0]
    assert_accessible(page)
    screenshot(page, "review-03-found")
    first.get_by_role("button", name="Use this quote").click()
    page.wait_for_load_state()
    return attribution


def download(page: Page, fmt: str) -> bytes:
    """Click the download button: the page's script asks for the file (a final review's are
    kept since it was made final), says it is ready and downloads it."""
    found = format_of("review", fmt)
    assert found is not None
    with page.expect_download() as info:
        page.get_by_role("link", name=f"{found.label} of the mid-term review").click()
    assert info.value.suggested_filename == f"smewg-2025-2028-midterm-review.{fmt}"
    expect(page.locator("[data-download-status]")).to_have_text(f"The {found.noun} is ready.")
    path = info.value.path()
    return path.read_bytes()


def test_the_chair_writes_freezes_and_downloads_the_midterm_review(page: Page, tmp_path):
    build_dataset()
    # A narrative to quote, in an accepted report of the window.
    from reporting.models import MeasureEntry

    MeasureEntry.objects.filter(
        report__economy__code="CHL", report__cycle__year=2025, measure__number=2
    ).update(narrative="One-stop registration cut the days to start a business by half.")
    # The stored search vectors, as the services keep them (PostgreSQL).
    from reporting.models import EconomyReport
    from reporting.reports.search import refresh_search_vectors

    refresh_search_vectors(list(EconomyReport.objects.values_list("pk", flat=True)))

    sign_in(page, "chair")
    page.goto(REVIEW)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mid-term review")
    assert_accessible(page)
    screenshot(page, "review-01-draft")

    page.get_by_role("textbox", name="Executive summary").fill(SUMMARY)
    page.locator("#id_area1-assessment").fill(ASSESSMENT)
    attribution = find_and_quote(page, "one-stop registration", "Chile")
    assert attribution == "Chile, 2025"
    expect(page.locator("#area-1 .quote").first).to_contain_text("— Chile, 2025")
    expect(page.get_by_role("textbox", name="Executive summary")).to_have_value(SUMMARY)
    expect(page.locator("#id_area1-assessment")).to_have_value(ASSESSMENT)
    screenshot(page, "review-04-quoted")

    page.get_by_role("button", name="Save and make final").click()
    page.wait_for_load_state()
    # A page says what making final does; nothing is frozen until it is confirmed.
    expect(page.get_by_role("heading", name="Make the mid-term review final?")).to_be_visible()
    assert not Review.objects.get().is_final
    assert_accessible(page)
    screenshot(page, "review-05-confirm")
    page.get_by_role("button", name="Make the review final").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Data as of")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "review-06-final")
    review = Review.objects.get()
    assert review.is_final

    files = {fmt: download(page, fmt) for fmt in ("docx", "pdf", "xlsx", "csv", "json")}

    document = Document(io.BytesIO(files["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert SUMMARY in text
    assert ASSESSMENT in text
    assert "Chile, 2025" in text
    assert "Data as of" in text

    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(files["pdf"])
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Data as of" in pdf_text
    assert "Chile, 2025" in pdf_text

    workbook = load_workbook(io.BytesIO(files["xlsx"]))
    assert len(workbook.sheetnames) > 3

    assert files["csv"].decode("utf-8-sig").splitlines()[0].lower().startswith("economy")
    assert json.loads(files["json"])

    page.set_viewport_size(PHONE)
    page.reload()
    assert_accessible(page)
    screenshot(page, "review-07-final-phone")

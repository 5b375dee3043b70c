"""The program director writes the 2026 annual report, makes it final naming the meeting it is
presented at, and downloads the Word and PDF files; each file is opened and read."""

import io
import subprocess

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from reporting.annual.models import AnnualReport
from tests.browser.conftest import PHONE, assert_accessible, screenshot, sign_in
from tests.reporting.annual.factories import build_year

pytestmark = pytest.mark.browser

INTRODUCTION = "2026 brought three APEC projects and the first accepted reports."
COMMENT = "Registration reforms are moving area 1 ahead."


def download(page: Page, label: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=f"{label} of the report").click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def test_the_director_writes_freezes_and_downloads_the_2026_report(page: Page, tmp_path):
    build_year()
    sign_in(page, "director")
    page.goto("/")
    page.get_by_role("link", name="Program director’s report 2026 on the 2025-2028 plan").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Program director’s report 2026")
    assert_accessible(page)
    screenshot(page, "annual-01-draft")

    page.get_by_role("textbox", name="Introduction").fill(INTRODUCTION)
    page.get_by_role("textbox", name="Comment on priority area 1").fill(COMMENT)
    page.get_by_role("button", name="Save and make final").click()
    page.wait_for_load_state()
    # A page says what making final does and asks for the meeting; nothing is frozen yet.
    expect(page.get_by_role("heading", name="Make the 2026 report final?")).to_be_visible()
    assert not AnnualReport.objects.get().is_final
    assert AnnualReport.objects.get().introduction == INTRODUCTION
    assert_accessible(page)
    screenshot(page, "annual-02-confirm")
    # Without a meeting chosen, the error is next to the field and in the summary.
    page.get_by_role("button", name="Make the report final").click()
    page.wait_for_load_state()
    error = "Choose the meeting the report is presented at."
    expect(page.get_by_role("alert")).to_contain_text(error)
    assert_accessible(page)
    page.get_by_label("The 60th SMEWG meeting, Lima").check()
    page.get_by_role("button", name="Make the report final").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Presented at the 60th SMEWG meeting, Lima.").first).to_be_visible()
    expect(page.get_by_text("Data as of").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "annual-03-final")
    assert AnnualReport.objects.get().is_final

    name, word = download(page, "Word")
    assert name == "smewg-2025-2028-director-report-2026.docx"
    document = Document(io.BytesIO(word))
    text = "\n".join(p.text for p in document.paragraphs)
    assert INTRODUCTION in text
    assert COMMENT in text
    assert "Presented at the 60th SMEWG meeting, Lima." in text
    assert document.sections[0].footer.paragraphs[0].text.startswith("Data as of")

    name, pdf = download(page, "PDF")
    assert name == "smewg-2025-2028-director-report-2026.pdf"
    path = tmp_path / "annual.pdf"
    path.write_bytes(pdf)
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Presented at the 60th SMEWG meeting, Lima" in pdf_text
    assert "Data as of" in pdf_text
    assert COMMENT in pdf_text

    page.set_viewport_size(PHONE)
    page.reload()
    assert_accessible(page)
    screenshot(page, "annual-04-final-phone")

"""A real client opens the review's Word and Excel files: LibreOffice converts them to PDF
(`soffice --headless --convert-to pdf`), and poppler reads what a reader would see.

On the demo's data (seed_demo): A4 pages; the Word file's page count within 25 % of the PDF
export's; every priority area's heading; no area name broken inside a word in a narrow column;
the charts as images; the Excel file at 30 printed pages or fewer.

Without LibreOffice these tests skip, loudly, except where SMEWG_REQUIRE_OFFICE_TESTS is set
(CI installs LibreOffice): there a missing soffice fails the run. Locally: `apt-get install
libreoffice-writer-nogui libreoffice-calc-nogui`, then `.venv/bin/python -m pytest
tests/reporting/reviews/test_office.py`.
"""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from plans.models import StrategicPlan
from reporting.reviews.exports import export_review
from reporting.reviews.models import Review

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WORD_PAGES_TOLERANCE = 0.25
EXCEL_MAX_PAGES = 30


def _require_office() -> None:
    if SOFFICE:
        return
    reason = "soffice is not installed (apt-get install libreoffice-writer-nogui "
    reason += "libreoffice-calc-nogui)"
    if os.environ.get("SMEWG_REQUIRE_OFFICE_TESTS"):
        pytest.fail(f"LibreOffice tests are required here, but {reason}.")
    pytest.skip(f"LIBREOFFICE TESTS SKIPPED: {reason}")


def convert(path: Path) -> Path:
    """The file as LibreOffice prints it to PDF, with a profile of its own (another soffice
    running on the machine would otherwise lock it)."""
    profile = path.parent / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent / "converted"),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return path.parent / "converted" / f"{path.stem}.pdf"


def info(path: Path) -> dict[str, str]:
    found = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in found.stdout.splitlines())
    }


def layout_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def converted(django_db_setup, django_db_blocker, tmp_path_factory) -> dict:
    _require_office()
    folder = tmp_path_factory.mktemp("office")
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        plan = StrategicPlan.objects.get(code="2025-2028")
        review = Review.objects.for_page(plan, "midterm")
        files = {}
        for fmt in ("docx", "xlsx", "pdf"):
            files[fmt] = folder / f"review-{fmt}.{fmt}"
            files[fmt].write_bytes(export_review(review, fmt).content)
        areas = [f"Priority area {a.number}: {a.name}" for a in plan.areas.order_by("number")]
        transaction.set_rollback(True)
    return {
        "word": convert(files["docx"]),
        "excel": convert(files["xlsx"]),
        "pdf": files["pdf"],
        "docx": files["docx"],
        "areas": areas,
    }


def pages(path: Path) -> int:
    return int(info(path)["Pages"])


def test_word_and_excel_print_on_a4(converted):
    for name in ("word", "excel"):
        assert "(A4)" in info(converted[name])["Page size"], name


def test_word_has_about_as_many_pages_as_the_pdf(converted):
    word, pdf = pages(converted["word"]), pages(converted["pdf"])
    assert abs(word - pdf) <= WORD_PAGES_TOLERANCE * pdf, (word, pdf)


def test_word_shows_every_area_heading_and_keeps_area_names_whole(converted):
    text = layout_text(converted["word"])
    flat = " ".join(text.split())
    for heading in converted["areas"]:
        assert " ".join(heading.split()) in flat
    # A word of an area name cut by a narrow column leaves a piece of it on a line:
    # "transf" of "transformation", a piece that is no word of the file itself. A break after
    # a hyphen is a proper one.
    document = docx.Document(str(converted["docx"]))
    written = " ".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    words_written = set(written.split())
    words = {w.strip(",.()") for h in converted["areas"] for w in h.split() if len(w) >= 6}
    broken = sorted(
        (token, word)
        for word in words
        for token in set(text.split()) - words_written
        if len(token) >= 3 and word.startswith(token) and not token.endswith("-")
    )
    assert broken == []


def test_word_shows_the_charts_as_images(converted):
    listing = subprocess.run(
        ["pdfimages", "-list", str(converted["word"])], capture_output=True, check=True, text=True
    ).stdout
    images = [line for line in listing.splitlines()[2:] if re.match(r"\s*\d+", line)]
    assert len(images) >= 3


def test_excel_prints_in_thirty_pages_or_fewer(converted):
    assert pages(converted["excel"]) <= EXCEL_MAX_PAGES


def flat(path: Path) -> str:
    return " ".join(layout_text(path).split())


def test_word_prints_the_commitments_and_annex_f(converted):
    """The demo's commitments (2025 and 2026) and its questions between economies, one still
    waiting for Chile's answer, as the Word file prints."""
    text = flat(converted["word"])
    assert text.count("Commitments followed up") >= 2  # in the contents and as a chapter
    assert "Commitments per priority area, from accepted reports up to 2026" in text
    assert re.search(r"All priority areas( \d+){5} \d+ of 21", text)
    assert text.count("Annex F: Questions between economies") >= 2
    assert "Peru to Chile, 2025 report" in text
    assert "Not answered yet." in text
    assert "Stats NZ, from the business register" in text


def test_excel_prints_the_commitments_and_questions_sheets(converted):
    text = flat(converted["excel"])
    assert re.search(r"Commitments – page \d+ of \d+", text)
    assert re.search(r"All priority areas( \d+){7}", text)
    assert "A commitment counts in each area" in text
    assert re.search(r"Questions – page \d+ of \d+", text)
    assert "Asked to Year Asked by About Asked on Question Answers" in text
    assert "Not answered yet." in text

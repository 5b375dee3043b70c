"""The PDF files as a reader sees them, read with poppler (pdftotext's word boxes, pdffonts), on
the demo's mid-term review and annual report (seed_demo).

A table's words never overlap (a change running into the n column), no figure breaks across
lines ("(21" / "%)"), no word runs past the page's right margin; a narrative in Chinese,
Japanese, Korean and with an emoji prints in the fonts kept with the project, none of its
characters drawn as the empty box (.notdef), also on a machine with no fonts at all."""

import io
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from plans.models import StrategicPlan
from reporting.annual import services as annual_services
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.documents import typefaces
from reporting.documents.formats import format_of
from reporting.documents.rendering import render_export
from reporting.reviews.exports import export_review
from reporting.reviews.models import Review

pytestmark = pytest.mark.django_db

POINTS_PER_MM = 72 / 25.4
RIGHT_MARGIN = 18 * POINTS_PER_MM  # static/css/review_print.css: @page margin
XHTML = "{http://www.w3.org/1999/xhtml}"
NARRATIVE = "中小企業の支援 (Japan), 중소기업 지원 (Korea), 中小企业 (China) 🚀"
BUNDLED = ["SMEWG-Noto-Sans", "SMEWG-Noto-Sans-CJK", "SMEWG-Noto-Emoji"]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def lines_of(pdf: Path) -> list[tuple[float, list[Word]]]:
    """(page width, words) of every line poppler finds, in reading order."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    found = []
    for number, page in enumerate(ET.fromstring(xml).iter(f"{XHTML}page"), 1):
        for line in page.iter(f"{XHTML}line"):
            words = [
                Word(
                    number,
                    w.text or "",
                    *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                )
                for w in line.iter(f"{XHTML}word")
            ]
            found.append((float(page.get("width")), words))
    return found


def layout_problems(pdf: Path) -> list[str]:
    """Each word past the right margin, each figure broken across lines, each pair of words
    printed over each other."""
    problems = []
    lines = lines_of(pdf)
    for width, words in lines:
        problems += [
            f"page {w.page}: {w.text!r} runs past the right margin"
            for w in words
            if w.x1 > width - RIGHT_MARGIN + 1
        ]
        if words and words[0].text.startswith("%"):
            problems.append(f"page {words[0].page}: a line starts with {words[0].text!r}")
        if words and re.fullmatch(r"\([−+-]?\d[\d.,]*", words[-1].text):
            problems.append(f"page {words[-1].page}: a line ends with {words[-1].text!r}")
    on_page: dict[int, list[Word]] = {}
    for _width, words in lines:
        for word in words:
            on_page.setdefault(word.page, []).append(word)
    for words in on_page.values():
        words.sort(key=lambda w: w.x0)
        for index, a in enumerate(words):
            for b in words[index + 1 :]:
                if b.x0 >= a.x1 - 0.5:
                    break
                # Side by side on one line (more than half the height shared), and over each
                # other by more than a point.
                shared = min(a.y1, b.y1) - max(a.y0, b.y0)
                if shared > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0) and min(a.x1, b.x1) - b.x0 > 1:
                    problems.append(f"page {a.page}: {a.text!r} and {b.text!r} overlap")
    return problems


def fonts_of(pdf: Path) -> list[str]:
    """The embedded fonts' names, without their subset prefix ("ABCDEF+")."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True)
    return [line.split()[0].partition("+")[2] for line in listing.stdout.splitlines()[2:]]


# WeasyPrint's own word when no font holds a character: it draws the font's empty box.
NOTDEF = ".notdef glyph rendered"


class Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def annual_pdf(report: AnnualReport) -> bytes:
    content = ANNUAL_DOCUMENT.build(report)
    kind = format_of("annual", "pdf")
    assert kind is not None
    return render_export(ANNUAL_DOCUMENT, content, kind, stem="annual").content


@pytest.fixture(scope="module")
def files(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout")
    paths = {name: folder / f"{name}.pdf" for name in ("review", "annual", "narrative")}
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        plan = StrategicPlan.objects.get(code="2025-2028")
        paths["review"].write_bytes(
            export_review(Review.objects.for_page(plan, "midterm"), "pdf").content
        )
        report = AnnualReport.objects.for_page(plan, 2026)
        paths["annual"].write_bytes(annual_pdf(report))
        annual_services.annual_report_save(
            plan=plan,
            year=2026,
            user=get_user_model().objects.get(username="director"),
            expected_version=report.version,
            introduction=f"{report.introduction}\n\n{NARRATIVE}",
            comments={text.area_id: text.comment for text in report.area_texts.all()},
        )
        logged = Logged()
        logging.getLogger("weasyprint").addHandler(logged)
        try:
            paths["narrative"].write_bytes(annual_pdf(AnnualReport.objects.for_page(plan, 2026)))
        finally:
            logging.getLogger("weasyprint").removeHandler(logged)
        (folder / "narrative.log").write_text("\n".join(logged.messages))
        transaction.set_rollback(True)
    return paths


@pytest.mark.parametrize("name", ["review", "annual"])
def test_tables_fit_their_columns_at_a4(files, name):
    assert layout_problems(files[name]) == []


def test_the_check_finds_a_change_run_into_n_and_a_split_share(tmp_path):
    """The check itself, on a table laid out as the files were: a change without room for it
    ("+1.4 points on 2025" over "67") and a share broken as "(21" / "%)"."""
    from weasyprint import HTML

    html = (
        "<style>@page { size: A4; margin: 20mm 18mm 18mm } table { width: 100%; "
        "table-layout: fixed } td { font-size: 9pt; text-align: right }</style><table><tr>"
        "<td style='width: 70%'>Area</td><td style='white-space: nowrap'>+1.4 points on 2025</td>"
        "<td>67</td><td>14 (21 %)</td></tr></table>"
    )
    pdf = tmp_path / "garbled.pdf"
    pdf.write_bytes(HTML(string=html).write_pdf())
    problems = layout_problems(pdf)
    assert any("overlap" in problem for problem in problems), problems
    assert any("a line starts with '%)'" in problem for problem in problems), problems


def test_a_narrative_in_cjk_and_emoji_prints_in_the_bundled_fonts(files):
    assert NARRATIVE in " ".join(text_of(files["narrative"]).split())
    assert set(BUNDLED) <= set(fonts_of(files["narrative"]))
    assert NOTDEF not in files["narrative"].with_suffix(".log").read_text()


FONTLESS_RENDER = """
import sys
import django
django.setup()
from weasyprint import HTML
from reporting.documents import pdf
fonts, stylesheets = pdf._stylesheets()
html = HTML(string=sys.argv[2], url_fetcher=pdf.DocumentFetcher())
html.write_pdf(sys.argv[1], stylesheets=stylesheets, font_config=fonts)
"""


def render_without_machine_fonts(tmp_path: Path, text: str) -> tuple[Path, str]:
    """The text, set by the PDF's stylesheets in another process whose fontconfig knows no
    font at all (whatever it prints comes from the project's own font files), and what
    WeasyPrint logged."""
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    pdf = tmp_path / "fontless.pdf"
    environment = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "DJANGO_SETTINGS_MODULE": "smewg.settings",
        "DEBUG": "1",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    run = subprocess.run(
        [sys.executable, "-c", FONTLESS_RENDER, str(pdf), f"<p>{text}</p>"],
        env=environment,
        capture_output=True,
        check=True,
        text=True,
        timeout=120,
    )
    return pdf, run.stderr


def test_a_machine_without_fonts_prints_every_script_from_the_bundled_files(tmp_path):
    pdf, logged = render_without_machine_fonts(tmp_path, f"Start-ups: {NARRATIVE}")
    assert "No fonts configured" in logged  # the machine's fonts were out of reach
    assert NARRATIVE in " ".join(text_of(pdf).split())
    assert set(BUNDLED) <= set(fonts_of(pdf))
    assert NOTDEF not in logged


def test_a_character_no_bundled_font_has_is_found_as_an_empty_box(tmp_path):
    """The .notdef check can fail: Linear B (U+10000) is in none of the bundled fonts."""
    assert all(0x10000 not in face_cmap for face_cmap in _cmaps())
    _pdf, logged = render_without_machine_fonts(tmp_path, "\U00010000")
    assert NOTDEF in logged


def _cmaps() -> list[set[int]]:
    from fontTools.ttLib import TTFont

    return [set(TTFont(face.path, lazy=True).getBestCmap()) for face in typefaces.FACES]

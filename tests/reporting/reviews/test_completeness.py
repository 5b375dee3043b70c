"""The review is complete at three times the demo's data: every initiative, lesson learned,
best practice, dialogue and APEC activity of the accepted reports of its window is in the Excel
and CSV files, and in the Word file and the PDF up to their bound (at most ANNEX_BOUND records
an annex: beyond it, as for the initiatives and the lessons learned here, an annex gives their
number and says where they are); nothing of a draft, submitted or returned report is in any
file or in the passage finder.

The data: seed_demo's reports (written through the forms and the workflow), each record then
copied twice within its report, in bulk as the benchmark writes its data: volume, not workflow,
is under test. Every record carries a token of its own (ZQ, a letter for its kind, its id) at the
start of the text the files show, so that each one can be found in each file, even where two
economies wrote the same words.
"""

import csv
import io
import subprocess

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from plans.models import StrategicPlan
from reporting.models import (
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
)
from reporting.reports.search import refresh_search_vectors
from reporting.reviews.exports import export_review
from reporting.reviews.exports.text import ANNEX_BOUND
from reporting.reviews.models import Review
from reporting.rollups.window import Window
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

COPIES = 2  # of each record, beside the original: three times the demo's records
# model, the token's letter per field that carries one
TOKENS = [
    (Initiative, {"title": "I", "lessons_learned": "N"}),
    (BestPractice, {"title": "B"}),
    (DialogueSession, {"title": "D"}),
    (ApecActivity, {"title": "A", "lessons_learned": "M"}),
]


def token(letter: str, pk: int) -> str:
    return f"ZQ{letter}{pk:06d}"


def _tripled() -> None:
    for model, fields in TOKENS:
        originals = list(model.objects.all())
        copies = []
        for record in originals:
            for _ in range(COPIES):
                copy = model.objects.get(pk=record.pk)
                copy.pk = copy.id = None
                copies.append(copy)
        model.objects.bulk_create(copies)
        rows = list(model.objects.all())
        for row in rows:
            for field, letter in fields.items():
                # Every initiative and APEC activity gets a lesson: the lessons triple too.
                setattr(row, field, f"{token(letter, row.pk)} {getattr(row, field) or 'Lesson.'}")
        model.objects.bulk_update(rows, list(fields), batch_size=500)
    reports = list(EconomyReport.objects.all())
    for report in reports:
        report.lessons_learned = f"{token('R', report.pk)} {report.lessons_learned or 'Lesson.'}"
    EconomyReport.objects.bulk_update(reports, ["lessons_learned"])
    refresh_search_vectors([report.pk for report in reports])  # as the services keep them


def expected_tokens() -> tuple[set[str], set[str]]:
    """The tokens of the records the review counts, and of those it must never show."""
    plan = StrategicPlan.objects.get(code="2025-2028")
    counted = set(Window(plan=plan, start=2025, end=2026).reports().values_list("pk", flat=True))
    shown, hidden = set(), set()
    for model, fields in TOKENS:
        for pk, report_id in model.objects.values_list("pk", "report_id"):
            for letter in fields.values():
                (shown if report_id in counted else hidden).add(token(letter, pk))
    for pk in EconomyReport.objects.values_list("pk", flat=True):
        (shown if pk in counted else hidden).add(token("R", pk))
    return shown, hidden


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def xlsx_text(content: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def csv_text(content: bytes) -> str:
    return " ".join(" ".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def files(django_db_setup, django_db_blocker, tmp_path_factory) -> dict:
    """The demo tripled, and the draft mid-term review's files of it (made once: the PDF of
    about a hundred pages takes a while), in a transaction rolled back after the module."""
    tmp_path = tmp_path_factory.mktemp("completeness")
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        _tripled()
        shown, hidden = expected_tokens()
        review = Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "midterm")
        found = {
            "docx": docx_text(export_review(review, "docx").content),
            "pdf": pdf_text(export_review(review, "pdf").content, tmp_path),
            "xlsx": xlsx_text(export_review(review, "xlsx").content),
            "csv": csv_text(export_review(review, "csv").content),
        }
        yield {"shown": shown, "hidden": hidden, "text": found}
        transaction.set_rollback(True)


# The records the Word file and the PDF list one by one here: the best practices, dialogues and
# APEC activities, and the reports' own lessons (in annex A, a row per report). The initiatives
# (I) and the lessons learned of initiatives and activities (N, M) pass the bound.
LISTED = {"B", "D", "A", "R"}


def letter(found: str) -> str:
    return found[2]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx", "csv"])
def test_every_counted_record_is_in_the_file(files, fmt):
    assert len(files["shown"]) > 1000  # three times the demo's records, and their lessons
    expected = files["shown"]
    if fmt in ("docx", "pdf"):
        expected = {found for found in files["shown"] if letter(found) in LISTED}
    missing = sorted(t for t in expected if t not in files["text"][fmt])
    assert missing == [], f"{len(missing)} records missing from the {fmt} file: {missing[:10]}"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_annex_beyond_the_bound_gives_its_count_and_where_its_records_are(files, fmt):
    text = " ".join(files["text"][fmt].split())
    shown = files["shown"]
    initiatives = {found for found in shown if letter(found) == "I"}
    lessons = {found for found in shown if letter(found) in {"N", "M", "R"}}
    assert len(initiatives) > ANNEX_BOUND
    assert len(lessons) > ANNEX_BOUND
    assert (
        f"{len(initiatives):,} initiatives: more than this file lists in an annex (at most 500), "
        "so it gives their number by year. Every one of them is in the Excel file, sheet "
        "“Initiatives”. The CSV and JSON files hold every entry and initiative."
    ) in text
    assert (
        f"{len(lessons):,} lessons learned: more than this file lists in an annex (at most 500), "
        "so it gives their number by year. Every one of them is in the Excel file, sheet "
        "“Lessons learned”."
    ) in text
    # Listed nowhere but in the chapters' highlights: a bounded number, whatever the data.
    assert sum(found in text for found in initiatives) <= 100
    assert not any(found in text for found in lessons if letter(found) in {"N", "M"})


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx", "csv"])
def test_nothing_of_a_report_not_accepted_is_in_the_file(files, fmt):
    assert len(files["hidden"]) > 100
    leaked = sorted(t for t in files["hidden"] if t in files["text"][fmt])
    assert leaked == []


def test_nothing_of_a_report_not_accepted_is_in_the_finder(files, chair):
    client = client_for(chair)
    finder = "/reviews/2025-2028/midterm/passages/"
    for hidden in sorted(files["hidden"])[:: max(len(files["hidden"]) // 12, 1)]:
        response = client.get(finder, {"q": hidden})
        assert response.context["page"].paginator.count == 0, hidden
    # Lessons learned of reports and of initiatives are passages of their own.
    shown = sorted(t for t in files["shown"] if t.startswith(("ZQR", "ZQN")))[::97][:6]
    for found in shown:
        # On PostgreSQL an initiative's stored vector holds all its texts: its description
        # matches words of its lessons too.
        passages = client.get(finder, {"q": found}).context["passages"]
        assert [found in p["text"] for p in passages].count(True) == 1, found

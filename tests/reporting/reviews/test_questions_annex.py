"""The final review's annex F: every question between economies on the counted reports with its
answers, in the Word, PDF and Excel files; a hidden question or answer never."""

import io

import docx
import openpyxl
import pytest

from plans.models import StrategicPlan
from reporting.questions.models import Subject
from reporting.questions.services import post_hide, question_answer, question_ask
from reporting.reviews import content as reviews
from reporting.reviews.exports import export_review
from reporting.reviews.models import Review
from tests.reporting.adoptions.factories import delegate
from tests.reporting.questions.factories import INITIATIVE, accepted_report
from tests.reporting.reviews.test_completeness import pdf_text, xlsx_text

pytestmark = pytest.mark.django_db

ASKED = "How did you reach firms outside the capital?"
ANSWERED = "Through the regional chambers of commerce."
HIDDEN_QUESTION = "ZQ hidden question"
HIDDEN_ANSWER = "ZQ hidden answer"


@pytest.fixture
def review(delegate_chl, delegate_pe, director):
    report = accepted_report("CHL", 2025)
    initiative = report.initiatives.get(title=INITIATIVE).pk

    def ask(code, text, subject=Subject.LESSONS, record=None):
        return question_ask(
            report_id=report.pk, user=delegate(code), subject=subject, record_id=record, text=text
        )

    question = ask("PE", ASKED, Subject.INITIATIVE, initiative)
    question_answer(question_id=question.pk, user=delegate_chl, text=ANSWERED)
    post_hide(post=ask("AUS", HIDDEN_QUESTION), user=director, reason="Off topic.")
    other = ask("JPN", "Which agency runs it?")
    hidden = question_answer(question_id=other.pk, user=delegate_chl, text=HIDDEN_ANSWER)
    post_hide(post=hidden, user=director, reason="Wrong thread.")
    return Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "final")


def test_the_annex_holds_the_shown_threads_only(review):
    rows = reviews.build_content(review, raw=False)["questions"]
    assert [(r["asked_by"], r["economy"], r["year"], r["subject"]) for r in rows] == [
        ("Peru", "Chile", 2025, f"Initiative: {INITIATIVE}"),
        ("Japan", "Chile", 2025, "Lessons learned"),
    ]
    assert [answer["text"] for answer in rows[0]["answers"]] == [ANSWERED]
    assert rows[1]["answers"] == []
    assert rows[1]["answers_text"] == "Not answered yet."


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_each_file_carries_the_annex(review, fmt, tmp_path):
    content = export_review(review, fmt).content
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    elif fmt == "xlsx":
        assert "Questions" in openpyxl.load_workbook(io.BytesIO(content)).sheetnames
        text = f"Questions between economies {xlsx_text(content)}"
    else:
        text = " ".join(pdf_text(content, tmp_path).split())
    assert "Questions between economies" in text
    assert ASKED in text
    assert ANSWERED in text
    assert HIDDEN_QUESTION not in text
    assert HIDDEN_ANSWER not in text

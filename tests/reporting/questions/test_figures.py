"""The questions' figures against a case worked out by hand.

On Chile's accepted 2025 report (its initiative in area 1, its best practice naming no area):
    Peru asks on the initiative, Chile answers 2 days later;
    Japan asks on the lessons learned, Chile answers 4 days later (and again on day 6);
    Australia asks on the best practice; Chile's answer is hidden: unanswered;
    Peru asks a second question, which the director hides: not counted.
-> 3 asked, 2 answered, median (2, 4) = 3.0 days; 4 of 21 economies took part (Chile, Peru,
   Japan, Australia). Chile: asked 0, received 3, answered 2, median 3.0; Peru, Japan and
   Australia asked 1 each. Area 1: 1 asked, 1 answered, 2.0 days; no area: 2 asked, 1
   answered, 4.0 days."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Answer, Question
from reporting.questions.figures import AreaQuestions, EconomyQuestions, question_figures
from reporting.questions.models import Subject
from reporting.questions.services import post_hide, question_answer, question_ask
from tests.conftest import client_for
from tests.reporting.adoptions.factories import delegate
from tests.reporting.questions.factories import INITIATIVE, accepted_report

pytestmark = pytest.mark.django_db
START = timezone.now() - datetime.timedelta(days=30)


def _ask(report, code, subject, record=None, days=0):
    question = question_ask(
        report_id=report.pk, user=delegate(code), subject=subject, record_id=record, text="Why?"
    )
    Question.objects.filter(pk=question.pk).update(created_at=START + datetime.timedelta(days))
    return question


def _answer(question, days):
    answer = question_answer(question_id=question.pk, user=delegate("CHL"), text="Because.")
    Answer.objects.filter(pk=answer.pk).update(created_at=START + datetime.timedelta(days))
    return answer


@pytest.fixture
def case(delegate_chl, delegate_pe, director):
    report = accepted_report("CHL", 2025)
    initiative = report.initiatives.get(title=INITIATIVE)
    _answer(_ask(report, "PE", Subject.INITIATIVE, initiative.pk), 2)
    lessons = _ask(report, "JPN", Subject.LESSONS)
    _answer(lessons, 4)
    _answer(lessons, 6)
    practice = _ask(report, "AUS", Subject.BEST_PRACTICE, report.best_practices.get().pk)
    post_hide(post=_answer(practice, 1), user=director, reason="Off topic.")
    post_hide(post=_ask(report, "PE", Subject.LESSONS), user=director, reason="Duplicate.")
    return report


def test_the_figures_of_the_hand_built_case(case):
    figures = question_figures(case.cycle.plan)
    assert (figures.asked, figures.answered, figures.median_days) == (3, 2, Decimal("3.0"))
    assert (figures.economies, figures.of) == (4, 21)
    assert figures.by_economy == [
        EconomyQuestions("AUS", "Australia", 1, 0, 0, None),
        EconomyQuestions("CHL", "Chile", 0, 3, 2, Decimal("3.0")),
        EconomyQuestions("JPN", "Japan", 1, 0, 0, None),
        EconomyQuestions("PE", "Peru", 1, 0, 0, None),
    ]
    area_1 = case.cycle.plan.areas.get(number=1).name
    assert figures.by_area == [
        AreaQuestions(1, area_1, 1, 1, Decimal("2.0")),
        AreaQuestions(None, "Lessons learned and other records", 2, 1, Decimal("4.0")),
    ]
    assert question_figures(case.cycle.plan, years=range(2026, 2027)).asked == 0


def test_members_read_the_figures_on_the_questions_page_and_in_the_api(case, chair):
    page = client_for(chair).get(reverse("reporting:question-index"))
    assert "3 questions asked, 2 answered; median time to a first answer: 3 days" in page.text
    assert "4 of 21 economies took part" in page.text
    api = client_for(delegate("PE")).get(reverse("api:plan-question-figures", args=["2025-2028"]))
    assert api.status_code == 200
    body = api.json()
    assert (body["asked"], body["answered"], body["median_days"], body["economies"]) == (
        3,
        2,
        "3.0",
        4,
    )
    assert body["by_area"][0] == {
        "number": 1,
        "name": case.cycle.plan.areas.get(number=1).name,
        "asked": 1,
        "answered": 1,
        "median_days": "2.0",
    }


def test_the_annual_report_says_the_years_figures(case, director):
    page = client_for(director).get("/reports/annual/2025-2028/2025/")
    assert page.status_code == 200
    assert (
        "In 2025, economies asked each other 3 questions on their accepted reports; 2 were "
        "answered, after a median of 3 days. 4 of 21 economies took part, asking or asked."
    ) in " ".join(page.text.split())

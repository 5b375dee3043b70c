"""Asking, answering and hiding through the services, each rule's refusal with its message."""

import pytest

from reporting.models import Answer, Question
from reporting.questions.models import Subject
from reporting.questions.services import (
    QuestionError,
    post_hide,
    question_answer,
    question_ask,
)
from reporting.reports import services as report_services
from tests.conftest import queued_mail
from tests.reporting.factories import start_report
from tests.reporting.questions.factories import INITIATIVE, accepted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(delegate_chl, delegate_pe, director):
    return accepted_report("CHL", 2025)


def ask(report, user, text="How did you reach rural firms?", subject=Subject.INITIATIVE):
    record = report.initiatives.get(title=INITIATIVE).pk if subject == Subject.INITIATIVE else None
    return question_ask(
        report_id=report.pk, user=user, subject=subject, record_id=record, text=text
    )


def test_a_delegate_asks_another_economy_and_its_delegate_answers(
    report, delegate_pe, delegate_chl
):
    assert Question.objects.count() == 0
    question = ask(report, delegate_pe)
    assert question.asked_by_economy.code == "PE"
    assert question.subject_label == f"Initiative: {INITIATIVE}"
    assert list(Question.objects.waiting()) == [question]
    answer = question_answer(
        question_id=question.pk, user=delegate_chl, text="  Through SERCOTEC. "
    )
    assert answer.text == "Through SERCOTEC."
    assert list(Question.objects.waiting()) == []
    assert question.history.count() == 1
    assert answer.history.count() == 1


def test_the_lessons_learned_and_a_section_are_subjects_too(report, delegate_pe):
    lessons = ask(report, delegate_pe, subject=Subject.LESSONS)
    assert lessons.subject_label == "Lessons learned"
    section = report.sections.get(area__number=1)
    on_section = question_ask(
        report_id=report.pk,
        user=delegate_pe,
        subject=Subject.SECTION,
        record_id=section.pk,
        text="Which agency measured this?",
    )
    assert on_section.subject_label == f"Section: {section.title}"


def test_asking_your_own_economy_is_refused(report, delegate_chl):
    with pytest.raises(QuestionError, match="your own economy's report"):
        ask(report, delegate_chl)
    assert Question.objects.count() == 0


def test_only_delegates_ask(report, director, chair):
    for user in (director, chair):
        with pytest.raises(QuestionError, match="Only the delegates of member economies ask"):
            ask(report, user)


def test_a_report_not_accepted_is_refused(delegate_chl, delegate_pe):
    draft = start_report(delegate_chl, "CHL", 2026)
    with pytest.raises(
        QuestionError, match="2026 report is draft: questions are asked on accepted"
    ):
        question_ask(
            report_id=draft.pk, user=delegate_pe, subject=Subject.LESSONS, record_id=None, text="?"
        )


def test_a_record_of_another_report_is_refused(report, delegate_pe):
    other = accepted_report("PE", 2025)
    with pytest.raises(QuestionError, match="That initiative is not part of Chile's 2025 report"):
        question_ask(
            report_id=report.pk,
            user=delegate_pe,
            subject=Subject.INITIATIVE,
            record_id=other.initiatives.get().pk,
            text="How?",
        )


def test_an_empty_question_or_answer_is_refused(report, delegate_pe, delegate_chl):
    with pytest.raises(QuestionError, match="Write your question"):
        ask(report, delegate_pe, text="   ")
    question = ask(report, delegate_pe)
    with pytest.raises(QuestionError, match="Write your answer"):
        question_answer(question_id=question.pk, user=delegate_chl, text=" ")
    assert Answer.objects.count() == 0


def test_only_the_asked_economy_answers(report, delegate_pe, director):
    question = ask(report, delegate_pe)
    for user in (delegate_pe, director):
        with pytest.raises(QuestionError, match="Only the delegates of Chile answer"):
            question_answer(question_id=question.pk, user=user, text="Yes.")


def test_a_hidden_question_cannot_be_answered(report, delegate_pe, delegate_chl, director):
    question = ask(report, delegate_pe)
    post_hide(post=question, user=director, reason="Off topic.")
    with pytest.raises(QuestionError, match="hid this question: it can no longer be answered"):
        question_answer(question_id=question.pk, user=delegate_chl, text="Yes.")
    assert list(Question.objects.waiting()) == []


def test_the_director_hides_a_post_with_a_reason_kept_in_the_history(
    report, delegate_pe, delegate_chl, director
):
    question = ask(report, delegate_pe)
    answer = question_answer(question_id=question.pk, user=delegate_chl, text="Yes.")
    with pytest.raises(QuestionError, match="Write your reason for hiding it"):
        post_hide(post=answer, user=director, reason="")
    hidden = post_hide(post=answer, user=director, reason="Names a person.")
    assert hidden.is_hidden
    assert hidden.hidden_by == director
    latest = answer.history.first()
    assert (latest.hidden_reason, latest.history_user) == ("Names a person.", director)
    with pytest.raises(QuestionError, match="hidden already"):
        post_hide(post=answer, user=director, reason="Again.")
    # With its only answer hidden, the question waits for an answer again.
    assert list(Question.objects.waiting()) == [question]


def test_only_the_director_hides(report, delegate_pe, delegate_chl, chair):
    question = ask(report, delegate_pe)
    for user in (delegate_chl, chair):
        with pytest.raises(QuestionError, match="Only the program director hides"):
            post_hide(post=question, user=user, reason="No.")
    assert not Question.objects.get().is_hidden


def test_a_reopened_report_takes_no_new_question(report, delegate_pe, director):
    report_services.cycle_set_open(cycle_id=report.cycle_id, user=director, is_open=False)
    report_services.report_reopen(report_id=report.pk, user=director, comment="Fix a figure.")
    with pytest.raises(QuestionError, match="report is returned"):
        ask(report, delegate_pe)


def test_the_asked_economy_is_e_mailed_and_the_asker_when_answered(
    report, delegate_pe, delegate_chl, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(report, delegate_pe)
    sent = [kwargs for _status, _attempt, kwargs in queued_mail()]
    assert [mail["subject"] for mail in sent] == ["[SMEWG] Peru asks about your 2025 report"]
    assert sent[0]["recipients"] == [delegate_chl.email]
    assert f"/reports/2025/CHL/questions/{question.pk}/" in sent[0]["body"]
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(question_id=question.pk, user=delegate_chl, text="Through SERCOTEC.")
    sent = [kwargs for _status, _attempt, kwargs in queued_mail()]
    answered = [mail for mail in sent if mail["subject"] == "[SMEWG] Chile answered your question"]
    assert len(answered) == 1
    assert answered[0]["recipients"] == [delegate_pe.email]
    assert "Through SERCOTEC." in answered[0]["body"]

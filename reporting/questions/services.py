"""Asking, answering and hiding: one transaction each, under the report's lock, so that an
answer never lands on a question hidden meanwhile, nor a question on a report reopened
meanwhile. The rules are enforced here; the pages and the API only show their refusals."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from plans.accounts.roles import identity_of
from plans.models import Economy
from reporting.questions import notifications
from reporting.questions.models import SUBJECT_FIELDS, Answer, Question, Subject
from reporting.reports.models import BestPractice, Initiative, ReportSection, ReportStatus
from reporting.reports.services import locked_report, public_site_changed

SUBJECT_MODELS: dict[Subject, type[ReportSection | Initiative | BestPractice]] = {
    Subject.SECTION: ReportSection,
    Subject.INITIATIVE: Initiative,
    Subject.BEST_PRACTICE: BestPractice,
}


class QuestionError(Exception):
    """A rule refused the question, answer or hiding; the message is for the person who tried."""


class NotOfTheReport(QuestionError):
    """The section, initiative or best practice asked about is not one of the report's."""


def _text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise QuestionError(f"Write your {what}.")
    return text


@transaction.atomic
def question_ask(
    *, report_id: int, user: User, subject: str, record_id: int | None, text: str
) -> Question:
    """A delegate's question to another economy on one thing of its accepted report."""
    report = locked_report(report_id)
    identity = identity_of(user)
    if not identity.is_delegate:
        raise QuestionError("Only the delegates of member economies ask questions.")
    if identity.economy_code == report.economy.code:
        raise QuestionError(
            f"This is your own economy's report: ask {report.economy}'s delegates directly."
        )
    if report.status != ReportStatus.ACCEPTED:
        raise QuestionError(
            f"{report.economy}'s {report.cycle.year} report is "
            f"{report.get_status_display().lower()}: questions are asked on accepted reports only."
        )
    kind = Subject(subject)
    question = Question(
        report=report,
        asked_by=user,
        asked_by_economy=Economy.objects.get(code=identity.economy_code),
        subject=kind,
        text=_text(text, "question"),
    )
    field = SUBJECT_FIELDS[kind]
    if field is not None:
        found = SUBJECT_MODELS[kind].objects.filter(report=report, pk=record_id or 0)
        record = found.first() if record_id is not None else None
        if record is None:
            raise NotOfTheReport(
                f"That {kind.label.lower()} is not part of {report.economy}'s "
                f"{report.cycle.year} report."
            )
        setattr(question, field, record)
    question._history_user = user  # type: ignore[attr-defined]
    question.full_clean()
    question.save()
    transaction.on_commit(lambda: notifications.question_asked(question))
    return question


@transaction.atomic
def question_answer(*, question_id: int, user: User, text: str) -> Answer:
    """An answer by a delegate of the asked economy, to a question still shown."""
    report_id = Question.objects.values_list("report_id", flat=True).get(pk=question_id)
    report = locked_report(report_id)
    question = Question.objects.select_related("asked_by").get(pk=question_id)
    question.report = report
    if identity_of(user).economy_code != report.economy.code:
        raise QuestionError(f"Only the delegates of {report.economy} answer its questions.")
    if question.is_hidden:
        raise QuestionError("The program director hid this question: it can no longer be answered.")
    answer = Answer(question=question, answered_by=user, text=_text(text, "answer"))
    answer._history_user = user  # type: ignore[attr-defined]
    answer.full_clean()
    answer.save()
    transaction.on_commit(lambda: notifications.question_answered(answer))
    return answer


@transaction.atomic
def post_hide(*, post: Question | Answer, user: User, reason: str) -> Question | Answer:
    """The director hides a question (with its answers) or an answer, saying why: the reason is
    kept on the post and in its history. A hidden post leaves the public site at once."""
    if not identity_of(user).is_director:
        raise QuestionError("Only the program director hides questions and answers.")
    report_id = post.report_id if isinstance(post, Question) else post.question.report_id
    report = locked_report(report_id)
    current: Question | Answer = type(post).objects.select_for_update().get(pk=post.pk)
    if current.is_hidden:
        raise QuestionError("This post is hidden already.")
    current.hidden_at = timezone.now()
    current.hidden_by = user
    current.hidden_reason = _text(reason, "reason for hiding it")
    current._history_user = user  # type: ignore[union-attr]
    current.full_clean()
    current.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if report.questions_released:
        public_site_changed(report)
    return current

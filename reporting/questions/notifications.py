"""E-mails about questions, queued on commit (reporting/ops/mail.py): the asked economy's
delegates hear of a question, the asker of each answer."""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse

from plans.accounts.roles import Role
from reporting.ops.mail import by_time_zone, queue_email
from reporting.questions.models import Answer, Question


def _send(
    *,
    users: QuerySet[User],
    subject: str,
    body: Callable[[str], str],
    question: Question,
    moment: datetime,
) -> None:
    """`body(when)`: the text, with `moment` in the reader's time zone (one message per zone)."""
    report = question.report
    path = reverse(
        "reporting:question-detail",
        args=[report.cycle.year, report.economy.code, question.pk],
    )
    for when, recipients in by_time_zone(users, moment).items():
        queue_email(
            subject=f"[SMEWG] {subject}",
            body=f"{body(when)}\n\nOpen the question: {settings.SITE_URL}{path}\n",
            recipients=recipients,
        )


def question_asked(question: Question) -> None:
    report = question.report
    _send(
        # The economy's delegate answers; its contributors edit sections, not questions.
        users=User.objects.filter(delegate__economy=report.economy, groups__name=Role.DELEGATE),
        subject=f"{question.asked_by_economy} asks about your {report.cycle.year} report",
        body=lambda when: (
            f"{question.asked_by_economy} asked a question on {report.economy}'s "
            f"{report.cycle.year} report ({question.subject_label}) on {when}:\n\n"
            f"{question.text}\n\nEvery member of the SMEWG reads the questions and their answers."
        ),
        question=question,
        moment=question.created_at,
    )


def question_answered(answer: Answer) -> None:
    question = answer.question
    report = question.report
    _send(
        users=User.objects.filter(pk=question.asked_by_id),
        subject=f"{report.economy} answered your question",
        body=lambda when: (
            f"{report.economy} answered your question on its {report.cycle.year} report "
            f"({question.subject_label}) on {when}:\n\n{question.text}\n\n"
            f"Their answer:\n\n{answer.text}"
        ),
        question=question,
        moment=answer.created_at,
    )

"""E-mails about questions, queued on commit (reporting/ops/mail.py): the asked economy's
delegates hear of a question, the asker of each answer."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse

from plans.accounts.roles import Role
from reporting.ops.mail import queue_email
from reporting.questions.models import Answer, Question


def _send(*, users: QuerySet[User], subject: str, body: str, question: Question) -> None:
    recipients = sorted({user.email for user in users.filter(is_active=True) if user.email})
    if not recipients:
        return
    report = question.report
    path = reverse(
        "reporting:question-detail",
        args=[report.cycle.year, report.economy.code, question.pk],
    )
    queue_email(
        subject=f"[SMEWG] {subject}",
        body=f"{body}\n\nOpen the question: {settings.SITE_URL}{path}\n",
        recipients=recipients,
    )


def question_asked(question: Question) -> None:
    report = question.report
    _send(
        # The economy's delegate answers; its contributors edit sections, not questions.
        users=User.objects.filter(delegate__economy=report.economy, groups__name=Role.DELEGATE),
        subject=f"{question.asked_by_economy} asks about your {report.cycle.year} report",
        body=(
            f"{question.asked_by_economy} asked a question on {report.economy}'s "
            f"{report.cycle.year} report ({question.subject_label}):\n\n{question.text}\n\n"
            "Every member of the SMEWG reads the questions and their answers."
        ),
        question=question,
    )


def question_answered(answer: Answer) -> None:
    question = answer.question
    report = question.report
    _send(
        users=User.objects.filter(pk=question.asked_by_id),
        subject=f"{report.economy} answered your question",
        body=(
            f"{report.economy} answered your question on its {report.cycle.year} report "
            f"({question.subject_label}):\n\n{question.text}\n\nTheir answer:\n\n{answer.text}"
        ),
        question=question,
    )

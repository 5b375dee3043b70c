"""The weekly digest of questions between economies (`manage.py send_digests`): to each
delegate who has not opted out on their profile, the questions asked to their economy and the
answers to their own questions in the past seven days; nothing in a week without any. Once a
week: a second run in the same week (Monday to Sunday, UTC) sends nothing again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from plans.accounts.models import UserPreferences
from reporting.ops.mail import queue_email
from reporting.questions.models import Answer, DigestSent, Question

PERIOD = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Digest:
    user: User
    questions: list[Question]  # asked to the user's economy
    answers: list[Answer]  # to the user's questions

    @property
    def is_empty(self) -> bool:
        return not (self.questions or self.answers)


def week_of(moment: datetime.datetime) -> datetime.date:
    day = moment.astimezone(datetime.UTC).date()
    return day - datetime.timedelta(days=day.weekday())


def _link(question: Question) -> str:
    report = question.report
    path = reverse(
        "reporting:question-detail", args=[report.cycle.year, report.economy.code, question.pk]
    )
    return f"{settings.SITE_URL}{path}"


def digest_body(digest: Digest) -> str:
    parts = ["What happened in the questions between economies in the past week.\n"]
    if digest.questions:
        parts.append("New questions to your economy:\n")
        for question in digest.questions:
            parts.append(
                f"- {question.asked_by_economy} on your {question.report.cycle.year} report "
                f"({question.subject_label}):\n  {question.text}\n  {_link(question)}\n"
            )
    if digest.answers:
        parts.append("Answers to your questions:\n")
        for answer in digest.answers:
            question = answer.question
            parts.append(
                f"- {question.report.economy} answered your question on its "
                f"{question.report.cycle.year} report ({question.subject_label}):\n"
                f"  {answer.text}\n  {_link(question)}\n"
            )
    parts.append("You can stop these e-mails on your profile page.")
    return "\n".join(parts)


def digests_due(now: datetime.datetime) -> list[Digest]:
    """The week's digests not sent yet, empty ones left out (four queries)."""
    since = now - PERIOD
    opted_out = UserPreferences.objects.filter(question_digest=False).values("user_id")
    sent = DigestSent.objects.filter(week=week_of(now)).values("user_id")
    users = list(
        User.objects.filter(is_active=True, delegate__isnull=False)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .exclude(pk__in=sent)
        .select_related("delegate")
        .order_by("pk")
    )
    economies = {user.delegate.economy_id for user in users}
    questions = list(
        Question.objects.shown()
        .filter(created_at__gte=since, created_at__lte=now, report__economy_id__in=economies)
        .select_related("report__cycle", "report__economy", "asked_by_economy")
        .select_related("section__area", "initiative", "best_practice")
        .order_by("created_at", "pk")
    )
    answers = list(
        Answer.objects.shown()
        .filter(
            created_at__gte=since,
            created_at__lte=now,
            question__hidden_at__isnull=True,
            question__asked_by__in=users,
        )
        .select_related("question__report__cycle", "question__report__economy")
        .select_related("question__section__area", "question__initiative")
        .select_related("question__best_practice")
        .order_by("created_at", "pk")
    )
    digests = []
    for user in users:
        digest = Digest(
            user,
            [q for q in questions if q.report.economy_id == user.delegate.economy_id],
            [a for a in answers if a.question.asked_by_id == user.pk],
        )
        if not digest.is_empty:
            digests.append(digest)
    return digests


def _queue(body: str, email: str) -> None:
    queue_email(
        subject="[SMEWG] Your weekly digest of questions between economies",
        body=body,
        recipients=[email],
    )


def send_digests(now: datetime.datetime | None = None) -> list[Digest]:
    """Queue the week's digests through the mail queue; each person's at most once a week."""
    now = now or timezone.now()
    queued = []
    for digest in digests_due(now):
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=digest.user, week=week_of(now))
                transaction.on_commit(partial(_queue, digest_body(digest), digest.user.email))
        except IntegrityError:
            continue  # another run sent this one meanwhile
        queued.append(digest)
    return queued

"""The questions and answers that go public with a released report, when its delegate chose so.

A thread goes public when, at the moment of the release, its question is shown and answered by a
shown answer, and what it asks about is itself public: a section, an initiative not marked
"members only", the report's lessons learned when they are not members only. A question on a best
practice stays with the members (the public report does not show best practices), and so do the
questions and answers posted after the release, until the report is released again. Hidden
questions and answers are never public. As in reporting/public/published.py, each thread is a
dataclass copying the public fields and nothing else."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from reporting.questions.models import Answer, Question, Subject
from reporting.reports.models import EconomyReport


@dataclass(frozen=True)
class PublicAnswer:
    text: str
    answered_at: datetime.datetime


@dataclass(frozen=True)
class PublicThread:
    asked_by: str
    subject: str
    question: str
    asked_at: datetime.datetime
    answers: list[PublicAnswer]


def _public_subject() -> Q:
    return (
        Q(subject=Subject.SECTION)
        | Q(subject=Subject.INITIATIVE, initiative__members_only=False)
        | Q(subject=Subject.LESSONS, report__lessons_members_only=False)
    )


def releasable_questions(report: EconomyReport, until: datetime.datetime) -> QuerySet[Question]:
    """The report's questions that its release at `until` would make public."""
    answers = Answer.objects.shown().filter(created_at__lte=until)
    return (
        Question.objects.shown()
        .filter(_public_subject(), report=report, created_at__lte=until)
        .filter(Exists(answers.filter(question=OuterRef("pk"))))
        .select_related("asked_by_economy", "section__area", "initiative")
        .prefetch_related(Prefetch("answers", queryset=answers.order_by("created_at", "pk")))
    )


def public_threads(report: EconomyReport, until: datetime.datetime) -> list[PublicThread]:
    """The threads a release at `until` makes public, in two queries (questions, answers)."""
    return [
        PublicThread(
            asked_by=question.asked_by_economy.name,
            subject=question.subject_label,
            question=question.text,
            asked_at=question.created_at,
            answers=[
                PublicAnswer(text=answer.text, answered_at=answer.created_at)
                for answer in question.answers.all()
            ],
        )
        for question in releasable_questions(report, until)
    ]


def preview_threads(report: EconomyReport) -> list[PublicThread]:
    """What releasing the report now with its questions and answers would make public."""
    return public_threads(report, timezone.now())


def released_threads(report: EconomyReport) -> list[PublicThread]:
    """The threads released with the report: none unless its delegate chose them."""
    if not report.questions_released or report.released_at is None:
        return []
    return public_threads(report, report.released_at)

"""The questions waiting for an answer, with their age: the asked economy's delegates see
theirs on the home page, the program director every economy's. One query each."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from plans.accounts.roles import Identity
from reporting.questions.models import Question


@dataclass(frozen=True)
class WaitingQuestion:
    question: Question
    days: int  # since it was asked


def waiting_questions(identity: Identity) -> list[WaitingQuestion] | None:
    """The unanswered questions to the delegate's economy, or to every economy for the
    director, oldest first; None for a reader who is told of none."""
    if identity.is_delegate:
        questions = Question.objects.waiting().filter(report__economy__code=identity.economy_code)
    elif identity.is_director:
        questions = Question.objects.waiting()
    else:
        return None
    now = timezone.now()
    return [
        WaitingQuestion(question, (now - question.created_at).days)
        for question in questions.select_related(
            "report__cycle", "report__economy", "asked_by_economy"
        ).order_by("created_at", "pk")
    ]

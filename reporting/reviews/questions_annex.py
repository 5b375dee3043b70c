"""The review's annex of questions and answers between economies: every question members see
on the counted reports, each with the answers members see. A hidden post is never in it: the
annex is part of a document that leaves the SMEWG."""

from __future__ import annotations

from django.db.models import Prefetch

from reporting.questions.models import Answer, Question
from reporting.rollups.window import Window


def questions_annex(window: Window) -> list[dict]:
    """Rows of the annex, oldest report first (two queries)."""
    questions = (
        Question.objects.shown()
        .filter(report__in=window.reports())
        .select_related(
            "report__cycle",
            "report__economy",
            "asked_by_economy",
            "section__area",
            "initiative",
            "best_practice",
        )
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.shown().order_by("created_at", "pk"),
                to_attr="shown",
            )
        )
        .order_by("report__cycle__year", "report__economy__position", "created_at", "pk")
    )
    rows = []
    for question in questions:
        answers = [
            {"date": answer.created_at.date().isoformat(), "text": answer.text}
            for answer in question.shown
        ]
        rows.append(
            {
                "year": question.report.cycle.year,
                "economy": question.report.economy.short_name,
                "asked_by": question.asked_by_economy.short_name,
                "subject": question.subject_label,
                "date": question.created_at.date().isoformat(),
                "text": question.text,
                "answers": answers,
                "answers_text": "\n\n".join(f"{a['date']}: {a['text']}" for a in answers)
                or "Not answered yet.",
            }
        )
    return rows

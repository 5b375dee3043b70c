"""The demo's questions between economies, on accepted 2025 reports, asked and answered through
the services as the delegates would: Peru's question to Chile on an initiative still waits for
an answer; the others are answered."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from reporting.questions.models import Answer, Question, Subject
from reporting.questions.services import question_answer, question_ask
from reporting.reports.models import EconomyReport, ReportStatus

YEAR = 2025

# (asker, asked, subject, question, answer or None, days ago asked)
SCRIPT = (
    (
        "PE",
        "CHL",
        Subject.INITIATIVE,
        "How did you reach firms outside the capital, and what did it cost per firm?",
        None,
        12,
    ),
    (
        "JPN",
        "AUS",
        Subject.LESSONS,
        "Which of these lessons changed how you run the program this year?",
        "Mostly the first: we now enrol firms in small groups by region, which halved drop-outs.",
        40,
    ),
    (
        "CHL",
        "NZ",
        Subject.SECTION,
        "Which agency collects the start-up figures you report here?",
        "Stats NZ, from the business register; the 2025 figures were published in March.",
        25,
    ),
)


def create_demo_questions() -> int:
    """The questions of SCRIPT, unless the demo has questions already; how many were asked."""
    if Question.objects.exists():
        return 0
    quiet = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    asked = 0
    with quiet, transaction.atomic():
        users = User.objects.in_bulk(field_name="username")
        for asker, asked_code, subject, text, answer, days in SCRIPT:
            report = EconomyReport.objects.filter(
                cycle__year=YEAR, economy__code=asked_code, status=ReportStatus.ACCEPTED
            ).first()
            if report is None:
                continue
            question = question_ask(
                report_id=report.pk,
                user=users[f"delegate-{asker.lower()}"],
                subject=subject,
                record_id=_record(report, subject),
                text=text,
            )
            asked += 1
            when = timezone.now() - datetime.timedelta(days=days)
            # Demo data only: asked some days ago, so that the pages show the questions' age.
            Question.objects.filter(pk=question.pk).update(created_at=when)
            if answer is not None:
                reply = question_answer(
                    question_id=question.pk,
                    user=users[f"delegate-{asked_code.lower()}"],
                    text=answer,
                )
                answered = when + datetime.timedelta(days=3)
                Answer.objects.filter(pk=reply.pk).update(created_at=answered)
    return asked


def _record(report: EconomyReport, subject: str) -> int | None:
    """The first record of the subject's kind in the report."""
    if subject == Subject.INITIATIVE:
        return report.initiatives.order_by("area__number", "pk").values_list("pk", flat=True)[0]
    if subject == Subject.SECTION:
        return report.sections.order_by("position").values_list("pk", flat=True)[0]
    return None

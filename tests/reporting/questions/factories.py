"""An accepted report to ask about, made as a delegate and the director would."""

from django.contrib.auth.models import User

from reporting.models import EconomyReport
from reporting.questions.services import question_answer, question_ask
from reporting.reports import services
from tests.reporting.factories import finish_report, start_report

INITIATIVE = "SME export coaching"
PRACTICE = "One-stop registration portal"


def accepted_report(code: str = "CHL", year: int = 2025) -> EconomyReport:
    """The economy's report with an initiative in area 1 and a best practice, accepted."""
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(delegate, code, year)
    objective = report.cycle.plan.areas.get(number=1).objectives.first()
    finish_report(
        delegate,
        report,
        s1={
            **{f"entries-{index}-assessment": "progressing" for index in range(5)},
            "initiatives-0-title": INITIATIVE,
            "initiatives-0-kind": "program",
            "initiatives-0-objectives": [str(objective.pk)],
        },
        general={
            "lessons_learned": "Coaching works best in small groups.",
            "best_practices-0-title": PRACTICE,
            "best_practices-0-direction": "shared",
            "best_practices-0-description": "Registration in one visit.",
        },
    )
    return services.report_accept(report_id=report.pk, user=User.objects.get(username="director"))


def thread(asker: User, report: EconomyReport, subject: str, text: str, record=None, answer=""):
    """The asker's question on one thing of the report (`record`: its section, initiative or
    best practice), answered by the report's delegate if `answer` says how."""
    question = question_ask(
        report_id=report.pk,
        user=asker,
        subject=subject,
        record_id=record.pk if record is not None else None,
        text=text,
    )
    if answer:
        delegate = User.objects.get(username=f"delegate-{report.economy.code.lower()}")
        question_answer(question_id=question.pk, user=delegate, text=answer)
    return question

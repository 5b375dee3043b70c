"""Commitments made the way delegates make them: in a draft, through the services, then the
report submitted and accepted."""

from django.contrib.auth.models import User

from reporting.commitments import services
from reporting.commitments.models import Commitment
from reporting.models import EconomyReport
from reporting.reports import services as report_services
from tests.reporting.factories import finish_report, start_report

PROMISE = "Open two more SME export coaching centres"


def delegate_of(code: str) -> User:
    return User.objects.get(username=f"delegate-{code.lower()}")


def commit(
    report: EconomyReport, *, text: str = PROMISE, due_year: int = 2026, area: int = 1
) -> Commitment:
    objective = report.cycle.plan.areas.get(number=area).objectives.order_by("number").first()
    return services.commitment_add(
        report_id=report.pk,
        user=delegate_of(report.economy.code),
        text=text,
        objective_ids=[objective.pk],
        due_year=due_year,
    )


def accept(report: EconomyReport) -> EconomyReport:
    finish_report(delegate_of(report.economy.code), report)
    return report_services.report_accept(
        report_id=report.pk, user=User.objects.get(username="director")
    )


def accepted_with_commitment(
    code: str = "CHL", year: int = 2025, **commitment
) -> tuple[EconomyReport, Commitment]:
    """The economy's report of `year` with one commitment, accepted."""
    report = start_report(delegate_of(code), code, year)
    made = commit(report, **commitment)
    return accept(report), made


def follow_up(report: EconomyReport, commitment: Commitment, status: str, reason: str = ""):
    return services.follow_ups_save(
        report_id=report.pk,
        user=delegate_of(report.economy.code),
        changes=[services.FollowUpChange(commitment.pk, status, reason)],
    )

"""Making commitments and following them up: one transaction each, under the report's lock, by
the economy's delegates while the report can change. The rules are here; pages, the API and the
workbook show their refusals."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from plans.accounts.roles import identity_of
from plans.models import Objective
from reporting.commitments.models import Commitment, FollowUp
from reporting.commitments.open import open_commitments
from reporting.reports.models import EconomyReport
from reporting.reports.services import ReportError, locked_report

# A report's commitments are few (what it will do next, not its every plan); the cap keeps the
# figures, which read every counted commitment of the plan, to a bounded number of rows.
MAX_COMMITMENTS = 20


class CommitmentError(ReportError):
    """A rule refused the change; the message is for the person who tried."""


@dataclass(frozen=True)
class FollowUpChange:
    """What a report says of one earlier commitment."""

    commitment_id: int
    status: str
    reason: str = ""


def _writable(report_id: int, user: User) -> EconomyReport:
    report = locked_report(report_id)
    if identity_of(user).economy_code != report.economy.code:
        raise CommitmentError("Only the economy's delegates change its commitments.")
    if not report.is_editable:
        raise CommitmentError(
            f"This report is {report.get_status_display().lower()} and can no longer be changed."
        )
    return report


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@transaction.atomic
def commitment_add(
    *, report_id: int, user: User, text: str, objective_ids: list[int], due_year: int
) -> Commitment:
    """A commitment of the report for a later year of its plan, serving its plan's objectives."""
    report = _writable(report_id, user)
    if report.commitments.count() >= MAX_COMMITMENTS:
        raise CommitmentError(f"A report makes at most {MAX_COMMITMENTS} commitments.")
    objectives = list(
        Objective.objects.filter(pk__in=objective_ids, area__plan_id=report.cycle.plan_id)
    )
    if not objective_ids or len(objectives) != len(set(objective_ids)):
        raise CommitmentError(f"Choose the objectives of the {report.cycle.plan} plan it serves.")
    commitment = Commitment(report=report, text=text.strip(), due_year=due_year, created_by=user)
    commitment._history_user = user  # type: ignore[attr-defined]
    try:
        commitment.full_clean(exclude=["report", "created_by"])
    except ValidationError as error:
        raise CommitmentError(_messages(error)) from error
    commitment.save()
    commitment.objectives.set(objectives)
    return commitment


@transaction.atomic
def commitment_remove(*, report_id: int, user: User, commitment_id: int) -> None:
    """Take back a commitment the report made (while the report can change)."""
    report = _writable(report_id, user)
    commitment = Commitment.objects.filter(report=report, pk=commitment_id).first()
    if commitment is None:
        raise CommitmentError("That commitment is not one of this report's.")
    commitment._history_user = user  # type: ignore[attr-defined]
    commitment.delete()


@transaction.atomic
def follow_ups_save(*, report_id: int, user: User, changes: list[FollowUpChange]) -> int:
    """Say where the economy's open commitments stand: every change checked first, then all
    written (nothing half-saved). Returns how many follow-ups changed."""
    report = _writable(report_id, user)
    open_ids = {item.commitment.pk for item in open_commitments(report, objectives=False)}
    current = {row.commitment_id: row for row in FollowUp.objects.filter(report=report)}
    rows: list[FollowUp] = []
    problems: list[str] = []
    for change in changes:
        if change.commitment_id not in open_ids:
            raise CommitmentError(
                "One of these commitments is no longer open for this report. Reload the page."
            )
        row = current.get(change.commitment_id) or FollowUp(
            report=report, commitment_id=change.commitment_id
        )
        if (
            row.pk is not None
            and row.status == change.status
            and row.reason == change.reason.strip()
        ):
            continue
        row.status, row.reason, row.updated_by = change.status, change.reason.strip(), user
        try:
            row.full_clean(exclude=["report", "commitment", "updated_by"])
        except ValidationError as error:
            problems.append(_messages(error))
        rows.append(row)
    if problems:
        raise CommitmentError(" ".join(problems))
    for row in rows:
        row._history_user = user  # type: ignore[attr-defined]
        row.save()
    return len(rows)

"""The commitments a report follows up: the economy's, made in its counted reports of the plan's
earlier years, that no counted report has said done or dropped before this report's year. Each
comes with the status last year's report gave it (the page's prefill) and this report's own."""

from __future__ import annotations

from dataclasses import dataclass

from reporting.commitments.models import CLOSED_STATUSES, Commitment, FollowUp
from reporting.reports.models import EconomyReport, ReportStatus


@dataclass(frozen=True)
class OpenCommitment:
    commitment: Commitment
    made_in: int  # the year of the report that made it
    previous: FollowUp | None  # the latest counted report's word on it, before this year
    current: FollowUp | None  # this report's

    @property
    def status(self) -> str:
        """This report's status, or last year's to start from."""
        chosen = self.current or self.previous
        return chosen.status if chosen else ""

    @property
    def reason(self) -> str:
        chosen = self.current or self.previous
        return chosen.reason if chosen else ""


def open_commitments(report: EconomyReport, *, objectives: bool = True) -> list[OpenCommitment]:
    """Three queries: the commitments, the earlier counted follow-ups, this report's; and with
    `objectives`, two more when there are commitments: their objectives and areas."""
    made = Commitment.objects.of_economy_before(report)
    found = made.select_related("report__cycle").order_by("due_year", "report__cycle__year", "pk")
    if objectives:
        found = found.prefetch_related("objectives__area")
    commitments = list(found)
    earlier: dict[int, FollowUp] = {}
    for row in FollowUp.objects.filter(
        commitment__in=made,
        report__status=ReportStatus.ACCEPTED,
        report__cycle__year__lt=report.cycle.year,
    ).order_by("report__cycle__year"):
        earlier[row.commitment_id] = row  # the latest year's wins
    own = {row.commitment_id: row for row in FollowUp.objects.filter(report=report)}
    return [
        OpenCommitment(
            commitment=commitment,
            made_in=commitment.report.cycle.year,
            previous=earlier.get(commitment.pk),
            current=own.get(commitment.pk),
        )
        for commitment in commitments
        if not (commitment.pk in earlier and earlier[commitment.pk].status in CLOSED_STATUSES)
    ]

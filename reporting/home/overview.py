"""What each person should do next, for the home page: a delegate's reports of the open
cycles (and a contributor's part in them), the director's counts per state with the overdue
economies, the Chair's reviews and the director's report to the SMEWG meeting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from plans.accounts.roles import Identity
from plans.accounts.teams import head_of
from plans.catalogue.sections import section_labels
from plans.models import Economy, StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.reports.models import EconomyReport, ReportingCycle, ReportStatus
from reporting.reports.queue import MISSING, WAITING, state_counts, waiting_economies
from reporting.reports.services import last_accepted_report
from reporting.reviews.models import Review, ReviewKind


@dataclass
class DelegateTask:
    cycle: ReportingCycle
    report: EconomyReport | None
    days_to_due: int
    action: str
    url: str

    @property
    def state_label(self) -> str:
        return self.report.get_status_display() if self.report else "Not started"

    @property
    def status(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def overdue(self) -> bool:
        return self.days_to_due < 0 and (self.report is None or self.report.status in WAITING)

    @property
    def days_overdue(self) -> int:
        return -self.days_to_due


def next_step(
    cycle: ReportingCycle, report: EconomyReport | None, code: str, *, submits: bool = True
) -> tuple[str, str]:
    """The one button of a report: its label and address (`submits`: the reader is the
    delegate, who checks and submits; a contributor continues)."""
    detail = reverse("reporting:report-detail", args=[cycle.year, code])
    if report is None:
        return f"Start the {cycle.year} report", detail
    if report.status == ReportStatus.RETURNED:
        return "Address the director's comments", detail
    if report.status == ReportStatus.DRAFT:
        if submits and report.section_count and report.completed_count == report.section_count:
            return "Check and submit the report", reverse(
                "reporting:report-check", args=[cycle.year, code]
            )
        return f"Continue the {cycle.year} report", detail
    return f"View the {cycle.year} report", detail


def delegate_tasks(identity: Identity) -> tuple[list[DelegateTask], EconomyReport | None]:
    """The economy's report for each open cycle, and its latest accepted report."""
    code = identity.economy_code
    assert code is not None  # called for delegates only: each has an economy
    cycles = list(ReportingCycle.objects.open().select_related("plan"))
    reports = {
        report.cycle_id: report
        for report in EconomyReport.objects.filter(
            economy__code=code, cycle__in=cycles
        ).with_progress()
    }
    tasks = []
    for cycle in cycles:
        report = reports.get(cycle.pk)
        action, url = next_step(cycle, report, code, submits=identity.is_delegate)
        tasks.append(DelegateTask(cycle, report, cycle.days_to_due(), action, url))
    if cycles:
        last = last_accepted_report(economy=Economy.objects.get(code=code), cycle=cycles[0])
    else:
        last = (
            EconomyReport.objects.filter(economy__code=code, status=ReportStatus.ACCEPTED)
            .select_related("cycle", "economy")
            .order_by("-cycle__year")
            .first()
        )
    return tasks, last


@dataclass(frozen=True)
class ContributorPart:
    """What a contributor does in their economy's team: the sections they edit, by name (None:
    every one), and the delegate who checks and submits."""

    sections: list[str] | None
    head: User | None


def contributor_part(identity: Identity, plan_id: int | None) -> ContributorPart:
    """`plan_id`: the plan of the reports they work on (the latest plan's where none is open)."""
    assert identity.economy_code is not None  # called for contributors only
    sections = None
    if identity.sections is not None:
        labels = section_labels(plan_id)
        sections = [label for slug, label in labels.items() if slug in identity.sections]
    return ContributorPart(sections, head_of(identity.economy_code))


# The home page names this many overdue economies, and links to the queue for the rest.
OVERDUE_SHOWN = 21


@dataclass
class CycleCounts:
    cycle: ReportingCycle
    counts: list[tuple[str, str, int, str]]  # status, label, count, queue address
    overdue: list[tuple[Economy, str]]  # the first OVERDUE_SHOWN of them, and their state
    economy_count: int
    overdue_count: int = 0

    @property
    def overdue_more(self) -> int:
        """The overdue economies the page does not name."""
        return self.overdue_count - len(self.overdue)


def director_counts(cycle: ReportingCycle) -> CycleCounts:
    """Reports of the cycle per state, “not started” included, and who is overdue: counted by
    aggregates, and a page of the overdue economies with their reports."""
    tally = state_counts(cycle)
    overdue: list[tuple[Economy, str]] = []
    overdue_count = 0
    labels = [(MISSING, "Not started"), *ReportStatus.choices]
    if cycle.days_to_due() < 0 and tally.waiting:
        overdue_count = tally.waiting
        names = dict(labels)
        overdue = [
            (economy, str(names[status]))
            for economy, status in waiting_economies(cycle, limit=OVERDUE_SHOWN)
        ]
    queue = reverse("reporting:queue")
    counts = [
        (value, str(label), tally.by_status[value], f"{queue}?year={cycle.year}&status={value}")
        for value, label in labels
    ]
    return CycleCounts(cycle, counts, overdue, tally.economies, overdue_count)


class ReviewDue(NamedTuple):
    """A review of the plan in force, written or not."""

    plan: StrategicPlan
    kind: str
    label: str
    review: Review | None


def chair_reviews() -> list[ReviewDue]:
    """The mid-term and final review of the plan in force."""
    plan = StrategicPlan.objects.order_by("-start_year").first()
    if plan is None:
        return []
    saved = {review.kind: review for review in Review.objects.filter(plan=plan)}
    return [ReviewDue(plan, kind, label, saved.get(kind)) for kind, label in ReviewKind.choices]


class AnnualReportDue(NamedTuple):
    """The program director's report to write next, written or not."""

    plan: StrategicPlan
    year: int
    report: AnnualReport | None


def annual_report_due(counts: CycleCounts | None) -> AnnualReportDue | None:
    """That of the open cycle's year, else of the plan in force's latest year so far."""
    cycle = counts.cycle if counts else None
    plan = cycle.plan if cycle else StrategicPlan.objects.order_by("-start_year").first()
    if plan is None:
        return None
    year = cycle.year if cycle else min(max(timezone.now().year, plan.start_year), plan.end_year)
    return AnnualReportDue(plan, year, AnnualReport.objects.filter(plan=plan, year=year).first())

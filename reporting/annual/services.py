"""Every change to the director's annual report: its text, freezing it with the meeting it was
presented at, and reopening it. The same shape as the review's (reporting.reviews.services)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from plans.models import Meeting, StrategicPlan
from reporting.annual import content as annual
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.documents import publication
from reporting.documents.errors import DocumentError, StaleDocument
from reporting.documents.tasks import queue_files
from reporting.documents.writing import write_text


class AnnualReportError(DocumentError):
    """A rule refused the change to the report."""


class StaleAnnualReport(StaleDocument, AnnualReportError):
    noun = "report"


def _draft(plan: StrategicPlan, year: int) -> AnnualReport:
    """The report's row, locked, refused when it is final; created on its first change (once,
    when two first changes meet: get_or_create reads the other's row)."""
    AnnualReport.objects.get_or_create(plan=plan, year=year)
    report = AnnualReport.objects.select_for_update().get(plan=plan, year=year)
    if report.is_final:
        raise AnnualReportError(
            "This report is final. The program director or the Chair can reopen it to change it."
        )
    return report


@transaction.atomic
def annual_report_save(
    *,
    plan: StrategicPlan,
    year: int,
    user: User,
    expected_version: int,
    introduction: str,
    comments: dict[int, str],
) -> AnnualReport:
    """Write the introduction and the comment on each area (area id -> text)."""
    report = _draft(plan, year)
    write_text(
        report,
        areas={area_id: {"comment": comment} for area_id, comment in comments.items()},
        area_fields=("comment",),
        expected_version=expected_version,
        stale=StaleAnnualReport,
        introduction=introduction,
    )
    # The draft's files are made again by the task worker, before anyone asks for them.
    transaction.on_commit(lambda: queue_files(ANNUAL_DOCUMENT, report))
    return report


@transaction.atomic
def annual_report_freeze(
    *,
    plan: StrategicPlan,
    year: int,
    user: User,
    meeting: Meeting | None = None,
    presented_at: str = "",
) -> AnnualReport:
    """Make the report final, presented at a meeting (one of the catalogue, or in words):
    every figure it shows is frozen as of now, and its files are made once and kept."""
    presented_at = presented_at.strip()
    if meeting is None and not presented_at:
        raise AnnualReportError("Say at which meeting the report is presented.")
    report = _draft(plan, year)
    report.presented_at = meeting
    report.presented_at_text = "" if meeting else presented_at
    report.make_final(user=user, reason=f"Made final: {report.meeting_label}; figures frozen.")
    report.freeze(annual.build_content(report))
    return publication.save_final(ANNUAL_DOCUMENT, report)


@transaction.atomic
def annual_report_reopen(*, report_id: int, user: User, reason: str) -> AnnualReport:
    """Back to draft, with the reason in the history: the report follows the live data again
    until it is frozen anew."""
    return publication.locked_reopen(
        ANNUAL_DOCUMENT, report_id, reason=reason, error=AnnualReportError
    )


@transaction.atomic
def annual_report_publish(*, report_id: int, user: User) -> AnnualReport:
    """Put the final report on the public site: its figures are those of its snapshot."""
    return publication.locked_publish(
        ANNUAL_DOCUMENT, report_id, user=user, error=AnnualReportError
    )


@transaction.atomic
def annual_report_withdraw(*, report_id: int, user: User, reason: str) -> AnnualReport:
    """Take the report off the public site, with the reason in the history."""
    return publication.locked_withdraw(
        ANNUAL_DOCUMENT, report_id, reason=reason, error=AnnualReportError
    )

"""Every change to a report goes through these functions: one transaction each, who and when
recorded, the workflow's rules enforced here and nowhere else.

Draft -> Submitted -> Returned (with comments) -> Submitted -> Accepted.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans.accounts.preferences import local_time
from plans.accounts.roles import identity_of
from plans.catalogue.data_version import data_version_bump
from plans.models import Economy, MeasureOfProgress
from reporting.ops.public_cache import economy_topic, public_changed
from reporting.reports import notifications, summaries
from reporting.reports.completeness import Problem, report_problems
from reporting.reports.models import (
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportingCycle,
    ReportSection,
    ReportStatus,
)
from reporting.reports.search import refresh_search_vectors


class ReportError(Exception):
    """A rule of the workflow refused the change; the message is for the person who tried."""


class StaleSection(ReportError):
    """The section is not at the version the user read: someone saved it since, or (through
    the API) the version sent is one the section never had."""

    def __init__(self, section: ReportSection):
        self.section = section
        if section.updated_by is None or section.updated_at is None:
            # Nobody has saved the section: nobody to name, and no later version to open.
            super().__init__(
                "This section has never been saved, so it has no such version. Your changes "
                "have not been saved. Open the section again, then make your changes there."
            )
            return
        who = section.updated_by.get_full_name() or section.updated_by.username
        when = local_time(section.updated_at)
        super().__init__(
            f"{who} saved this section at {when}, after you opened it. Your changes have not "
            "been saved: they are still on this page. Open the section again to see the "
            "latest version, then make your changes there."
        )


class SectionNotAssigned(ReportError):
    """A contributor's change to a section the economy's delegate has not assigned them."""

    def __init__(self, section: ReportSection):
        self.section = section
        super().__init__(
            f"“{section.title}” is not one of your sections: the economy's delegate assigns "
            "them on the team page. Nothing was saved."
        )


class ReportIncomplete(ReportError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("The report is not complete yet.")


class SectionWriter(Protocol):
    """The validated forms of one section, ready to write (reporting/reports/sections.py)."""

    @property
    def nothing_to_report(self) -> bool: ...

    def prepare(self) -> None:
        """Work out what to write (what changed), before the report is locked."""

    def save(self, report: EconomyReport, *, user: User) -> None:
        """Write it into `report`, the locked row read in this transaction."""


def last_accepted_report(*, economy: Economy, cycle: ReportingCycle) -> EconomyReport | None:
    """The economy's latest accepted report of an earlier year of the same plan."""
    return (
        EconomyReport.objects.filter(
            economy=economy,
            cycle__plan_id=cycle.plan_id,
            cycle__year__lt=cycle.year,
            status=ReportStatus.ACCEPTED,
        )
        # The home page links to it by its year and economy code.
        .select_related("cycle", "economy")
        .order_by("-cycle__year")
        .first()
    )


@transaction.atomic
def report_start(
    *, cycle: ReportingCycle, economy: Economy, user: User, prefill: bool = False
) -> tuple[EconomyReport, bool]:
    """Create the economy's report with a section per priority area and the general indicators,
    an empty entry per measure, or the values of the last accepted report when asked.

    (report, created): a report started already, even by a request running at the same time,
    is returned as it is (get_or_create retries the read when the insert meets the other's row).
    """
    if not cycle.is_open:
        raise ReportError(f"The {cycle.year} reporting cycle is {cycle.state_label.lower()}.")
    report, created = EconomyReport.objects.get_or_create(
        cycle=cycle, economy=economy, defaults={"created_by": user}
    )
    if not created:
        return report, False
    # A draft more in the participation figures.
    data_version_bump(plan_ids=[cycle.plan_id])
    previous = last_accepted_report(economy=economy, cycle=cycle) if prefill else None
    areas = list(cycle.plan.areas.order_by("number"))
    sections = [
        ReportSection(report=report, area=area, position=index)
        for index, area in enumerate(areas, start=1)
    ]
    sections.append(ReportSection(report=report, area=None, position=len(areas) + 1))
    bulk_create_with_history(sections, ReportSection, default_user=user)

    earlier = {}
    if previous is not None:
        earlier = {entry.measure_id: entry for entry in previous.entries.all()}
    entries = []
    for measure in MeasureOfProgress.objects.filter(area__plan_id=cycle.plan_id):
        old = earlier.get(measure.pk)
        entries.append(
            MeasureEntry(
                report=report,
                measure=measure,
                unit=old.unit if old else measure.unit,
                value=old.value if old else None,
                reference_year=old.reference_year if old else None,
                source=old.source if old else "",
                assessment=old.assessment if old else "",
                narrative=old.narrative if old else "",
            )
        )
    bulk_create_with_history(entries, MeasureEntry, default_user=user)

    if previous is not None:
        _copy_initiatives(previous, report)
        report.prefilled_from = previous
        report.lessons_learned = previous.lessons_learned
        report.broader_priorities_contribution = previous.broader_priorities_contribution
        report.save(
            update_fields=["prefilled_from", "lessons_learned", "broader_priorities_contribution"]
        )
        report.broader_priorities.set(previous.broader_priorities.all())
        report.sections.update(state=ReportSection.State.IN_PROGRESS)
    refresh_search_vectors([report.pk])
    return report, True


def _copy_initiatives(source: EconomyReport, target: EconomyReport) -> None:
    for old in source.initiatives.prefetch_related(
        "objectives", "target_groups", "broader_priorities"
    ):
        new = Initiative.objects.create(
            report=target,
            area_id=old.area_id,
            title=old.title,
            description=old.description,
            kind=old.kind,
            apec_project_code=old.apec_project_code,
            lessons_learned=old.lessons_learned,
            evidence_url=old.evidence_url,
        )
        new.objectives.set(old.objectives.all())
        new.target_groups.set(old.target_groups.all())
        new.broader_priorities.set(old.broader_priorities.all())


def locked_report(report_id: int) -> EconomyReport:
    """The report row, locked, as it is now. Every writer of a report takes this lock first,
    then its section's: one order, so writers wait for each other instead of deadlocking, and
    a step never writes over a change it did not see."""
    return (
        # The report's row alone: not its cycle's and economy's, shared by other reports.
        EconomyReport.objects.select_for_update(of=("self",))
        .select_related("cycle", "economy")
        .get(pk=report_id)
    )


def section_save(
    *,
    section_id: int,
    user: User,
    expected_version: int,
    writer: SectionWriter,
    complete: bool,
    comments_addressed: bool = False,
    reply: str | None = None,
) -> ReportSection:
    """Write a section's forms, if nobody saved the section since the user opened it.

    The report's lock is held only for what needs it: the forms were validated (and their files
    stored) before, and `writer.prepare()` works out what changed before locking. Under the lock:
    the report's state and the section's version are checked, the changes written, the
    section's state set. The version check is what makes the work done before the lock safe:
    section rows change only through this function, so a section still at the version the user
    read still holds the rows the forms read.

    A report a delegate can edit is never counted in the roll-ups (reporting.reports.summaries
    counts submitted and accepted reports), so a section's save changes no summary.

    A section returned with a comment is completed again only with `comments_addressed`, which
    only the section's page asks a person for (a workbook upload never says it for them)."""
    writer.prepare()
    with transaction.atomic():
        report_id = ReportSection.objects.values_list("report_id", flat=True).get(pk=section_id)
        report = locked_report(report_id)
        section = (
            # Lock the section row alone: PostgreSQL cannot lock the outer-joined area and user.
            ReportSection.objects.select_for_update(of=("self",))
            .select_related("area", "updated_by")
            .get(pk=section_id)
        )
        section.report = report
        if not identity_of(user).edits_section(report.economy.code, section.slug):
            raise SectionNotAssigned(section)
        if not report.is_editable:
            raise ReportError(
                f"This report is {report.get_status_display().lower()} and can no longer be "
                "changed."
            )
        if section.version != expected_version:
            raise StaleSection(section)
        writer.save(report, user=user)
        section.nothing_to_report = writer.nothing_to_report
        if comments_addressed and section.return_comment:
            section.comments_addressed = True
        if reply is not None:
            section.reply = reply.strip()
        if complete and section.awaits_changes:
            complete = False
        section.state = (
            ReportSection.State.COMPLETED if complete else ReportSection.State.IN_PROGRESS
        )
        section.version += 1
        section.updated_at = timezone.now()
        section.updated_by = user
        # Its report, area and user are the rows just read: no query to look each up again.
        section.full_clean(exclude=["report", "area", "updated_by"])
        section.save(
            update_fields=[
                "nothing_to_report",
                "comments_addressed",
                "reply",
                "state",
                "version",
                "updated_at",
                "updated_by",
            ]
        )
    return section


@transaction.atomic
def report_submit(*, report_id: int, user: User) -> EconomyReport:
    report = locked_report(report_id)
    identity = identity_of(user)
    if not (identity.is_delegate and identity.economy_code == report.economy.code):
        raise ReportError(
            "Only the economy's delegate submits its report, once they have checked it."
        )
    if not report.is_editable:
        raise ReportError(f"This report is {report.get_status_display().lower()} already.")
    problems = report_problems(report)
    if problems:
        raise ReportIncomplete(problems)
    before = summaries.before_change(report)
    report.status = ReportStatus.SUBMITTED
    report.record_submission(timezone.now())
    report.submitted_by = user
    report.full_clean()
    report.save(
        update_fields=[
            "status",
            "submitted_at",
            "first_submitted_at",
            "first_submitted_on",
            "submitted_by",
        ]
    )
    summaries.after_change(report, before)
    transaction.on_commit(lambda: notifications.report_submitted(report))
    return report


@transaction.atomic
def report_return(
    *, report_id: int, user: User, comment: str, section_comments: dict[int, str]
) -> EconomyReport:
    """Send a submitted report back to the economy with the director's comments."""
    report = locked_report(report_id)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError("Only a submitted report can be returned.")
    if not comment.strip():
        raise ReportError("Say what the economy should change.")
    before = summaries.before_change(report)
    report.status = ReportStatus.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.return_comment = comment.strip()
    report.full_clean()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_comment"])
    summaries.after_change(report, before)
    for section in report.sections.all():
        section.return_comment = section_comments.get(section.pk, "").strip()
        section.comments_addressed = False
        section.reply = ""
        if section.return_comment:
            # Complete again only once a delegate marks the comments addressed.
            section.state = ReportSection.State.IN_PROGRESS
        section.full_clean()
        section.save(update_fields=["return_comment", "comments_addressed", "reply", "state"])
    transaction.on_commit(lambda: notifications.report_returned(report))
    return report


@transaction.atomic
def report_accept(*, report_id: int, user: User) -> EconomyReport:
    report = locked_report(report_id)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError("Only a submitted report can be accepted.")
    before = summaries.before_change(report)
    report.status = ReportStatus.ACCEPTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.full_clean()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    summaries.after_change(report, before)
    report.sections.update(return_comment="")
    transaction.on_commit(lambda: notifications.report_accepted(report))
    return report


@transaction.atomic
def report_reopen(*, report_id: int, user: User, comment: str) -> EconomyReport:
    """Let the economy correct one report after its cycle closed."""
    report = locked_report(report_id)
    if report.cycle.is_open:
        raise ReportError("The cycle is open: return the report instead.")
    before = summaries.before_change(report)
    report.reopened = True
    if report.status == ReportStatus.ACCEPTED:
        # Its year's figures move: the pages say so, and list the reports reopened.
        report.reopened_after_acceptance_at = timezone.now()
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        report.status = ReportStatus.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.return_comment = comment.strip() or "Reopened by the program director."
    # A reopened report leaves the public site until it is accepted and released again.
    if report.released_at is not None:
        public_site_changed(report)
    report.released_at = None
    report.released_by = None
    report.questions_released = False
    report.full_clean()
    report.save(
        update_fields=[
            "reopened",
            "reopened_after_acceptance_at",
            "status",
            "reviewed_at",
            "reviewed_by",
            "return_comment",
            "released_at",
            "released_by",
            "questions_released",
        ]
    )
    summaries.after_change(report, before)
    transaction.on_commit(lambda: notifications.report_returned(report))
    return report


def public_site_changed(report: EconomyReport) -> None:
    """The public lists of released reports, and its economy's pages, are kept no longer."""
    public_changed("reports", economy_topic(report.economy.code))


@transaction.atomic
def report_release(*, report_id: int, user: User, with_questions: bool = False) -> EconomyReport:
    """The economy's delegate puts its accepted report on the public site (its public parts:
    reporting/public/published.py), with the questions and answers on it if it chooses (those
    posted until the release, reporting/public/threads.py)."""
    report = locked_report(report_id)
    if report.status != ReportStatus.ACCEPTED:
        raise ReportError("Only an accepted report can be released.")
    if report.released_at is not None:
        raise ReportError("This report is released already.")
    report.released_at = timezone.now()
    report.released_by = user
    report.questions_released = with_questions
    report._change_reason = (  # type: ignore[attr-defined]
        "Released to the public site with its questions and answers."
        if with_questions
        else "Released to the public site."
    )
    report.full_clean()
    report.save(update_fields=["released_at", "released_by", "questions_released"])
    data_version_bump(plan_ids=[report.cycle.plan_id])
    public_site_changed(report)
    return report


@transaction.atomic
def report_withdraw(*, report_id: int, user: User) -> EconomyReport:
    """The economy's delegate takes its report off the public site."""
    report = locked_report(report_id)
    if report.released_at is None:
        raise ReportError("This report is not released.")
    report.released_at = None
    report.released_by = None
    report.questions_released = False
    report._change_reason = f"Withdrawn from the public site by {user}."  # type: ignore[attr-defined]
    report.full_clean()
    report.save(update_fields=["released_at", "released_by", "questions_released"])
    data_version_bump(plan_ids=[report.cycle.plan_id])
    public_site_changed(report)
    return report


@transaction.atomic
def cycle_set_open(*, cycle_id: int, user: User, is_open: bool) -> ReportingCycle:
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle_id)
    cycle.is_open = is_open
    cycle.full_clean()
    cycle.save()
    data_version_bump(plan_ids=[cycle.plan_id])
    if not is_open:
        # Closing ends every reopening: the next correction needs a new decision.
        cycle.reports.filter(reopened=True).update(reopened=False)
    return cycle

"""Applying an uploaded workbook: all of its changes in one transaction, or none."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from plans.accounts.preferences import local_time
from plans.accounts.roles import identity_of
from reporting.commitments.services import follow_ups_save
from reporting.reports import services
from reporting.reports.models import EconomyReport, ReportSection
from reporting.reports.services import ReportError
from reporting.workbook.check import UploadCheck, check_upload


class PreviewOutdated(ReportError):
    """A section changed on the site after the preview was shown."""

    def __init__(self, section: ReportSection):
        self.section = section
        who = ""
        if section.updated_by is not None and section.updated_at is not None:
            name = section.updated_by.get_full_name() or section.updated_by.username
            when = local_time(section.updated_at)
            who = f" ({name} saved it at {when})"
        super().__init__(
            f"“{section.title}” changed on the site after you looked at the preview{who}. "
            "Nothing from the workbook has been saved. Check the changes below again, then "
            "confirm."
        )


class WorkbookInvalid(ReportError):
    def __init__(self, check: UploadCheck):
        self.check = check
        super().__init__("The workbook has cells to fix: nothing has been saved.")


class NotYourSections(ReportError):
    """A contributor's workbook changes sections the economy's delegate has not assigned them."""

    def __init__(self, titles: list[str]):
        self.titles = titles
        super().__init__(
            "The workbook changes sections that are not yours: "
            + "; ".join(f"“{title}”" for title in titles)
            + ". Nothing from the workbook has been saved. Change only your sections, or ask "
            "your economy's delegate."
        )


@transaction.atomic
def report_apply_workbook(
    *, report_id: int, user: User, upload: dict, versions: dict[str, int]
) -> UploadCheck:
    """Save every section the workbook changes, if each section is still at the version the
    preview showed (`versions`, by section slug) and every cell passes the section forms."""
    report = (
        # A submission waits for the upload, and the upload sees a submission that came first.
        EconomyReport.objects.select_for_update(of=("self",))
        .select_related("cycle__plan", "economy")
        .get(pk=report_id)
    )
    if not report.is_editable:
        raise ReportError(
            f"This report is {report.get_status_display().lower()}: it no longer accepts workbooks."
        )
    sections = list(
        ReportSection.objects.select_for_update(of=("self",))
        .filter(report=report)
        .select_related("area", "updated_by")
    )
    for section in sections:
        if section.slug in upload["sections"] and versions.get(section.slug) != section.version:
            raise PreviewOutdated(section)
    check = check_upload(report=report, sections=sections, upload=upload)
    if check.problems:
        raise WorkbookInvalid(check)
    identity = identity_of(user)
    foreign = [
        item.section.title
        for item in check.to_save
        if not identity.edits_section(report.economy.code, item.section.slug)
    ]
    if foreign:
        # section_save refuses each too; this names them all before anything is written.
        raise NotYourSections(foreign)
    for item in check.to_save:
        services.section_save(
            section_id=item.section.pk,
            user=user,
            expected_version=item.section.version,
            writer=item.forms,
            complete=item.complete,
        )
    if check.follow_ups:
        follow_ups_save(
            report_id=report.pk, user=user, changes=[row.change for row in check.follow_ups]
        )
    return check

"""The report as a workbook: download it, upload it back, preview what it changes, confirm."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from plans.accounts.roles import SignedInRequest
from reporting.reports.access import get_report_for_user
from reporting.reports.models import EconomyReport
from reporting.reports.services import ReportError
from reporting.reports.views import report_url
from reporting.workbook.check import check_upload
from reporting.workbook.export import report_workbook
from reporting.workbook.forms import WorkbookConfirmForm, WorkbookUploadForm, upload_digest
from reporting.workbook.layout import CONTENT_TYPE
from reporting.workbook.services import (
    NotYourSections,
    PreviewOutdated,
    WorkbookInvalid,
    report_apply_workbook,
)

# The upload waits in the session (kept on the server) between the preview and the
# confirmation: the browser holds only its digest, never the data or a file name to read.
PENDING_KEY = "reporting:workbook-upload"


def _pending(request: SignedInRequest, report: EconomyReport) -> dict | None:
    pending = request.session.get(PENDING_KEY)
    if pending and pending.get("report") == report.pk:
        return pending
    return None


@require_safe
def workbook_download(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code)
    response = HttpResponse(report_workbook(report, user=request.user), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"SMEWG-report-{report.cycle.year}-{report.economy.code}.xlsx"
    )
    return response


@require_http_methods(["GET", "POST"])
def workbook_upload(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code, write=True)
    posted = request.method == "POST"
    form = WorkbookUploadForm(
        request.POST if posted else None, request.FILES if posted else None, report=report
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["upload"]
        request.session[PENDING_KEY] = {
            "report": report.pk,
            "filename": form.cleaned_data["file"].name[:200],
            "digest": upload_digest(upload),
            "upload": upload,
        }
        return redirect(report_url(report, "workbook-preview"))
    errors = [(form["file"].auto_id, message) for message in form.errors.get("file", [])]
    return render(
        request,
        "workbook/workbook_upload.html",
        {"report": report, "form": form, "errors": errors},
    )


@require_http_methods(["GET", "POST"])
def workbook_preview(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code, write=True)
    pending = _pending(request, report)
    if pending is None:
        messages.info(request, "Upload a workbook to see what it would change.")
        return redirect(report_url(report, "workbook-upload"))
    upload = pending["upload"]
    sections = list(report.sections.select_related("area", "updated_by"))
    slugs = [section.slug for section in sections if section.slug in upload["sections"]]
    if request.method == "POST":
        return _confirm(request, report, pending, WorkbookConfirmForm(request.POST, slugs=slugs))
    review = check_upload(report=report, sections=sections, upload=upload)
    confirm = WorkbookConfirmForm(
        slugs=slugs,
        initial={
            "upload": pending["digest"],
            **{f"version-{section.slug}": section.version for section in sections},
        },
    )
    return render(
        request,
        "workbook/workbook_preview.html",
        {"report": report, "review": review, "confirm": confirm, "filename": pending["filename"]},
    )


def _confirm(
    request: SignedInRequest, report: EconomyReport, pending: dict, form: WorkbookConfirmForm
) -> HttpResponse:
    if not form.is_valid() or form.cleaned_data["upload"] != pending["digest"]:
        messages.error(
            request,
            "That preview was of another upload. Check the changes below, then confirm again.",
        )
        return redirect(report_url(report, "workbook-preview"))
    try:
        review = report_apply_workbook(
            report_id=report.pk,
            user=request.user,
            upload=pending["upload"],
            versions=form.versions(),
        )
    except (PreviewOutdated, WorkbookInvalid, NotYourSections) as error:
        messages.error(request, str(error))
        return redirect(report_url(report, "workbook-preview"))
    except ReportError as error:
        messages.error(request, str(error))
        return redirect(report_url(report))
    del request.session[PENDING_KEY]
    count = review.change_count
    if count:
        messages.success(
            request,
            f"Saved {count} change{'s' if count != 1 else ''} from “{pending['filename']}”.",
        )
    else:
        messages.info(request, "The workbook matches the report: nothing was changed.")
    return redirect(report_url(report))

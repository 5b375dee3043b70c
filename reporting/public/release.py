"""The acts that put something on the public site or take it off, each after a page that says
what it does: an economy's delegate releases or withdraws its accepted report (the page shows
exactly what will be public), the program director publishes or withdraws a final annual
report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plans.accounts.roles import SignedInRequest, require_director
from reporting.annual import services as annual_services
from reporting.annual.access import get_annual_report_for_user
from reporting.public import published
from reporting.public.forms import WithdrawForm
from reporting.reports import services
from reporting.reports.access import check_is_head, get_report_for_user
from reporting.reports.models import ReportStatus


def _report_url(year: int, code: str) -> str:
    return reverse("reporting:report-detail", kwargs={"year": year, "code": code})


def _annual_url(code: str, year: int) -> str:
    return reverse("annual:report", kwargs={"code": code, "year": year})


@require_http_methods(["GET", "POST"])
def report_release(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """The preview of what the release makes public; its button (a POST) releases it."""
    report = get_report_for_user(request.user, year, code)
    check_is_head(request.user, report.economy)
    if report.status != ReportStatus.ACCEPTED:
        raise PermissionDenied("Only an accepted report can be released.")
    if request.method == "GET":
        return render(
            request,
            "public/report_release.html",
            {"report": report, "content": published.public_content(report), "preview": True},
        )
    try:
        services.report_release(report_id=report.pk, user=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect(_report_url(year, code))
    messages.success(request, f"The {year} report of {report.economy} is on the public site.")
    return redirect(published.public_report_url(year, code))


@require_http_methods(["GET", "POST"])
def report_withdraw(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code)
    check_is_head(request.user, report.economy)
    if report.released_at is None:
        raise PermissionDenied("This report is not released.")
    if request.method == "GET":
        return render(request, "public/report_withdraw.html", {"report": report})
    try:
        services.report_withdraw(report_id=report.pk, user=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"The {year} report of {report.economy} is no longer on the public site."
        )
    return redirect(_report_url(year, code))


@require_http_methods(["GET", "POST"])
def annual_publish(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    """What publishing shows (the frozen report's figures); its button publishes it."""
    report = get_annual_report_for_user(request.user, code, year)
    require_director(request.user)
    if report.pk is None or not report.is_final:
        raise PermissionDenied("Only a final report can be published: make it final first.")
    if request.method == "GET":
        return render(
            request,
            "public/annual_publish.html",
            {"report": report, "document": published.public_document(report)},
        )
    try:
        annual_services.annual_report_publish(report_id=report.pk, user=request.user)
    except annual_services.AnnualReportError as error:
        messages.error(request, str(error))
        return redirect(_annual_url(code, year))
    messages.success(request, f"{report} is on the public site.")
    return redirect(reverse("public:document", kwargs={"code": code, "year": year}))


@require_http_methods(["GET", "POST"])
def annual_withdraw(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = get_annual_report_for_user(request.user, code, year)
    require_director(request.user)
    if report.published_at is None:
        raise PermissionDenied("This report is not published.")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            annual_services.annual_report_withdraw(
                report_id=report.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except annual_services.AnnualReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{report} is no longer on the public site.")
        return redirect(_annual_url(code, year))
    return render(request, "public/annual_withdraw.html", {"report": report, "form": form})

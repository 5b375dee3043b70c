"""The acts that put something on the public site or take it off, each after a page that says
what it does: an economy's delegate releases or withdraws its accepted report (the page shows
exactly what will be public), the program director publishes or withdraws a final annual
report, the Chair a final review: both documents through the same two pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plans.accounts.roles import SignedInRequest
from reporting.documents import publication
from reporting.documents.errors import DocumentError
from reporting.public import published
from reporting.public.forms import ReleaseForm, WithdrawForm
from reporting.public.publishing import Publication, annual_publication, review_publication
from reporting.public.threads import preview_threads
from reporting.reports import services
from reporting.reports.access import check_is_head, get_report_for_user
from reporting.reports.models import ReportStatus


def _report_url(year: int, code: str) -> str:
    return reverse("reporting:report-detail", kwargs={"year": year, "code": code})


@require_http_methods(["GET", "POST"])
def report_release(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """The preview of what the release makes public; its button (a POST) releases it."""
    report = get_report_for_user(request.user, year, code)
    check_is_head(request.user, report.economy)
    if report.status != ReportStatus.ACCEPTED:
        raise PermissionDenied("Only an accepted report can be released.")
    threads = preview_threads(report)
    form = ReleaseForm(request.POST if request.method == "POST" else None, threads=len(threads))
    if request.method == "GET" or not form.is_valid():
        content = replace(published.public_content(report), threads=threads)
        return render(
            request,
            "public/report_release.html",
            {"report": report, "content": content, "preview": True, "form": form},
        )
    try:
        services.report_release(
            report_id=report.pk,
            user=request.user,
            with_questions=form.cleaned_data["with_questions"],
        )
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


def _publish_page(request: SignedInRequest, found: Publication) -> HttpResponse:
    """What publishing shows (the frozen document's figures); its button publishes it."""
    document = found.document
    if document.pk is None or not document.is_final:
        raise PermissionDenied("Only a final document can be published: make it final first.")
    if request.method == "GET":
        return render(
            request,
            "public/document_publish.html",
            {"report": document, "document": found.public, "back": found.back},
        )
    try:
        publication.locked_publish(found.kind, document.pk, user=request.user)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect(found.back)
    messages.success(request, f"{document} is on the public site.")
    return redirect(found.public.url)


def _withdraw_page(request: SignedInRequest, found: Publication) -> HttpResponse:
    """The reason asked for, then the document is off the public site."""
    document = found.document
    if document.published_at is None:
        raise PermissionDenied("This document is not published.")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            publication.locked_withdraw(found.kind, document.pk, reason=form.cleaned_data["reason"])
        except DocumentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{document} is no longer on the public site.")
        return redirect(found.back)
    return render(
        request,
        "public/document_withdraw.html",
        {"report": document, "document": found.public, "form": form, "back": found.back},
    )


def _publication_views(
    find: Callable[..., Publication],
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The publish and withdraw views of a document that `find(request, <its URL's
    arguments>)` finds, checking who may act."""

    @require_http_methods(["GET", "POST"])
    def publish(request: SignedInRequest, **address: Any) -> HttpResponse:
        return _publish_page(request, find(request, **address))

    @require_http_methods(["GET", "POST"])
    def withdraw(request: SignedInRequest, **address: Any) -> HttpResponse:
        return _withdraw_page(request, find(request, **address))

    return publish, withdraw


# The program director publishes a final annual report; the Chair a final review.
annual_publish, annual_withdraw = _publication_views(annual_publication)
review_publish, review_withdraw = _publication_views(review_publication)

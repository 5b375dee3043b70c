"""The program director's annual report to the SMEWG meeting: read by everyone signed in,
written, frozen and reopened by the director and the Chair."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from plans.accounts.roles import SignedInRequest, identity_of
from plans.models import Meeting, StrategicPlan
from reporting.annual import content as annual
from reporting.annual import services as annual_services
from reporting.annual.access import get_annual_report_for_user
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.forms import AnnualTextForm, FreezeForm
from reporting.annual.models import AnnualReport
from reporting.annual.schema import load_annual
from reporting.documents import pages
from reporting.documents.charts import document_charts
from reporting.documents.formats import ANNUAL, formats_of

PAGES = pages.DocumentPages(
    ANNUAL_DOCUMENT, "annual", title=lambda report: f"the program director's report {report.year}"
)


@require_safe
def annual_index(request: SignedInRequest) -> HttpResponse:
    """Every plan's years, each with its report's state."""
    saved = {(r.plan_id, r.year): r for r in AnnualReport.objects.all()}
    rows = [
        (plan, [(year, saved.get((plan.pk, year))) for year in plan_years(plan)])
        for plan in StrategicPlan.objects.order_by("-start_year")
    ]
    return render(request, "annual/annual_index.html", {"rows": rows})


def plan_years(plan: StrategicPlan) -> range:
    return range(plan.start_year, plan.end_year + 1)


def _comments(report: AnnualReport) -> list[tuple]:
    texts = {text.area_id: text.comment for text in report.area_texts.all()} if report.pk else {}
    return [(area, texts.get(area.pk, "")) for area in report.plan.areas.order_by("number")]


def _kept_page(request: SignedInRequest, report: AnnualReport) -> HttpResponse:
    context = partial(_context, request, report)
    parts = (report.year, report.published_at)
    return pages.kept_page(
        request, PAGES, report, page="annual-report", parts=parts, context=context
    )


def _context(
    request: SignedInRequest, report: AnnualReport, form: AnnualTextForm | None = None
) -> dict:
    identity = identity_of(request.user)
    writes = identity.is_director or identity.is_chair
    if form is None and writes and not report.is_final:
        form = AnnualTextForm(report=report, comments=_comments(report))
    content = load_annual(annual.content_of(report))
    return {
        "report": report,
        "content": content,
        "charts": document_charts(content),
        "form": form,
        "writes": writes,
        # The program director publishes the final report on the public site.
        "publishes": identity.is_director,
        "formats": [(fmt.key, fmt.label) for fmt in formats_of(ANNUAL)],
    }


@require_http_methods(["GET", "POST"])
def annual_detail(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = get_annual_report_for_user(request.user, code, year, write=request.method == "POST")
    if request.method == "GET":
        return _kept_page(request, report)
    return pages.saved_page(request, PAGES, _save_texts(request, report))


def _save_texts(request: SignedInRequest, report: AnnualReport) -> AnnualReport | HttpResponse:
    """Save the page's text (also before freezing, so that nothing typed is lost); the page
    again with the errors when it cannot be saved."""
    form = AnnualTextForm(request.POST, report=report, comments=_comments(report))
    save = partial(annual_services.annual_report_save, plan=report.plan, year=report.year)
    context = partial(_context, request, report, form)
    return pages.save_texts(request, PAGES, report, form, save=save, context=context)


@require_http_methods(["GET", "POST"])
def annual_freeze(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    """Make the report final, presented at a meeting, after a page that says what that does
    (GOV.UK confirmation pattern): the report page's button saves the text and comes here; only
    this page's button, which sends `confirm`, freezes the report."""
    report = get_annual_report_for_user(request.user, code, year, write=True)
    if report.is_final:
        messages.error(request, "This report is final already.")
        return redirect(PAGES.url(report))
    meetings = list(
        Meeting.objects.filter(start_date__year=year).select_related("economy").order_by("number")
    )
    if request.method == "POST" and "confirm" not in request.POST:
        saved = _save_texts(request, report)
        if isinstance(saved, HttpResponse):
            return saved
        return redirect(PAGES.url(saved, "freeze"))
    form = FreezeForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if form.is_bound and form.is_valid():
        meeting, presented_at = form.chosen()
        freeze = partial(
            annual_services.annual_report_freeze,
            plan=report.plan,
            year=report.year,
            user=request.user,
            meeting=meeting,
            presented_at=presented_at,
        )
        return pages.make_final(request, PAGES, report, freeze, frozen="figures")
    return render(
        request,
        "annual/annual_freeze.html",
        {"report": report, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def annual_reopen(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = get_annual_report_for_user(request.user, code, year, write=True)
    return pages.reopen_page(request, PAGES, report, reopen=annual_services.annual_report_reopen)


@require_safe
def annual_download(request: SignedInRequest, code: str, year: int, fmt: str) -> HttpResponse:
    report = get_annual_report_for_user(request.user, code, year)
    return pages.download_page(request, PAGES, report, fmt)

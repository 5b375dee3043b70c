"""The program director's annual report to the SMEWG meeting: read by everyone signed in,
written, frozen and reopened by the director and the Chair."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from plans.accounts.roles import SignedInRequest, identity_of
from plans.models import Meeting, StrategicPlan
from reporting.annual import content as annual
from reporting.annual import services as annual_services
from reporting.annual.access import get_annual_report_for_user, require_annual_writer
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.forms import AnnualTextForm, FreezeForm, ReopenForm
from reporting.annual.models import AnnualReport
from reporting.annual.schema import load_annual
from reporting.documents.charts import document_charts
from reporting.documents.downloads import download
from reporting.documents.formats import ANNUAL, format_of, formats_of
from reporting.documents.pages import kept_page, reopen_page, save_texts
from reporting.ops.throttles import ReviewExportThrottle, refuse_if_throttled

DETAIL = "annual/annual_detail.html"


def report_url(report: AnnualReport, name: str = "report", **kwargs) -> str:
    return reverse(
        f"annual:{name}", kwargs={"code": report.plan.code, "year": report.year, **kwargs}
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
    return kept_page(
        request, report, template=DETAIL, page="annual-report", parts=parts, context=context
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
    saved = _save_texts(request, report)
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(request, "Report saved.")
    return redirect(report_url(saved))


def _save_texts(request: SignedInRequest, report: AnnualReport) -> AnnualReport | HttpResponse:
    """Save the page's text (also before freezing, so that nothing typed is lost); the page
    again with the errors when it cannot be saved."""
    form = AnnualTextForm(request.POST, report=report, comments=_comments(report))
    save = partial(annual_services.annual_report_save, plan=report.plan, year=report.year)
    context = partial(_context, request, report, form)
    return save_texts(
        request, form, save=save, template=DETAIL, context=context, url=report_url(report)
    )


@require_http_methods(["GET", "POST"])
def annual_freeze(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    """Make the report final, presented at a meeting, after a page that says what that does
    (GOV.UK confirmation pattern): the report page's button saves the text and comes here; only
    this page's button, which sends `confirm`, freezes the report."""
    report = get_annual_report_for_user(request.user, code, year, write=True)
    if report.is_final:
        messages.error(request, "This report is final already.")
        return redirect(report_url(report))
    meetings = list(
        Meeting.objects.filter(start_date__year=year).select_related("economy").order_by("number")
    )
    if request.method == "POST" and "confirm" not in request.POST:
        saved = _save_texts(request, report)
        if isinstance(saved, HttpResponse):
            return saved
        return redirect(report_url(saved, "freeze"))
    form = FreezeForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if form.is_bound and form.is_valid():
        meeting, presented_at = form.chosen()
        try:
            final = annual_services.annual_report_freeze(
                plan=report.plan,
                year=report.year,
                user=request.user,
                meeting=meeting,
                presented_at=presented_at,
            )
        except annual_services.AnnualReportError as refused:
            messages.error(request, str(refused))
            return redirect(report_url(report))
        assert final.frozen_at is not None  # freezing stamps the report
        when = final.frozen_at.strftime("%d %B %Y")
        messages.success(request, f"The report is final. Its figures are as of {when}.")
        return redirect(report_url(final))
    return render(
        request,
        "annual/annual_freeze.html",
        {"report": report, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def annual_reopen(request: SignedInRequest, code: str, year: int) -> HttpResponse:
    report = get_annual_report_for_user(request.user, code, year)
    require_annual_writer(request.user)
    return reopen_page(
        request,
        report,
        noun="report",
        form_class=ReopenForm,
        reopen=annual_services.annual_report_reopen,
        template="annual/annual_reopen.html",
        url=report_url(report),
    )


@require_safe
def annual_download(request: SignedInRequest, code: str, year: int, fmt: str) -> HttpResponse:
    """The kept file of the report's current content, or a page saying that the task worker is
    making it, which asks again by itself."""
    found = format_of(ANNUAL, fmt)
    if found is None:
        raise Http404("No such format.")
    report = get_annual_report_for_user(request.user, code, year)
    # Working out a draft's content digest builds its content: a limit per person.
    refused = refuse_if_throttled(request, ReviewExportThrottle())
    if refused:
        return refused
    return download(
        request,
        ANNUAL_DOCUMENT,
        report,
        found,
        title=f"the program director's report {report.year}",
        back=report_url(report),
    )

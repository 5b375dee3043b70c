from collections.abc import Sequence

from django.contrib import messages
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plans.accounts.roles import (
    SignedInRequest,
    identity_of,
    require_director,
    require_reader_of_all,
)
from reporting.reports import evidence, reminders, services
from reporting.reports.access import (
    check_can_write,
    check_edits_section,
    check_is_head,
    get_report_for_user,
    get_slot_for_user,
    why_unchangeable,
)
from reporting.reports.adoptions import report_adoptions
from reporting.reports.checks import entry_warnings, open_warnings, report_warnings
from reporting.reports.completeness import report_problems
from reporting.reports.contents import (
    changes_since,
    last_returned_at,
    load_sections,
    previous_entries,
    report_changes,
)
from reporting.reports.forms import QueueFilterForm, ReopenForm, ReturnForm, StartReportForm
from reporting.reports.models import (
    EconomyReport,
    EvidenceFile,
    MeasureEntry,
    ReportingCycle,
    ReportSection,
    ReportStatus,
)
from reporting.reports.queue import MISSING, QueueRow, queue_page, state_counts
from reporting.reports.sections import SectionForms


def report_url(report: EconomyReport, name: str = "report-detail", **kwargs) -> str:
    return reverse(
        f"reporting:{name}",
        kwargs={"year": report.cycle.year, "code": report.economy.code, **kwargs},
    )


@require_safe
def report_list(request: SignedInRequest) -> HttpResponse:
    """The user's reports: a delegate's economy by year; everyone's for the secretariat."""
    identity = identity_of(request.user)
    cycles = list(ReportingCycle.objects.select_related("plan"))
    reports = (
        EconomyReport.objects.visible_to(request.user)
        .with_progress()
        .select_related("cycle", "economy")
    )
    rows = []
    if identity.in_team:
        by_year = {report.cycle.year: report for report in reports}
        rows = [(cycle, by_year.get(cycle.year)) for cycle in cycles]
        for cycle, report in rows:
            waiting = report is None or report.status in EconomyReport.EDITABLE_STATUSES
            # An attribute for the template alone, not a field of the model.
            overdue = -cycle.days_to_due() if cycle.is_open and waiting else 0
            cycle.days_overdue = overdue
    return render(
        request,
        "reports/report_list.html",
        {"identity": identity, "rows": rows, "cycles": cycles},
    )


@require_safe
def report_detail(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    cycle, economy, report = get_slot_for_user(request.user, year, code)
    identity = identity_of(request.user)
    is_writer = identity.is_team_member_of(economy.code)
    reminder_list = (
        reminders.reminders_of(cycle, economy) if identity.is_director and cycle.is_open else []
    )
    if report is None:
        return render(
            request,
            "reports/report_start.html",
            {
                "cycle": cycle,
                "economy": economy,
                "can_start": is_writer and cycle.is_open,
                "form": StartReportForm(),
                "is_director": identity.is_director,
                "reminders": reminder_list,
            },
        )
    sections = load_sections(report, with_evidence=True)
    context = {
        "report": report,
        "sections": sections,
        "adoptions": report_adoptions(report),
        "completed": sum(s.state == ReportSection.State.COMPLETED for s in sections),
        "is_writer": is_writer,
        "is_head": is_writer and identity.is_delegate,
        "editing": is_writer and report.is_editable,
        "editable": _editable_slugs(request.user, report, sections),
        "is_director": identity.is_director,
        "reminders": reminder_list,
        "can_remind": identity.is_director
        and cycle.is_open
        and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED),
        "days_to_due": cycle.days_to_due(),
    }
    returned_at = (
        last_returned_at(report)
        if identity.reads_all and report.status == ReportStatus.SUBMITTED and report.reviewed_at
        else None
    )
    if returned_at is not None:
        # Submitted again after a return: what changed since, from the history.
        context["changes_since_return"] = changes_since(report, returned_at)
    return render(request, "reports/report_detail.html", context)


@require_POST
def report_start(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    cycle, economy, report = get_slot_for_user(request.user, year, code)
    check_can_write(request.user, economy, report)
    form = StartReportForm(request.POST)
    form.is_valid()
    try:
        report, _created = services.report_start(
            cycle=cycle,
            economy=economy,
            user=request.user,
            prefill=form.cleaned_data.get("prefill", False),
        )
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reporting:report-detail", year=year, code=code)
    if report.prefilled_from is not None:
        messages.success(
            request, f"Report started from your {report.prefilled_from.cycle.year} report."
        )
    return redirect(report_url(report))


def _editable_slugs(user, report: EconomyReport, sections: Sequence[ReportSection]) -> set[str]:
    """The sections the user may change: a contributor's assigned ones, the delegate's all."""
    identity = identity_of(user)
    return {s.slug for s in sections if identity.edits_section(report.economy.code, s.slug)}


def _section(report: EconomyReport, slug: str) -> ReportSection:
    sections = report.sections.select_related("area", "updated_by")
    if slug == "general":
        return get_object_or_404(sections, area__isnull=True)
    if not slug.isdigit():
        raise Http404("No such section.")
    return get_object_or_404(sections, area__number=int(slug))


@require_http_methods(["GET", "POST"])
def section_edit(request: SignedInRequest, year: int, code: str, section: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code, write=True)
    section_obj = _section(report, section)
    check_edits_section(request.user, report.economy, section_obj.slug)
    section_obj.report = report
    action = request.POST.get("action", "") if request.method == "POST" else ""
    completing = action == "continue"
    forms = SectionForms(
        section_obj,
        data=request.POST if request.method == "POST" else None,
        files=request.FILES if request.method == "POST" else None,
        require_complete=completing,
        add_row=request.GET.get("add", ""),
        user=request.user,
    )
    conflict = None
    if request.method == "POST" and _validate_and_keep_files(forms, section_obj, request.user):
        try:
            services.section_save(
                section_id=section_obj.pk,
                user=request.user,
                expected_version=forms.version,
                writer=forms,
                complete=completing,
                comments_addressed=forms.comments_addressed,
                reply=forms.reply,
            )
        except services.StaleSection as error:
            conflict = str(error)
        except services.ReportError as error:
            messages.error(request, str(error))
            return redirect(report_url(report))
        else:
            if completing:
                messages.success(request, f"“{section_obj.title}” is complete.")
                return redirect(report_url(report))
            messages.success(request, "Draft saved.")
            url = report_url(report, "section-edit", section=section)
            if action.startswith("add:"):
                return redirect(add_another_url(url, forms, action.removeprefix("add:")))
            return redirect(url)
    previous, earlier = previous_entries(report)
    if forms.is_general:
        measure_rows = []
    else:
        warnings = entry_warnings(report, [form.instance for form in forms.entries])
        measure_rows = [
            (form, earlier.get(form.instance.measure_id), warnings.get(form.instance.pk, []))
            for form in forms.entries
        ]
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section_obj,
            "forms": forms,
            "measure_rows": measure_rows,
            "previous": previous,
            "errors": forms.errors() if request.method == "POST" else [],
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _validate_and_keep_files(forms: SectionForms, section: ReportSection, user) -> bool:
    """Validate the section's forms and keep the files chosen on the page, valid or not, so
    that a page shown again with its mistakes still holds them. Whether to save."""
    valid = forms.is_valid()
    kept = evidence.uploads_hold(
        report=section.report, section=section, user=user, forms_=forms.evidence_forms
    )
    return valid and kept


def add_another_url(url: str, forms: SectionForms, prefix: str) -> str:
    """After “Add another” saved the draft: the section again with one more empty row of that
    list (none more if the empty row was just filled in and saved: a new one comes anyway)."""
    formset = next((f for f in forms.formsets if f.prefix == prefix and f.can_delete), None)
    if formset is None:
        return url
    filled = any(form.has_changed() for form in formset.extra_forms)
    return f"{url}#{prefix}-add" if filled else f"{url}?add={prefix}#{prefix}-add"


@require_http_methods(["GET", "POST"])
def report_check(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """Check your answers, then submit. The browser's Back after submitting asks for this page
    again: a report that can no longer change is shown as it stands, with why, while a submit of
    it is refused (403)."""
    report = get_report_for_user(request.user, year, code)
    check_is_head(request.user, report.economy)
    if request.method == "GET" and not report.is_editable:
        messages.info(request, why_unchangeable(report))
        return redirect(report_url(report))
    check_can_write(request.user, report.economy, report)
    problems = []
    if request.method == "POST":
        try:
            services.report_submit(report_id=report.pk, user=request.user)
        except services.ReportIncomplete as error:
            problems = error.problems
        except services.ReportError as error:
            messages.error(request, str(error))
            return redirect(report_url(report))
        else:
            return redirect(report_url(report, "report-submitted"))
    else:
        problems = report_problems(report)
    sections = load_sections(report, with_evidence=True)
    return render(
        request,
        "reports/report_check.html",
        {
            "report": report,
            "sections": sections,
            "adoptions": report_adoptions(report),
            "problems": problems,
            "warnings": report_warnings(report),
            "editing": True,
            "editable": {section.slug for section in sections},
            "changed_by": True,
        },
        status=400 if request.method == "POST" and problems else 200,
    )


@require_safe
def report_submitted(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code)
    if report.status != ReportStatus.SUBMITTED or report.submitted_at is None:
        return redirect(report_url(report))
    return render(
        request,
        "reports/report_submitted.html",
        {
            "report": report,
        },
    )


@require_http_methods(["GET", "POST"])
def report_return(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """The director's comments, then a page that says what returning does (GOV.UK
    confirmation, no JavaScript): only its button, which sends `confirm`, returns the report."""
    report = get_report_for_user(request.user, year, code)
    require_director(request.user)
    sections = list(report.sections.select_related("area"))
    form = ReturnForm(request.POST if request.method == "POST" else None, sections=sections)
    if request.method == "POST" and form.is_valid():
        if "confirm" not in request.POST:
            template = "reports/report_return.html" if "edit" in request.POST else None
            return render(
                request,
                template or "reports/report_return_confirm.html",
                {"report": report, "form": form},
            )
        try:
            services.report_return(
                report_id=report.pk,
                user=request.user,
                comment=form.cleaned_data["comment"],
                section_comments=form.section_comments(),
            )
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"The {report.cycle.year} report of {report.economy} was returned with comments.",
            )
        return redirect("reporting:queue")
    return render(request, "reports/report_return.html", {"report": report, "form": form})


@require_http_methods(["GET", "POST"])
def report_accept(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """A page that says what accepting does; its button (a POST) accepts the report."""
    report = get_report_for_user(request.user, year, code)
    require_director(request.user)
    if request.method == "GET":
        warnings = open_warnings(report_warnings(report))
        return render(
            request, "reports/report_accept.html", {"report": report, "warnings": warnings}
        )
    try:
        services.report_accept(report_id=report.pk, user=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"The {report.cycle.year} report of {report.economy} is accepted."
        )
    return redirect(f"{reverse('reporting:queue')}?year={report.cycle.year}")


@require_http_methods(["GET", "POST"])
def report_reopen(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code)
    require_director(request.user)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_reopen(
                report_id=report.pk, user=request.user, comment=form.cleaned_data["comment"]
            )
        except services.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"The {report.cycle.year} report of {report.economy} is open for corrections.",
            )
        return redirect(report_url(report))
    return render(request, "reports/report_reopen.html", {"report": report, "form": form})


@require_safe
def report_history(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    report = get_report_for_user(request.user, year, code)
    return render(
        request,
        "reports/report_history.html",
        {"report": report, "changes": report_changes(report)},
    )


@require_safe
def queue(request: SignedInRequest) -> HttpResponse:
    """The director's queue: a page of the economies' reports of a cycle, filtered by status
    and economy in the database."""
    require_reader_of_all(request.user)
    cycles = list(ReportingCycle.objects.select_related("plan"))
    year = request.GET.get("year", "")
    cycle = next((c for c in cycles if str(c.year) == year), None)
    if cycle is None:
        cycle = next((c for c in cycles if c.is_open), cycles[0] if cycles else None)
    form = QueueFilterForm(request.GET or None)
    valid = form.is_valid()
    status = form.cleaned_data["status"] if valid else ""
    economy = form.cleaned_data["economy"].strip() if valid else ""
    page, counts = None, None
    rows: list[QueueRow] = []
    unconverted: Sequence[object] = ()
    if cycle is not None:
        counts = state_counts(cycle)
        page, rows = queue_page(
            cycle, status=status, economy=economy, page=request.GET.get("page"), counts=counts
        )
        # Values the units migration could not convert: out of the statistics until corrected.
        unconverted = list(
            MeasureEntry.objects.filter(report__cycle=cycle)
            .exclude(unit_problem="")
            .order_by("report__economy__position", "measure__area__number", "measure__number")
            .values(
                "unit_problem",
                "measure__number",
                "measure__area__number",
                economy=F("report__economy__short_name"),
                code=F("report__economy__code"),
            )[:100]
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/queue.html",
        {
            "cycle": cycle,
            "cycles": cycles,
            "form": form,
            "rows": rows,
            "economy_page": page,
            "query": query.urlencode(),
            "status": status,
            "economies": counts.economies if counts else 0,
            "counts": [
                (label, counts.by_status[value] if counts else 0)
                for value, label in [(MISSING, "Not started"), *ReportStatus.choices]
            ],
            "unconverted": unconverted,
            "is_director": identity_of(request.user).is_director,
        },
    )


@require_safe
def cycle_list(request: SignedInRequest) -> HttpResponse:
    require_reader_of_all(request.user)
    cycles = ReportingCycle.objects.select_related("plan")
    return render(
        request,
        "reports/cycle_list.html",
        {"cycles": cycles, "is_director": identity_of(request.user).is_director},
    )


@require_POST
def cycle_toggle(request: SignedInRequest, year: int, action: str) -> HttpResponse:
    require_director(request.user)
    if action not in {"open", "close"}:
        raise Http404("No such action.")
    cycle = get_object_or_404(ReportingCycle, year=year)
    cycle = services.cycle_set_open(cycle_id=cycle.pk, user=request.user, is_open=action == "open")
    # Closing a cycle whose opening date is still ahead leaves it "not yet open".
    messages.success(request, f"The {year} cycle is {cycle.state_label.lower()}.")
    return redirect("reporting:cycle-list")


@require_safe
def evidence_download(request: SignedInRequest, year: int, code: str, pk: int) -> FileResponse:
    """An evidence file, streamed to those who may read the report; 404 for anyone else."""
    report = get_report_for_user(request.user, year, code)
    evidence = get_object_or_404(EvidenceFile, pk=pk, report=report)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def report_remind(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """The director's “send a reminder now”, to the delegates of an economy yet to submit."""
    cycle, economy, _report = get_slot_for_user(request.user, year, code)
    require_director(request.user)
    try:
        reminder = reminders.reminder_send_now(cycle=cycle, economy=economy, user=request.user)
    except reminders.ReminderRefused as error:
        messages.error(request, str(error))
    else:
        count = len(reminder.recipient_list)
        messages.success(
            request,
            f"A reminder to {count} delegate{'s' if count != 1 else ''} of {economy} is queued: "
            "it goes out in a moment, or as soon as the mail server answers.",
        )
    return redirect("reporting:report-detail", year=year, code=code)

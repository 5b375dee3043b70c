"""Reports set up the way people make them: through the services."""

import datetime

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Economy, StrategicPlan
from reporting.models import EconomyReport, EvidenceFile, ReportingCycle, ReportSection
from reporting.reports import services
from reporting.reports.evidence import evidence_add
from reporting.reports.sections import SectionForms, section_write


def make_cycle(year: int = 2026, *, is_open: bool = True) -> ReportingCycle:
    cycle, _ = ReportingCycle.objects.update_or_create(
        year=year,
        defaults={
            "plan": StrategicPlan.objects.get(code="2025-2028"),
            "opens": datetime.date(year, 1, 15),
            "due": datetime.date(year, 10, 31),
            "closes": datetime.date(year, 12, 15),
            "is_open": is_open,
        },
    )
    return cycle


def backdate_submission(reports, moment: datetime.datetime) -> None:
    """Date the reports' first and last submission at `moment` (their cycles count days in
    UTC): the workflow dates them by the clock."""
    reports.update(submitted_at=moment, first_submitted_at=moment, first_submitted_on=moment.date())


def start_report(user: User, code: str = "CHL", year: int = 2026, **kwargs) -> EconomyReport:
    report, _created = services.report_start(
        cycle=make_cycle(year), economy=Economy.objects.get(code=code), user=user, **kwargs
    )
    return report


def section_data(section: ReportSection, **overrides) -> dict:
    """The POST data of a section page as the browser would send it, unchanged."""
    section.refresh_from_db()
    forms = SectionForms(section)
    data = {}
    for form in forms.all_forms:
        if hasattr(form, "management_form"):
            for field in form.management_form:
                data[field.html_name] = field.value()
            subforms = form.forms
        else:
            subforms = [form]
        for subform in subforms:
            for field in subform:
                value = field.value()
                if value is None or value is False:
                    continue
                if isinstance(value, list):
                    data[field.html_name] = [str(v) for v in value]
                elif value is True:
                    data[field.html_name] = "on"
                else:
                    data[field.html_name] = str(value)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def complete_area(section: ReportSection, assessment: str = "progressing", **extra) -> dict:
    """POST data answering every measure of the area's section."""
    data = section_data(section)
    count = int(data["entries-TOTAL_FORMS"])
    for index in range(count):
        data[f"entries-{index}-assessment"] = assessment
    data.update(extra)
    return data


def fill_report(user: User, report: EconomyReport) -> None:
    """Complete every section the way a delegate would, through the forms and the service."""
    for section in report.sections.select_related("area"):
        section.report = report
        if section.area_id is None:
            data = section_data(section, nothing_to_report="on")
        else:
            data = complete_area(section)
        section_write(section=section, user=user, data=data, complete=True)


def write_section(
    user: User, report: EconomyReport, slug: str, *, nothing: bool = False, **fields
) -> None:
    """Complete one section ("1".."5" or "general") with the given form fields, as a delegate
    would on the section page: e.g. ``**{"entries-1-value": "10"}``."""
    section = report.sections.select_related("area").get(
        **({"area__isnull": True} if slug == "general" else {"area__number": int(slug)})
    )
    section.report = report
    data = section_data(section)
    if nothing:
        data["nothing_to_report"] = "on"
    data.update(fields)
    section_write(section=section, user=user, data=data, complete=True)


def finish_report(user: User, report: EconomyReport, **sections: dict) -> None:
    """Write the given sections (keyword "s1".."s5", "general"), say "Nothing to report" in the
    others, and submit."""
    slugs = [s.slug for s in report.sections.select_related("area")]
    for slug in slugs:
        given = sections.get(f"s{slug}" if slug != "general" else "general")
        if given is None:
            write_section(user, report, slug, nothing=True)
        else:
            write_section(user, report, slug, **given)
    services.report_submit(report_id=report.pk, user=user)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach_matrix_evidence(report: EconomyReport, user: User) -> EvidenceFile:
    """Evidence file number 1 of the permission matrix: a PDF on the report's first entry."""
    entry = report.entries.order_by("pk").first()
    evidence = evidence_add(
        report=report,
        record=entry,
        upload=SimpleUploadedFile("register.pdf", PDF_BYTES, "application/pdf"),
        user=user,
    )
    if evidence.pk != 1:
        EvidenceFile.objects.filter(pk=evidence.pk).update(id=1)  # sequences differ by database
        evidence.pk = 1
    return evidence

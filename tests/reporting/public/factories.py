"""Released reports and published annual reports, made through the services as people make
them."""

from django.contrib.auth.models import User

from plans.models import StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.annual.services import annual_report_freeze, annual_report_save
from reporting.reports import services
from reporting.reports.models import EconomyReport
from reporting.reports.sections import section_write
from reporting.reviews.models import Review
from reporting.reviews.services import review_finalize, review_save
from tests.reporting.factories import complete_area, finish_report, section_data, start_report

MEASURE_1 = {"entries-0-assessment": "progressing"}
# Planted in every kind of content that is not public: no public page or file may show it.
MARKER = "zq-not-public-7731"


def accepted_report(
    delegate: User, director: User, code: str = "CHL", year: int = 2026, **sections: dict
) -> EconomyReport:
    report = start_report(delegate, code, year)
    finish_report(delegate, report, **sections)
    return services.report_accept(report_id=report.pk, user=director)


def released_report(delegate: User, director: User, code: str = "CHL", **sections) -> EconomyReport:
    report = accepted_report(delegate, director, code, **sections)
    return services.report_release(report_id=report.pk, user=delegate)


def final_annual_report(director: User, year: int = 2026, introduction: str = "") -> AnnualReport:
    plan = StrategicPlan.objects.get(code="2025-2028")
    annual_report_save(
        plan=plan,
        year=year,
        user=director,
        expected_version=0,
        introduction=introduction or "The year in brief.",
        comments={},
    )
    return annual_report_freeze(
        plan=plan, year=year, user=director, meeting=None, presented_at="The 60th SMEWG meeting"
    )


def save_section(user: User, report: EconomyReport, slug: str, **fields) -> None:
    """Save a section's page with the given fields, without completing it."""
    section = report.sections.select_related("area").get(
        **({"area__isnull": True} if slug == "general" else {"area__number": int(slug)})
    )
    section.report = report
    section_write(section=section, user=user, data=section_data(section, **fields), complete=False)


def submit(user: User, report: EconomyReport) -> None:
    """Complete every section, keeping what it holds, and submit."""
    for section in report.sections.select_related("area"):
        section.report = report
        data = complete_area(section) if section.area_id else section_data(section)
        if section.area_id is None and not data.get("lessons_learned"):
            data["nothing_to_report"] = "on"
        section_write(section=section, user=user, data=data, complete=True)
    services.report_submit(report_id=report.pk, user=user)


def final_review(chair: User, kind: str = "final", summary: str = "") -> Review:
    """The plan's review of that kind, written and made final by the Chair."""
    plan = StrategicPlan.objects.get(code="2025-2028")
    review_save(
        plan=plan,
        kind=kind,
        user=chair,
        expected_version=0,
        executive_summary=summary or "The plan at its end.",
        area_texts={},
    )
    return review_finalize(plan=plan, kind=kind, user=chair)

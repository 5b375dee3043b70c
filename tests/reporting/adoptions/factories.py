"""Reports whose best practices are adopted from another economy's, made as delegates would."""

from django.contrib.auth.models import User

from reporting.adoptions.services import Source, adoption_record
from reporting.models import BestPractice, EconomyReport
from reporting.reports import services
from tests.reporting.factories import start_report, write_section


def delegate(code: str) -> User:
    return User.objects.get(username=f"delegate-{code.lower()}")


def adopting_report(code: str, year: int, titles: list[str]) -> EconomyReport:
    """A report whose general section lists best practices adapted and adopted, not submitted."""
    report = start_report(delegate(code), code, year)
    fields = {}
    for index, title in enumerate(titles):
        fields[f"best_practices-{index}-title"] = title
        fields[f"best_practices-{index}-direction"] = "adopted"
    fields["best_practices-TOTAL_FORMS"] = str(max(len(titles), 1))
    write_section(delegate(code), report, "general", **fields)
    return report


def adopt(report: EconomyReport, title: str, source: BestPractice | object, kind: str = "practice"):
    practice = report.best_practices.get(title=title)
    return adoption_record(
        practice_id=practice.pk,
        user=delegate(report.economy.code),
        source=Source(kind, source.pk),  # type: ignore[arg-type, attr-defined]
        what_changed="Registration moved online for rural firms.",
    )


def submit(report: EconomyReport) -> EconomyReport:
    """Say "Nothing to report" in the areas' sections and submit (the general one is written)."""
    user = delegate(report.economy.code)
    for number in report.sections.filter(area__isnull=False).values_list("area__number", flat=True):
        write_section(user, report, str(number), nothing=True)
    return services.report_submit(report_id=report.pk, user=user)


def accept(report: EconomyReport) -> EconomyReport:
    return services.report_accept(report_id=report.pk, user=User.objects.get(username="director"))

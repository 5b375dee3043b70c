"""The demo's public site: Chile's and Australia's accepted 2025 reports released by their
delegates (one narrative of Chile's kept for members, reporting.reports.demo), and the program
director's 2025 annual report published, through the services."""

from __future__ import annotations

from django.contrib.auth.models import User

from reporting.annual.demo import create_demo_final_annual_report
from reporting.annual.services import annual_report_publish
from reporting.reports import services
from reporting.reports.models import EconomyReport, ReportStatus

RELEASED = ("CHL", "AUS")
YEAR = 2025


def publish_demo() -> list[str]:
    """What it put on the public site now: nothing when it is there already."""
    done = []
    for code in RELEASED:
        report = EconomyReport.objects.filter(
            cycle__year=YEAR, economy__code=code, status=ReportStatus.ACCEPTED
        ).first()
        if report is not None and report.released_at is None:
            delegate = User.objects.get(username=f"delegate-{code.lower()}")
            services.report_release(report_id=report.pk, user=delegate)
            done.append(f"the {YEAR} report of {report.economy}")
    annual = create_demo_final_annual_report()
    if annual.is_final and annual.published_at is None:
        annual_report_publish(report_id=annual.pk, user=User.objects.get(username="director"))
        done.append(str(annual))
    return done

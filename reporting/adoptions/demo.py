"""The demo's two best practices adopted with their sources: Japan's and New Zealand's
accepted 2026 reports each adapted an initiative of another economy's accepted 2025 report.

The adopting reports are accepted already when this runs, so the records are written as data
loaded by other means than the workflow, and the plan's summaries rebuilt after them (as
docs/rollups.md says of such loads)."""

from __future__ import annotations

from django.db import transaction

from plans.models import StrategicPlan
from reporting.reports.models import (
    Adoption,
    BestPractice,
    EconomyReport,
    Initiative,
    ReportStatus,
)
from reporting.reports.summaries import rollups_rebuild

PLAN_CODE = "2025-2028"

# (adopter, its year, source economy, source year, area, what it changed)
SCRIPT = (
    (
        "JPN",
        2026,
        "CHL",
        2025,
        1,
        "Registration moved online as in Chile, with the tax number issued in the same step; "
        "prefectures' offices now only help firms that cannot register online.",
    ),
    (
        "NZ",
        2026,
        "AUS",
        2025,
        4,
        "Kept Australia's design, with the vouchers paid through regional business partners "
        "instead of a national portal, which Māori-owned firms asked for.",
    ),
)


def create_demo_adoptions() -> int:
    """The adoptions of SCRIPT, unless the demo has adoptions already; how many were made."""
    if Adoption.objects.exists():
        return 0
    made = 0
    with transaction.atomic():
        for adopter, year, source_code, source_year, area, what_changed in SCRIPT:
            reports = EconomyReport.objects.filter(
                cycle__plan__code=PLAN_CODE, status=ReportStatus.ACCEPTED
            )
            adopting = reports.filter(economy__code=adopter, cycle__year=year).first()
            source_report = reports.filter(economy__code=source_code, cycle__year=source_year)
            initiative = (
                Initiative.objects.filter(report__in=source_report, area__number=area)
                .select_related("report__economy", "area")
                .order_by("pk")
                .first()
            )
            if adopting is None or initiative is None:
                continue
            practice = BestPractice.objects.create(
                report=adopting,
                direction=BestPractice.Direction.ADOPTED,
                title=initiative.title,
                area=initiative.area,
                where=f"Read in {initiative.report.economy.short_name}'s {source_year} report",
                description=f"Adapted from {initiative.report.economy}'s initiative.",
            )
            Adoption.objects.create(
                practice=practice, source_initiative=initiative, what_changed=what_changed
            )
            made += 1
        if made:
            rollups_rebuild(plan=StrategicPlan.objects.get(code=PLAN_CODE))
    return made

"""The demo's annual reports on the 2025-2028 plan, written through the services as the director
would: the 2025 report, final (presented at the 59th meeting), and the 2026 report, a draft with
a short introduction."""

from __future__ import annotations

from django.contrib.auth.models import User

from plans.models import Meeting, StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.annual.services import annual_report_freeze, annual_report_save

INTRODUCTION = (
    "This report sets out, for the SMEWG meeting, how the 2025-2028 Strategic Plan stood in "
    "2026: the APEC projects under way or completed in the year, the progress made so far on "
    "each priority area, the economies' annual reports and the meetings of the year.\n\n"
    "It is a draft: its figures follow the reports as the program director accepts them."
)


def create_demo_annual_report() -> bool:
    """The draft, unless the 2026 report exists already (then it is left as it is)."""
    plan = StrategicPlan.objects.get(code="2025-2028")
    if AnnualReport.objects.filter(plan=plan, year=2026).exists():
        return False
    annual_report_save(
        plan=plan,
        year=2026,
        user=User.objects.get(username="director"),
        expected_version=0,
        introduction=INTRODUCTION,
        comments={},
    )
    return True


INTRODUCTION_2025 = (
    "This report sets out, for the 59th SMEWG meeting, how the 2025-2028 Strategic Plan stood "
    "in its first year: the APEC projects under way, the progress the economies reported on each "
    "priority area and the meetings of the year."
)


def create_demo_final_annual_report() -> AnnualReport:
    """The 2025 report, made final with its figures frozen, unless it exists already."""
    plan = StrategicPlan.objects.get(code="2025-2028")
    existing = AnnualReport.objects.filter(plan=plan, year=2025).first()
    if existing is not None:
        return existing
    director = User.objects.get(username="director")
    annual_report_save(
        plan=plan,
        year=2025,
        user=director,
        expected_version=0,
        introduction=INTRODUCTION_2025,
        comments={},
    )
    return annual_report_freeze(
        plan=plan,
        year=2025,
        user=director,
        meeting=Meeting.objects.filter(number=59).first(),
        presented_at="The 59th SMEWG meeting",
    )

"""The demo's annual report: the program director's 2026 report on the 2025-2028 plan, a draft
with a short introduction, written through the service as the director would."""

from __future__ import annotations

from django.contrib.auth.models import User

from plans.models import StrategicPlan
from reporting.annual.models import AnnualReport
from reporting.annual.services import annual_report_save

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

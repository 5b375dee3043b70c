"""The sections of an economy's report as people read them: "1. Access to finance" for an area,
"General indicators" for the general ones. Assignments name a section by its slug, the area's
number or "general" (plans/accounts/teams.py), so that they hold from one year to the next; the
team page and the people page show the names of the plan's areas."""

from __future__ import annotations

from plans.accounts.teams import GENERAL
from plans.catalogue.models import PriorityArea, StrategicPlan


def section_labels(plan_id: int | None = None) -> dict[str, str]:
    """Each section's slug and name in the plan's reports (the latest plan's where none is
    given): one query, or two."""
    if plan_id is None:
        plans = StrategicPlan.objects.order_by("-start_year")
        plan_id = plans.values_list("pk", flat=True).first()
    areas = PriorityArea.objects.filter(plan_id=plan_id).order_by("number")
    labels = {
        str(number): f"{number}. {name}" for number, name in areas.values_list("number", "name")
    }
    return labels | {GENERAL: "General indicators"}

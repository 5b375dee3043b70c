"""`{% reported_figures_panel plan %}`: the figures the secretariat reported for the plan outside
the app, in a panel of their own (plans.results). A page whose plan was read with
`StrategicPlan.objects.with_reported_flag()` calls it only when `plan.has_reported_figures`."""

from django import template

from plans.catalogue.models import StrategicPlan
from plans.results.panel import plan_reported_blocks

register = template.Library()


@register.inclusion_tag("plans/reported_figures_panel.html")
def reported_figures_panel(plan: StrategicPlan, heading_level: int = 2) -> dict:
    return {
        "plan": plan,
        "blocks": plan_reported_blocks(plan),
        "heading": heading_level,
        "subheading": heading_level + 1,
    }

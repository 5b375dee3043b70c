"""`{% section_names assignment %}`: the sections a contributor edits, by name ("1. Access to
finance, General indicators"), the plan's names read once for the whole page
(plans/catalogue/sections.py)."""

from __future__ import annotations

from django import template

from plans.catalogue.sections import section_labels

register = template.Library()


@register.simple_tag(takes_context=True)
def section_names(context: template.Context, slugs) -> str:
    labels = context.render_context.get("section_labels")
    if labels is None:
        labels = context.render_context["section_labels"] = section_labels()
    return "; ".join(labels.get(str(slug), str(slug)) for slug in slugs)

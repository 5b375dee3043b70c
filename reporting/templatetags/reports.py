"""Report records shown on pages of the catalogue's app, which knows nothing of reports: the
template asks here, as Django's comments framework lets any page list an object's comments."""

from django import template

from reporting.reports.access import ProjectInitiative, initiatives_naming_project

register = template.Library()


@register.simple_tag(takes_context=True)
def initiatives_naming(context: template.Context, project) -> list[ProjectInitiative]:
    """`{% initiatives_naming project as initiatives %}`: the initiatives naming the project, from
    the reports the signed-in person may read, each saying whether that person may open its
    report (reporting.reports.access)."""
    return initiatives_naming_project(context["request"].user, project.code)

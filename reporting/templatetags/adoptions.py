"""A report's adoptions as its summary shows them, from what the view read
(`reporting.reports.adoptions.report_adoptions`): the filters look up, they query nothing."""

from django import template

from reporting.reports.adoptions import ReportAdoptions, SourceLine

register = template.Library()


@register.filter
def source_of(adoptions: ReportAdoptions | None, practice_id: int) -> SourceLine | None:
    return adoptions.sources.get(practice_id) if adoptions else None


@register.filter
def practice_adopted_by(adoptions: ReportAdoptions | None, practice_id: int) -> str:
    return adoptions.practices_adopted_by.get(practice_id, "") if adoptions else ""


@register.filter
def initiative_adopted_by(adoptions: ReportAdoptions | None, initiative_id: int) -> str:
    return adoptions.initiatives_adopted_by.get(initiative_id, "") if adoptions else ""

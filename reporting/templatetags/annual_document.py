"""Filters for the annual report's document (templates/annual/annual_document.html): the
wording of reporting.annual.text, so that the page, the PDF and the Word file read alike."""

from django import template

from reporting.annual import text

register = template.Library()

for name in (
    "chapters",
    "projects_note",
    "project_share",
    "project_areas",
    "project_years",
    "participation_note",
    "participation_caption",
    "presented",
    "meeting_dates",
):
    register.filter(name, getattr(text, name))

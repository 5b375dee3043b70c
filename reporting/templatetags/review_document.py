"""Filters for the documents (templates/reviews/review_document.html, the annual report's): the
wording of reporting.documents.wording and reporting.reviews.exports.text, so that the page, the
PDF and the Word file read alike."""

from django import template

from reporting.documents import wording
from reporting.reviews.exports import text
from reporting.reviews.schema import measure_from, schema_of

register = template.Library()

for name in (
    "percent",
    "number",
    "data_note",
    "years",
    "status_label",
    "paragraphs",
    "score",
    "change",
    "distribution",
):
    register.filter(name, getattr(wording, name))

for name in (
    "gaps",
    "target_groups",
    "attribution",
    "area_title",
    "chapters",
    "body_lessons",
    "lessons_note",
    "annex_title",
    "annex_bounded",
):
    register.filter(name, getattr(text, name))


@register.filter
def kind_and_unit(measure: dict, content: dict) -> str:
    """“Rate, %”: the unit once, in a content of any schema."""
    return measure_from(measure, schema_version=schema_of(content)).kind_and_unit


@register.filter
def of(count: int | None, total: int) -> str:
    return wording.of(count, total)


@register.filter
def area_figures(area: dict, economies: int) -> list[tuple[str, str]]:
    return text.area_figures(area, economies)


@register.filter
def objectives(initiative: dict) -> str:
    return text.objectives(initiative["area"], initiative["objectives"])


@register.filter
def status_count(year: dict, status: str) -> int:
    return year["by_status"].get(status, 0)


@register.simple_tag
def status_order() -> list[tuple[str, str]]:
    return wording.STATUS_ORDER


@register.simple_tag
def text_headings() -> list[tuple[str, str]]:
    return list(text.TEXT_HEADINGS.items())


@register.simple_tag
def general_columns() -> list[tuple[str, str]]:
    return list(wording.GENERAL_COLUMNS.items())


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key)


@register.simple_tag
def distribution_labels() -> list[str]:
    return [label for label, _n, _share in wording.distribution({})]


@register.simple_tag
def assessment_labels() -> list[str]:
    return wording.ASSESSMENT_ORDER


@register.filter
def highlights_note(area: dict, content: dict) -> str:
    return text.highlights_note(content, area)

"""Filters for the documents (templates/reviews/review_document.html, the annual report's): the
wording of reporting.documents.wording and reporting.reviews.exports.text, so that the page, the
PDF and the Word file read alike."""

import re
from collections.abc import Mapping

from django import template

from reporting.documents import wording
from reporting.documents.content import ParticipationYear, Progress
from reporting.reviews.exports import text
from reporting.reviews.schema import Area, Initiative, ReviewContent

register = template.Library()

for name in (
    "percent",
    "number",
    "data_note",
    "years",
    "status_label",
    "paragraphs",
    "change",
    "distribution",
    "reopened",
    "reopened_note",
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
def unbroken_figures(value: str) -> str:
    """The words in brackets kept on one line: “no clear change on 2025 (+1.4 points)” wraps
    before the bracket, never inside it, in a table's narrow column."""
    return re.sub(r"\([^)]*\)", lambda found: found[0].replace(" ", "\N{NO-BREAK SPACE}"), value)


@register.filter
def score(progress: Progress | None, of: int | None = None) -> str:
    return wording.score(progress, of)


@register.filter
def objective_scores(area: Area, economies: int) -> list[tuple[str, str]]:
    return text.objective_scores(area, economies)


@register.filter
def of(count: int | None, total: int) -> str:
    return wording.of(count, total)


@register.filter
def area_figures(area: Area, economies: int) -> list[tuple[str, str]]:
    return text.area_figures(area, economies)


@register.filter
def objectives(initiative: Initiative) -> str:
    return text.objectives(initiative.area, initiative.objectives)


@register.filter
def status_count(year: ParticipationYear, status: str) -> int:
    return year.by_status.get(status, 0)


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
def lookup(found: object, key: str) -> object:
    """A mapping's value, or a typed content's attribute, named by a variable."""
    if isinstance(found, Mapping):
        return found.get(key)
    return getattr(found, key, None)


@register.simple_tag
def distribution_labels() -> list[str]:
    return [label for label, _n, _share in wording.distribution(None)]


@register.simple_tag
def assessment_labels() -> list[str]:
    return wording.ASSESSMENT_ORDER


@register.filter
def highlights_note(area: Area, content: ReviewContent) -> str:
    return text.highlights_note(content, area)

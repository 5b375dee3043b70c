"""When is a section, and a report, complete? One set of rules for the forms and for submit.

The functions take plain values so that a form's cleaned data and the saved rows are judged
alike; `report_problems` applies them to a saved report and says where each problem is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count

from reporting.reports.caps import ENTRY_PREFIX, INITIATIVE_PREFIX
from reporting.reports.models import EconomyReport, Initiative, MeasureEntry, ReportSection

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _ObjectiveCount(TypedDict):
        objective_count: int

    # An initiative read with the number of objectives it addresses.
    CountedInitiative = WithAnnotations[Initiative, _ObjectiveCount]


@dataclass(frozen=True)
class Problem:
    section: ReportSection
    field_id: str
    message: str

    @property
    def anchor(self) -> str:
        return f"#{self.field_id}"


def entry_problems(*, assessment: str, value, reference_year) -> dict[str, str]:
    problems = {}
    if not assessment:
        problems["assessment"] = "Choose a progress assessment (“No data” if there is none)."
    if value is not None and not reference_year:
        problems["reference_year"] = "Enter the year the value refers to."
    return problems


def initiative_problems(*, title: str, kind: str, objective_count: int) -> dict[str, str]:
    problems = {}
    if not title:
        problems["title"] = "Enter the initiative's title."
    if not kind:
        problems["kind"] = "Choose the type of initiative."
    if objective_count == 0:
        problems["objectives"] = "Choose at least one objective the initiative addresses."
    return problems


# The general-indicators records: the fields each must have once the section is complete.
RECORD_REQUIREMENTS = {
    "best_practices": {
        "title": "Enter the best practice's title.",
        "direction": "Choose shared or adopted.",
    },
    "dialogues": {"title": "Enter the dialogue's title.", "partner_kind": "Choose the partner."},
    "apec_activities": {
        "title": "Enter the activity's title.",
        "kind": "Choose the kind of activity.",
    },
}


def record_problems(prefix: str, values: dict) -> dict[str, str]:
    return {
        field: message
        for field, message in RECORD_REQUIREMENTS[prefix].items()
        if not values.get(field)
    }


def section_problem(*, nothing_to_report: bool, has_content: bool, is_general: bool) -> str:
    if nothing_to_report and has_content:
        return (
            "You chose “Nothing to report” but entered information: remove it, or untick "
            "“Nothing to report”."
        )
    if is_general and not nothing_to_report and not has_content:
        return "Enter at least one record or narrative, or choose “Nothing to report”."
    return ""


def entry_has_content(entry: MeasureEntry) -> bool:
    return bool(
        entry.value is not None
        or entry.assessment
        or entry.narrative
        or entry.source
        or entry.reference_year
    )


def report_problems(report: EconomyReport) -> list[Problem]:
    """Every reason the report cannot be submitted yet, in the order of its sections."""
    sections = report.sections.select_related("area")
    entries = list(
        report.entries.select_related("measure").order_by(
            "measure__area__number", "measure__number"
        )
    )
    initiatives = list(
        report.initiatives.annotate(objective_count=Count("objectives")).order_by(
            "area__number", "pk"
        )
    )
    records = {
        prefix: list(getattr(report, prefix).values(*RECORD_REQUIREMENTS[prefix]).order_by("pk"))
        for prefix in RECORD_REQUIREMENTS
    }
    problems = []
    for section in sections:
        if section.area_id is None:
            found = _general_problems(section, report, records)
        else:
            found = _area_problems(
                section,
                [e for e in entries if e.measure.area_id == section.area_id],
                [i for i in initiatives if i.area_id == section.area_id],
            )
        section.report = report
        if section.awaits_changes:
            found.append(
                Problem(
                    section,
                    "id_comments_addressed",
                    f"{section.title}: the program director commented on this section; "
                    "make the changes, then confirm that the comments are addressed.",
                )
            )
        elif not found and section.state != ReportSection.State.COMPLETED:
            found = [Problem(section, "main", f"{section.title}: not completed yet.")]
        problems.extend(found)
    return problems


def _area_problems(
    section: ReportSection, entries: list[MeasureEntry], initiatives: list[CountedInitiative]
) -> list[Problem]:
    has_content = any(entry_has_content(e) for e in entries) or bool(initiatives)
    message = section_problem(
        nothing_to_report=section.nothing_to_report, has_content=has_content, is_general=False
    )
    if message:
        return [Problem(section, "id_nothing_to_report", f"{section.title}: {message}")]
    if section.nothing_to_report:
        return []
    problems = []
    for index, entry in enumerate(entries):
        found = entry_problems(
            assessment=entry.assessment, value=entry.value, reference_year=entry.reference_year
        )
        for field, message in found.items():
            problems.append(
                Problem(
                    section,
                    f"id_{ENTRY_PREFIX}-{index}-{field}",
                    f"“{entry.measure.text}”: {message}",
                )
            )
    for index, initiative in enumerate(initiatives):
        found = initiative_problems(
            title=initiative.title, kind=initiative.kind, objective_count=initiative.objective_count
        )
        for field, message in found.items():
            problems.append(
                Problem(
                    section,
                    f"id_{INITIATIVE_PREFIX}-{index}-{field}",
                    f"Initiative “{initiative.title}”: {message}",
                )
            )
    return problems


def _general_problems(
    section: ReportSection, report: EconomyReport, records: dict[str, list[dict]]
) -> list[Problem]:
    has_content = any(records.values()) or bool(
        report.lessons_learned or report.broader_priorities_contribution
    )
    message = section_problem(
        nothing_to_report=section.nothing_to_report, has_content=has_content, is_general=True
    )
    if message:
        return [Problem(section, "id_nothing_to_report", f"{section.title}: {message}")]
    problems = []
    for prefix, rows in records.items():
        for index, values in enumerate(rows):
            for field, message in record_problems(prefix, values).items():
                problems.append(Problem(section, f"id_{prefix}-{index}-{field}", message))
    return problems

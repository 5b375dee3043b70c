"""Reads of a whole report for its pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from django.contrib.auth.models import User
from django.db.models import Q

from reporting.reports.models import (
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportSection,
)
from reporting.reports.services import last_accepted_report


def load_sections(report: EconomyReport) -> list[ReportSection]:
    """The report's sections, each with its entries and initiatives, and the general records.

    Queries: sections, entries, initiatives, their objectives, target groups and broader
    priorities, best practices, dialogues, APEC activities, the report's broader priorities.
    """
    sections = list(report.sections.select_related("area"))
    entries = list(
        report.entries.select_related("measure").order_by(
            "measure__area__number", "measure__number"
        )
    )
    initiatives = list(
        report.initiatives.prefetch_related("objectives", "target_groups", "broader_priorities")
        .select_related("area")
        .order_by("area__number", "pk")
    )
    for section in sections:
        section.report = report
        section.entry_list = [e for e in entries if e.measure.area_id == section.area_id]
        section.initiative_list = [i for i in initiatives if i.area_id == section.area_id]
        if section.area_id is None:
            section.best_practice_list = list(
                report.best_practices.select_related("area").order_by("pk")
            )
            section.dialogue_list = list(
                report.dialogues.select_related("area", "forum").order_by("pk")
            )
            section.activity_list = list(
                report.apec_activities.select_related("area").order_by("pk")
            )
            section.broader_priority_list = list(report.broader_priorities.all())
    return sections


def previous_entries(report: EconomyReport) -> tuple[EconomyReport | None, dict[int, MeasureEntry]]:
    """The economy's last accepted report before this one, and its entries by measure."""
    previous = last_accepted_report(economy=report.economy, cycle=report.cycle)
    if previous is None:
        return None, {}
    return previous, {entry.measure_id: entry for entry in previous.entries.all()}


@dataclass
class Change:
    when: datetime
    who: User | None
    kind: str  # created, changed, deleted
    what: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)


def _label(model, record) -> str:
    if model is MeasureEntry:
        return f"Measure “{record.measure.text}”"
    if model is ReportSection:
        return f"Section {record.position}" + (f": {record.area.name}" if record.area_id else "")
    if model is EconomyReport:
        return "Report"
    name = model._meta.verbose_name.capitalize()
    return f"{name} “{record.title or 'untitled'}”"


# The records with a history: the report and its parts.
ReportRecord = (
    type[EconomyReport]
    | type[ReportSection]
    | type[MeasureEntry]
    | type[Initiative]
    | type[BestPractice]
    | type[DialogueSession]
    | type[ApecActivity]
)

# model, its field naming the report, the related records its history rows read
HISTORY_SOURCES: list[tuple[ReportRecord, str, list[str]]] = [
    (EconomyReport, "id", ["created_by", "prefilled_from"]),
    (ReportSection, "report_id", ["area"]),
    (MeasureEntry, "report_id", ["measure"]),
    (Initiative, "report_id", []),
    (BestPractice, "report_id", []),
    (DialogueSession, "report_id", []),
    (ApecActivity, "report_id", []),
]
QUIET_FIELDS = {"version", "updated_at", "updated_by", "created_at"}
# Sections and empty entries are made with the report: their creation is the report's start.
CREATED_WITH_REPORT = {ReportSection, MeasureEntry}


def _shown(model, name: str, old, new) -> tuple[str, object, object]:
    field_ = model._meta.get_field(name)
    if field_.choices:
        labels = dict(field_.flatchoices)
        old, new = labels.get(old, old), labels.get(new, new)
    return field_.verbose_name, old, new


def report_changes(report: EconomyReport) -> list[Change]:
    """Every change to the report and its parts, newest first, with before and after.

    One query per kind of record (their histories, with the user who made each change).
    """
    changes = []
    for model, key, related in HISTORY_SOURCES:
        records = list(
            model.history.filter(Q(**{key: report.pk}))
            .select_related("history_user", *related)
            .order_by("id", "history_date", "history_id")
        )
        by_object: dict[int, list] = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        for versions in by_object.values():
            first = versions[0]
            if model not in CREATED_WITH_REPORT:
                what = "Report" if model is EconomyReport else _label(model, first)
                kind = "started" if model is EconomyReport else "created"
                changes.append(Change(first.history_date, first.history_user, kind, what))
            for old, new in pairwise(versions):
                if new.history_type == "-":
                    changes.append(
                        Change(new.history_date, new.history_user, "deleted", _label(model, old))
                    )
                    continue
                delta = new.diff_against(old, excluded_fields=_m2m_names(model))
                shown = [c for c in delta.changes if c.field not in QUIET_FIELDS]
                if shown:
                    changes.append(
                        Change(
                            new.history_date,
                            new.history_user,
                            "changed",
                            _label(model, new),
                            [_shown(model, c.field, c.old, c.new) for c in shown],
                        )
                    )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def _m2m_names(model) -> list[str]:
    return [f.name for f in model._meta.many_to_many]

"""Reads of a whole report for its pages, each in a fixed number of queries."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from plans.accounts.preferences import current_zone
from reporting.reports.models import (
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    EvidenceFile,
    Initiative,
    MeasureEntry,
    ReportSection,
)
from reporting.reports.numbers import plain_number
from reporting.reports.services import last_accepted_report


def load_sections(report: EconomyReport, *, with_evidence: bool = False) -> list[ReportSection]:
    """The report's sections, each with its entries and initiatives, and the general records.

    Queries: sections, entries, initiatives, their objectives, target groups and broader
    priorities, evidence files (with_evidence), best practices, dialogues, APEC activities,
    the report's broader priorities.
    """
    # Who changed each section last, for the check page: joined, no query more.
    sections = list(report.sections.select_related("area", "updated_by"))
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
    evidence = list(report.evidence.order_by("pk")) if with_evidence else []
    records: list[MeasureEntry | Initiative] = [*entries, *initiatives]
    for record in records:
        key = "entry_id" if isinstance(record, MeasureEntry) else "initiative_id"
        record.evidence_list = [e for e in evidence if getattr(e, key) == record.pk]
    for section in sections:
        section.report = report
        section.entry_list = [e for e in entries if e.measure.area_id == section.area_id]
        section.initiative_list = [i for i in initiatives if i.area_id == section.area_id]
        if section.area_id is None:
            section.best_practice_list = list(
                report.best_practices.select_related("area", "adoption").order_by("pk")
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
    when: datetime.datetime
    who: User | None
    kind: str  # started, created, changed, deleted
    what: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


def _label(model, record) -> str:
    if model is MeasureEntry:
        return (
            f"Measure {record.measure.area.number}.{record.measure.number} “{record.measure.text}”"
        )
    if model is ReportSection:
        return f"Section {record.position}" + (f": {record.area.name}" if record.area_id else "")
    if model is EconomyReport:
        return "Report"
    if model is EvidenceFile:
        return f"Evidence file “{record.name}”"
    name = RECORD_NAMES.get(model) or model._meta.verbose_name.capitalize()
    return f"{name} “{record.title or 'untitled'}”"


RECORD_NAMES = {ApecActivity: "APEC activity"}

# The records with a history: the report and its parts.
ReportRecord = (
    type[EconomyReport]
    | type[ReportSection]
    | type[MeasureEntry]
    | type[Initiative]
    | type[BestPractice]
    | type[DialogueSession]
    | type[ApecActivity]
    | type[EvidenceFile]
)

# model, its field naming the report, the related records its history rows read
HISTORY_SOURCES: list[tuple[ReportRecord, str, list[str]]] = [
    (EconomyReport, "id", ["created_by", "prefilled_from"]),
    (ReportSection, "report_id", ["area"]),
    (MeasureEntry, "report_id", ["measure__area"]),
    (Initiative, "report_id", []),
    (BestPractice, "report_id", []),
    (DialogueSession, "report_id", []),
    (ApecActivity, "report_id", []),
    (EvidenceFile, "report_id", []),
]
QUIET_FIELDS = {"version", "updated_at", "updated_by", "created_at", "file"}
# Sections and empty entries are made with the report: their creation is the report's start.
CREATED_WITH_REPORT = {ReportSection, MeasureEntry}
# The workflow's own fields: what the director compares after a return is the content.
WORKFLOW_FIELDS = {
    "status",
    "submitted_at",
    "submitted_by",
    "reviewed_at",
    "reviewed_by",
    "return_comment",
    "reopened",
    "state",
    "comments_addressed",
    "reply",
}


class Shown:
    """Field values as the forms show them: names for people and records, labels for choices,
    12.5 for 12.5000, Yes and No, times in the reader's time zone."""

    def __init__(self, zone: zoneinfo.ZoneInfo):
        self.zone = zone
        self.pending: dict[type[Model], set] = {}
        self.names: dict[tuple[type[Model], object], str] = {}

    def want(self, model, name: str, *values) -> None:
        field_ = model._meta.get_field(name)
        if field_.is_relation and field_.many_to_one:
            for value in values:
                if value is not None:
                    self.pending.setdefault(field_.related_model, set()).add(value)

    def load(self) -> None:
        """One query per kind of record named by the changes."""
        for related, keys in self.pending.items():
            for obj in related._default_manager.filter(pk__in=keys):
                user_name = obj.get_full_name() or obj.username if isinstance(obj, User) else ""
                self.names[(related, obj.pk)] = user_name or str(obj)
        self.pending = {}

    def value(self, model, name: str, value) -> str:
        field_ = model._meta.get_field(name)
        if value is None or value == "":
            return ""
        if field_.choices:
            return str(dict(field_.flatchoices).get(value, value))
        if field_.is_relation and field_.many_to_one:
            return self.names.get((field_.related_model, value), f"(removed record {value})")
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, Decimal):
            return plain_number(value)
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value, self.zone), "j M Y, H:i")
        if isinstance(value, datetime.date):
            return date_format(value, "j F Y")
        if name == "size" and model is EvidenceFile:
            return f"{value:,} bytes"
        return str(value)

    def label(self, model, name: str) -> str:
        return str(model._meta.get_field(name).verbose_name)


def _histories(report: EconomyReport):
    """(model, versions of each record, oldest first) for every part of the report."""
    for model, key, related in HISTORY_SOURCES:
        records = list(
            model.history.filter(Q(**{key: report.pk}))
            .select_related("history_user", *related)
            .order_by("id", "history_date", "history_id")
        )
        by_object: dict[int, list] = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        yield model, list(by_object.values())


def _diff(model, old, new, skip: set[str]) -> list[str]:
    delta = new.diff_against(old, excluded_fields=_m2m_names(model))
    return [c.field for c in delta.changes if c.field not in skip]


def report_changes(report: EconomyReport, zone: zoneinfo.ZoneInfo | None = None) -> list[Change]:
    """Every change to the report and its parts, newest first, with before and after as the
    forms show them.

    One query per kind of record (their histories, with the user who made each change), and one
    per kind of record the changed fields name (people, areas, fora).
    """
    shown = Shown(zone or current_zone())
    raw: list[tuple[type[Model], Change, list[tuple[str, Any, Any]]]] = []
    for model, objects in _histories(report):
        for versions in objects:
            first = versions[0]
            if model not in CREATED_WITH_REPORT:
                what = "Report" if model is EconomyReport else _label(model, first)
                kind = "started" if model is EconomyReport else "created"
                raw.append((model, Change(first.history_date, first.history_user, kind, what), []))
            for old, new in pairwise(versions):
                if new.history_type == "-":
                    change = Change(
                        new.history_date, new.history_user, "deleted", _label(model, old)
                    )
                    raw.append((model, change, []))
                    continue
                names = _diff(model, old, new, QUIET_FIELDS)
                if names:
                    values = [
                        (n, getattr(old, n + _id(model, n)), getattr(new, n + _id(model, n)))
                        for n in names
                    ]
                    for name, before, after in values:
                        shown.want(model, name, before, after)
                    raw.append(
                        (
                            model,
                            Change(
                                new.history_date, new.history_user, "changed", _label(model, new)
                            ),
                            values,
                        )
                    )
    shown.load()
    changes = []
    for model, change, values in raw:
        change.fields = [
            (shown.label(model, n), shown.value(model, n, a), shown.value(model, n, b))
            for n, a, b in values
        ]
        changes.append(change)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def _id(model, name: str) -> str:
    """The attribute holding a foreign key's id on a historical record."""
    field_ = model._meta.get_field(name)
    return "_id" if field_.is_relation and field_.many_to_one else ""


def last_returned_at(report: EconomyReport) -> datetime.datetime | None:
    """When the report was last returned (or reopened), as its history recorded it."""
    return (
        EconomyReport.history.filter(id=report.pk, status="returned")
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def changes_since(
    report: EconomyReport, since: datetime.datetime, zone: zoneinfo.ZoneInfo | None = None
) -> list[Change]:
    """What the economy changed after `since` (the director's return), field by field: each
    record as it was then against as it is now. Records added or removed since say so."""
    shown = Shown(zone or current_zone())
    raw: list[tuple[type[Model], Change, list[tuple[str, Any, Any]]]] = []
    skip = QUIET_FIELDS | WORKFLOW_FIELDS
    for model, objects in _histories(report):
        for versions in objects:
            before = [v for v in versions if v.history_date <= since]
            after = [v for v in versions if v.history_date > since]
            if not after:
                continue
            old = before[-1] if before and before[-1].history_type != "-" else None
            new = after[-1]
            if new.history_type == "-":
                if old is not None:
                    raw.append(
                        (
                            model,
                            Change(
                                new.history_date, new.history_user, "removed", _label(model, old)
                            ),
                            [],
                        )
                    )
                continue
            if old is None:
                names = [
                    f.name
                    for f in model._meta.concrete_fields
                    if f.name not in skip | {"id", "report", "area", "measure", "search_vector"}
                    and getattr(new, f.attname) not in (None, "")
                ]
                kind = "added"
                values = [(n, None, getattr(new, n + _id(model, n))) for n in names]
            else:
                names = _diff(model, old, new, skip)
                kind = "changed"
                values = [
                    (n, getattr(old, n + _id(model, n)), getattr(new, n + _id(model, n)))
                    for n in names
                ]
            if not values and kind == "changed":
                continue
            for name, a, b in values:
                shown.want(model, name, a, b)
            raw.append(
                (
                    model,
                    Change(new.history_date, new.history_user, kind, _label(model, new)),
                    values,
                )
            )
    shown.load()
    changes = []
    for model, change, values in raw:
        change.fields = [
            (shown.label(model, n), shown.value(model, n, a), shown.value(model, n, b))
            for n, a, b in values
        ]
        changes.append(change)
    changes.sort(key=lambda change: change.what)
    return changes


def _m2m_names(model) -> list[str]:
    return [f.name for f in model._meta.many_to_many]

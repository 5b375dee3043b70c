"""The report as a workbook to fill in offline: one sheet per section, pre-filled.

Structure cells (the plan's text, last year's figures, the hidden markers) are locked by sheet
protection; the cells a delegate fills are unlocked, and choices come from drop-down lists whose
labels are the web form's, so that the upload maps them back the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.contrib.auth.models import User
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from plans.accounts.preferences import local_time
from plans.models import BroaderPriority, Forum, Objective, PriorityArea, TargetGroup
from plans.spreadsheets import put
from reporting.reports.caps import ENTRY_PREFIX, INITIATIVE_PREFIX
from reporting.reports.contents import load_sections, previous_entries
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportSection,
)
from reporting.workbook.commitments import commitments_sheet
from reporting.workbook.layout import (
    BLANK_ROWS,
    COLUMNS_MARK,
    FIELD_MARK,
    FORMAT,
    INFO,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    META_SHEET,
    NO,
    SECTION_MARK,
    YES,
    marker,
    number_cell,
    sheet_title,
)

LOCKED_FILL = PatternFill("solid", fgColor="F3F2F1")
HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")
SIDE = Side(style="thin", color="B1B4B6")
INPUT_BORDER = Border(left=SIDE, right=SIDE, top=SIDE, bottom=SIDE)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADING = Font(bold=True, size=12)
MUTED = Font(italic=True, color="505A64")
YES_NO_LIST = "yes_no"
OWN_CHOICES = "@choices"  # a row's key for its own drop-down list of a column
INLINE_LIST = "inline:"  # a validation named by its values, written in the formula


@dataclass(frozen=True)
class Column:
    key: str  # the form field read back, or INFO + a name for a column only shown
    header: str
    width: float = 18
    choices: str | None = None  # the drop-down list, by name
    text: bool = True  # Excel keeps the cell as typed (no dates made of "2025-1")

    @property
    def is_input(self) -> bool:
        return not self.key.startswith(INFO)


@dataclass
class Catalogue:
    """The plan's choices, read once for the whole workbook."""

    objectives: dict[int, list[Objective]]  # by area id
    target_groups: list[TargetGroup]
    broader_priorities: list[BroaderPriority]
    forums: list[Forum]
    areas: list[PriorityArea]


def report_workbook(report: EconomyReport, *, user: User) -> bytes:
    """The .xlsx file of the report.

    Queries: the report's sections and records (see load_sections), last year's report and its
    entries, the plan's objectives, target groups, broader priorities and fora.
    """
    sections = load_sections(report)
    previous, earlier = previous_entries(report)
    plan_id = report.cycle.plan_id
    objectives: dict[int, list[Objective]] = {}
    for objective in Objective.objects.filter(area__plan_id=plan_id).order_by("area", "number"):
        objectives.setdefault(objective.area_id, []).append(objective)
    catalogue = Catalogue(
        objectives=objectives,
        target_groups=list(TargetGroup.objects.all()),
        broader_priorities=list(BroaderPriority.objects.filter(plans=plan_id)),
        forums=list(Forum.objects.all()),
        areas=sorted(
            (s.area for s in sections if s.area is not None), key=lambda area: area.number
        ),
    )

    workbook = Workbook()
    _instructions(workbook.active, report, sections, previous, user)
    lists = _lists(workbook, catalogue)
    for section in sections:
        sheet = SectionSheet(workbook, section, lists)
        if section.area_id:
            _area_sheet(sheet, section, catalogue, previous, earlier)
        else:
            _general_sheet(sheet, section, report, catalogue)
        sheet.finish()
    commitments_sheet(workbook, report)
    _meta(workbook, report, sections)
    workbook.active = 0
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


class SectionSheet:
    """Writes one section's sheet row by row, then protects it."""

    def __init__(self, workbook: Workbook, section: ReportSection, lists: dict[str, str]):
        self.ws: Worksheet = workbook.create_sheet(sheet_title(section))
        self.lists = lists
        self.row = 0
        self.widths: dict[int, float] = {2: 40, 3: 18}
        self.validations: dict[str, DataValidation] = {}
        self.ws.column_dimensions["A"].hidden = True
        self.line(section.title, font=TITLE, mark=marker(SECTION_MARK, section.slug))

    def line(self, *values, font=None, mark: str = "", height: float | None = None) -> int:
        self.row += 1
        if mark:
            put(self.ws.cell(self.row, 1), mark)
        for column, value in enumerate(values, start=2):
            cell = self.ws.cell(self.row, column)
            put(cell, value)
            cell.alignment = WRAP
            if font is not None:
                cell.font = font
        if height:
            self.ws.row_dimensions[self.row].height = height
        return self.row

    def field(self, name: str, label: str, value, choices: str | None = None) -> None:
        """A single answer: its label in B, the input in C."""
        row = self.line(label, mark=marker(FIELD_MARK, name))
        self.ws.cell(row, 2).fill = LOCKED_FILL
        self._input(self.ws.cell(row, 3), value, choices)

    def table(self, prefix: str, columns: list[Column], rows: list[tuple], blank: int = 0) -> None:
        """A header row, the hidden row naming each column's field, then one row per record
        (`(id, {key: value})`), then `blank` empty rows for new records."""
        header = self.line(*(column.header for column in columns), font=BOLD)
        self.ws.row_dimensions[header].height = 45
        keys = self.line(*(column.key for column in columns), mark=marker(COLUMNS_MARK, prefix))
        self.ws.row_dimensions[keys].hidden = True
        for index, column in enumerate(columns, start=2):
            self.ws.cell(header, index).fill = HEADER_FILL
            self.widths[index] = max(self.widths.get(index, 0), column.width)
        for pk, values in [*rows, *[(None, {})] * blank]:
            self.row += 1
            put(self.ws.cell(self.row, 1), marker(prefix, pk or ""))
            for index, column in enumerate(columns, start=2):
                cell = self.ws.cell(self.row, index)
                value = values.get(column.key)
                if column.is_input:
                    # A row may bring its own list (a measure's units), written inline.
                    own = values.get(f"{column.key}{OWN_CHOICES}")
                    choices = f"{INLINE_LIST}{','.join(own)}" if own else column.choices
                    self._input(cell, value, choices, text=column.text)
                else:
                    put(cell, value)
                    cell.fill = LOCKED_FILL
                    cell.alignment = WRAP

    def _input(self, cell, value, choices: str | None, text: bool = True) -> None:
        put(cell, value)
        cell.protection = UNLOCKED
        cell.border = INPUT_BORDER
        cell.alignment = WRAP
        if text and choices is None:
            cell.number_format = "@"
        if choices:
            self._validation(choices).add(cell.coordinate)

    def _validation(self, name: str) -> DataValidation:
        if name not in self.validations:
            if name == YES_NO_LIST:
                formula = '"Yes,No"'
            elif name.startswith(INLINE_LIST):
                formula = f'"{name.removeprefix(INLINE_LIST)}"'
            else:
                formula = self.lists[name]
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not in the list",
                error="Choose one of the values in the drop-down list, or leave the cell empty.",
            )
            self.ws.add_data_validation(validation)
            self.validations[name] = validation
        return self.validations[name]

    def finish(self) -> None:
        for index, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(index)].width = width
        protect(self.ws)


def protect(ws: Worksheet) -> None:
    # Against slips, not against people: no password, and the upload checks everything anyway.
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may be made taller to read long text


def _yes(flag: bool) -> str:
    return YES if flag else NO


# Area sections ---------------------------------------------------------------------------------


def _section_header(sheet, section, report: EconomyReport) -> None:
    """The top of every section sheet: whose report, and the section's two Yes/No answers."""
    sheet.line(f"{report.economy} · {report.cycle.year} report", font=MUTED)
    sheet.line()
    sheet.field(
        "nothing_to_report",
        "Nothing to report for this section this year",
        _yes(section.nothing_to_report),
        YES_NO_LIST,
    )
    sheet.field(
        "complete",
        "Section complete (Yes asks for every answer, like “Save and continue”)",
        _yes(section.state == ReportSection.State.COMPLETED),
        YES_NO_LIST,
    )


def _area_sheet(sheet, section, catalogue: Catalogue, previous, earlier) -> None:
    report = section.report
    _section_header(sheet, section, report)
    sheet.line()
    sheet.line("Measures of progress", font=HEADING)
    last = f"{previous.cycle.year}" if previous else "Last year"
    sheet.line(
        f"Last year's figures come from {report.economy}'s accepted {previous.cycle.year} report."
        if previous
        else "There is no accepted report of an earlier year to show beside this one.",
        font=MUTED,
    )
    columns = [
        Column(f"{INFO}measure", "Measure of progress", 40),
        Column(f"{INFO}kind", "Kind", 14),
        Column(f"{INFO}last_value", f"{last}: value", 12),
        Column(f"{INFO}last_reference_year", f"{last}: reference year", 12),
        Column(f"{INFO}last_assessment", f"{last}: assessment", 14),
        Column("value", "Value", 12, text=False),
        Column("unit", "Unit", 12),
        Column("reference_year", "Reference year", 12, text=False),
        Column("source", "Data source", 30),
        Column("assessment", "Progress assessment", 18, choices="assessment"),
        Column("narrative", "Narrative", 50),
    ]
    sheet.table(
        ENTRY_PREFIX,
        columns,
        [
            (entry.pk, _entry_values(entry, earlier.get(entry.measure_id), section.area.number))
            for entry in section.entry_list
        ],
    )
    sheet.line()
    sheet.line("Initiatives", font=HEADING)
    sheet.line(
        "Policies, programs, projects, training and events towards this priority area. Use the "
        "empty rows at the end for new ones; choose Yes under “Remove” to delete one. Choose Yes "
        "under each objective the initiative addresses and each group it reaches.",
        font=MUTED,
        height=45,
    )
    objectives = catalogue.objectives.get(section.area_id, [])
    for objective in objectives:
        sheet.line(f"Objective {section.area.number}.{objective.number}: {objective.text}")
    sheet.table(
        INITIATIVE_PREFIX,
        _initiative_columns(section, objectives, catalogue),
        [(initiative.pk, _initiative_values(initiative)) for initiative in section.initiative_list],
        blank=BLANK_ROWS[INITIATIVE_PREFIX],
    )


def _entry_values(entry: MeasureEntry, last: MeasureEntry | None, area_number: int) -> dict:
    measure = entry.measure
    values = {
        f"{INFO}measure": f"{area_number}.{measure.number} {measure.text}",
        f"{INFO}kind": measure.kind_label,
        "value": number_cell(entry.value),
        "unit": entry.unit,
        f"unit{OWN_CHOICES}": [unit for unit in measure.allowed_units if unit],
        "reference_year": entry.reference_year,
        "source": entry.source,
        "assessment": entry.get_assessment_display() if entry.assessment else "",
        "narrative": entry.narrative,
    }
    if last is not None:
        if last.value is not None:
            values[f"{INFO}last_value"] = " ".join(
                filter(None, [str(number_cell(last.value)), last.unit])
            )
        values[f"{INFO}last_reference_year"] = last.reference_year
        values[f"{INFO}last_assessment"] = last.get_assessment_display() if last.assessment else ""
    return values


def _initiative_columns(section, objectives, catalogue: Catalogue) -> list[Column]:
    number = section.area.number
    return [
        Column("title", "Title", 40),
        Column("kind", "Type", 18, choices="initiative_kind"),
        Column("description", "Description", 50),
        *[
            Column(f"objectives:{o.pk}", f"Objective {number}.{o.number}", 12, YES_NO_LIST)
            for o in objectives
        ],
        *[
            Column(f"target_groups:{g.pk}", f"Reaches: {g.name}", 13, YES_NO_LIST)
            for g in catalogue.target_groups
        ],
        *[
            Column(f"broader_priorities:{p.pk}", f"Serves: {p.name}", 14, YES_NO_LIST)
            for p in catalogue.broader_priorities
        ],
        Column("apec_project_code", "APEC project code", 16),
        Column("lessons_learned", "Lessons learned", 40),
        Column("evidence_url", "Evidence link", 30),
        Column("DELETE", "Remove", 10, YES_NO_LIST),
    ]


def _initiative_values(initiative: Initiative) -> dict:
    values = {
        "title": initiative.title,
        "kind": initiative.get_kind_display() if initiative.kind else "",
        "description": initiative.description,
        "apec_project_code": initiative.apec_project_code,
        "lessons_learned": initiative.lessons_learned,
        "evidence_url": initiative.evidence_url,
    }
    for name in ("objectives", "target_groups", "broader_priorities"):
        for chosen in getattr(initiative, name).all():
            values[f"{name}:{chosen.pk}"] = YES
    return values


# The general indicators ------------------------------------------------------------------------


def _general_sheet(sheet, section, report: EconomyReport, catalogue: Catalogue) -> None:
    _section_header(sheet, section, report)
    remove = Column("DELETE", "Remove", 10, YES_NO_LIST)
    tables = [
        (
            "best_practices",
            "Best practices",
            "Best practices shared at SMEWG meetings, and practices of other economies that yours "
            "adapted and adopted.",
            [
                Column("title", "Title", 40),
                Column("direction", "Shared or adopted", 24, "direction"),
                Column("area", "Priority area", 30, "area"),
                Column("where", "Where", 30),
                Column("description", "Description", 50),
                remove,
            ],
            [(p.pk, _record_values(p, "direction")) for p in section.best_practice_list],
        ),
        (
            "dialogues",
            "Dialogue sessions with partners",
            "With the private sector, APEC fora and multi-stakeholder organizations.",
            [
                Column("title", "Title", 40),
                Column("partner_kind", "Partner", 24, "partner_kind"),
                Column("forum", "APEC forum", 30, "forum"),
                Column("area", "Priority area", 30, "area"),
                Column("where", "When and where", 50),
                remove,
            ],
            [(d.pk, _record_values(d, "partner_kind", "forum")) for d in section.dialogue_list],
        ),
        (
            "apec_activities",
            "APEC initiatives and supported activities",
            "APEC initiatives and APEC-supported forums, workshops and studies your economy took "
            "part in.",
            [
                Column("title", "Title", 40),
                Column("kind", "Kind", 24, "activity_kind"),
                Column("role", "Role", 30, "role"),
                Column("area", "Priority area", 30, "area"),
                Column("lessons_learned", "Lessons learned", 50),
                remove,
            ],
            [(a.pk, _record_values(a, "kind", "role")) for a in section.activity_list],
        ),
    ]
    for prefix, heading, hint, columns, rows in tables:
        sheet.line()
        sheet.line(heading, font=HEADING)
        sheet.line(hint, font=MUTED)
        sheet.table(prefix, columns, rows, blank=BLANK_ROWS[prefix])
    sheet.line()
    sheet.line("Narratives", font=HEADING)
    sheet.field(
        "lessons_learned",
        "Lessons learned from initiatives and APEC activities",
        report.lessons_learned,
    )
    sheet.field(
        "broader_priorities_contribution",
        "Contribution to broader APEC priorities",
        report.broader_priorities_contribution,
    )
    chosen = {priority.pk for priority in section.broader_priority_list}
    for priority in catalogue.broader_priorities:
        sheet.field(
            f"broader_priorities:{priority.pk}",
            f"Your work contributed to: {priority.name}",
            YES if priority.pk in chosen else "",
            YES_NO_LIST,
        )
    sheet.widths.update({3: 40})


def _record_values(record, *choice_fields: str) -> dict:
    values = {"title": record.title}
    for name in ("where", "description", "lessons_learned"):
        if hasattr(record, name):
            values[name] = getattr(record, name)
    for name in (*choice_fields, "area"):
        field = record._meta.get_field(name)
        if field.is_relation:
            related = getattr(record, name)
            values[name] = str(related) if related is not None else ""
        else:
            values[name] = getattr(record, f"get_{name}_display")() if getattr(record, name) else ""
    return values


# The other sheets ------------------------------------------------------------------------------


def _lists(workbook: Workbook, catalogue: Catalogue) -> dict[str, str]:
    """The drop-down lists, one column each on a hidden sheet; their ranges by name."""
    lists = {
        "assessment": [label for _value, label in Assessment.choices],
        "initiative_kind": [label for _value, label in Initiative.Kind.choices],
        "direction": [label for _value, label in BestPractice.Direction.choices],
        "partner_kind": [label for _value, label in DialogueSession.Partner.choices],
        "activity_kind": [label for _value, label in ApecActivity.Kind.choices],
        "role": [label for _value, label in ApecActivity.Role.choices],
        "area": [str(area) for area in catalogue.areas],
        "forum": [str(forum) for forum in catalogue.forums],
    }
    ws = workbook.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ranges = {}
    for index, (name, labels) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        put(ws.cell(1, index), name)
        for row, label in enumerate(labels, start=2):
            put(ws.cell(row, index), label)
        # An empty list still needs a range: one empty cell.
        ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(len(labels), 1) + 1}"
    protect(ws)
    return ranges


def _meta(workbook: Workbook, report: EconomyReport, sections: list[ReportSection]) -> None:
    ws = workbook.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    rows = [
        ("format", FORMAT),
        ("plan", report.cycle.plan.code),
        ("economy", report.economy.code),
        ("economy_name", str(report.economy)),
        ("year", report.cycle.year),
        ("report", report.pk),
        ("downloaded", timezone.now().isoformat(timespec="seconds")),
        *[(f"version:{section.slug}", section.version) for section in sections],
    ]
    for row, (key, value) in enumerate(rows, start=1):
        put(ws.cell(row, 1), key)
        put(ws.cell(row, 2), value)
    protect(ws)


def _instructions(ws: Worksheet, report, sections, previous, user: User) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 110
    when = local_time(timezone.now())
    lines = [
        (f"{report.economy}: {report.cycle.year} annual report to the SMEWG", TITLE),
        (
            f"Strategic plan {report.cycle.plan.code} · status when downloaded: "
            f"{report.get_status_display()} · downloaded {when} by "
            f"{user.get_full_name() or user.username}",
            MUTED,
        ),
        ("", None),
        ("How to fill in this workbook", HEADING),
        (
            "1. Each priority area has its own sheet, and the general indicators one more. Grey "
            "cells are the plan's text and last year's figures: they are locked. Type in the "
            "white cells with a border.",
            None,
        ),
        (
            "2. Choose assessments, types, target groups and the other choices from the "
            "drop-down lists; Yes/No cells take Yes, or stay empty for No.",
            None,
        ),
        (
            "3. Values are plain numbers (12.5, not “12.5%”): the unit goes in its own column, and "
            "the reference year is the year the value refers to.",
            None,
        ),
        (
            "4. Add an initiative or a record in the empty rows under its table. To delete one, "
            "choose Yes under “Remove”. Leave the hidden rows and columns as they are: they tell "
            "the site which row is which.",
            None,
        ),
        (
            "5. “Section complete”: Yes checks that every answer a complete section needs is "
            "there, like “Save and continue” on the site; No saves the section as a draft.",
            None,
        ),
        (
            "6. Upload the workbook on the report's page. You will see every change against the "
            "report on the site, and every cell that needs fixing, before anything is saved.",
            None,
        ),
        (
            "Figures from several ministries? Send each ministry this workbook, or copy their "
            "figures into it: only one workbook can be uploaded at a time, and the last one "
            "uploaded wins for the cells it changes.",
            MUTED,
        ),
        ("", None),
        ("Sheets", HEADING),
        *[(f"{sheet_title(section)}: {section.title}", None) for section in sections],
        ("", None),
        (
            f"Last year's figures: {report.economy}'s accepted {previous.cycle.year} report."
            if previous
            else "Last year's figures: none (no accepted report of an earlier year).",
            MUTED,
        ),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row, 1)
        put(cell, text)
        cell.alignment = WRAP
        if font is not None:
            cell.font = font
    protect(ws)

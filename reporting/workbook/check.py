"""What an uploaded workbook would change in the report, and which of its cells are wrong.

Each section sheet becomes the data the section's page would post: the section as it is now,
with what the workbook says laid over it. The section forms then judge that data, with the page's
rules and messages, and each error is traced back to the sheet, row and column it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from reporting.reports.caps import ENTRY_PREFIX
from reporting.reports.forms import choice_pairs
from reporting.reports.models import EconomyReport, ReportSection
from reporting.reports.numbers import plain_number
from reporting.reports.sections import SectionForms
from reporting.workbook.commitments import SHEET, FollowUpRow, review_follow_ups
from reporting.workbook.layout import NO, NO_WORDS, YES, YES_WORDS

RECORD_NAMES = {
    "entries": "Measure",
    "initiatives": "Initiative",
    "best_practices": "Best practice",
    "dialogues": "Dialogue session",
    "apec_activities": "APEC activity",
}
NEW_RECORD_NAMES = {
    "initiatives": "New initiative",
    "best_practices": "New best practice",
    "dialogues": "New dialogue session",
    "apec_activities": "New APEC activity",
}
NOT_YES_OR_NO = "Choose Yes or No from the list, or leave the cell empty for No."


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    row: int | None
    what: str
    field: str
    before: str
    after: str


@dataclass
class SectionReview:
    section: ReportSection
    sheet: str
    forms: SectionForms
    complete: bool
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Saved on the site after the workbook was downloaded: the upload would overwrite that.
    changed_since_download: bool = False


@dataclass
class UploadCheck:
    sections: list[SectionReview]
    problems: list[Problem]
    # What the Commitments sheet changes of the follow-ups (reporting/workbook/commitments.py).
    follow_ups: list[FollowUpRow] = field(default_factory=list)

    @property
    def to_save(self) -> list[SectionReview]:
        return [item for item in self.sections if item.changes]

    @property
    def change_count(self) -> int:
        return sum(len(item.changes) for item in self.sections) + len(self.follow_ups)


def check_upload(
    *, report: EconomyReport, sections: list[ReportSection], upload: dict
) -> UploadCheck:
    """The changes and problems of every section sheet of the upload, in the report's order."""
    problems = [Problem(**problem) for problem in upload["problems"]]
    known = {section.slug for section in sections}
    for slug, sheet in upload["sections"].items():
        if slug not in known:
            problems.append(
                Problem(
                    sheet["sheet"],
                    1,
                    "",
                    "This sheet is not a section of this report: download the workbook again.",
                )
            )
    reviews = []
    for section in sections:
        sheet = upload["sections"].get(section.slug)
        if sheet is None:
            continue  # a section whose sheet was removed stays as it is
        section.report = report
        item = SectionReader(section, sheet).review()
        downloaded = upload["versions"].get(section.slug)
        item.changed_since_download = downloaded is not None and downloaded != section.version
        reviews.append(item)
        problems.extend(item.problems)
    follow_ups, wrong = review_follow_ups(report, upload.get("follow_ups", []))
    problems.extend(Problem(SHEET, row, column, message) for row, column, message in wrong)
    return UploadCheck(sections=reviews, problems=problems, follow_ups=follow_ups)


class SectionReader:
    """Lays one sheet over its section's current data and validates it with the section forms."""

    def __init__(self, section: ReportSection, sheet: dict):
        self.section = section
        self.sheet = sheet
        self.fields: dict[str, dict] = sheet["fields"]
        self.problems: list[Problem] = []
        self.rows: dict[tuple[str, int], int] = {}  # (formset prefix, form index) -> sheet row

    def review(self) -> SectionReview:
        section = self.section
        current = SectionForms(section, add_blank=False)
        data = form_data(current)
        formsets = {formset.prefix: formset for formset in current.formsets}
        empty_forms = {prefix: formset.empty_form for prefix, formset in formsets.items()}
        counts = {prefix: int(data[f"{prefix}-TOTAL_FORMS"]) for prefix in formsets}
        ids = {
            prefix: {data[f"{prefix}-{index}-id"]: index for index in range(count)}
            for prefix, count in counts.items()
        }

        was_complete = section.state == ReportSection.State.COMPLETED
        complete = self._field_flag("complete", was_complete)
        if self._field_flag("nothing_to_report", section.nothing_to_report):
            data["nothing_to_report"] = "on"
        else:
            data.pop("nothing_to_report", None)
        if current.narrative is not None:
            self._narrative(current.narrative, data)
        for row in self.sheet["rows"]:
            prefix = row["prefix"]
            if prefix not in formsets:
                self._problem(row["row"], "", "This row does not belong on this sheet.")
                continue
            index = self._index(row, formsets[prefix], ids[prefix], counts, data)
            if index is not None:
                self.rows[(prefix, index)] = row["row"]
                self._cells(row, prefix, index, empty_forms[prefix], data)
        for prefix, count in counts.items():
            data[f"{prefix}-TOTAL_FORMS"] = str(count)

        bound = SectionForms(section, data=data, require_complete=complete, add_blank=False)
        bound.is_valid()
        self._form_problems(bound)
        self.problems.sort(key=reading_order)
        return SectionReview(
            section=section,
            sheet=self.sheet["sheet"],
            forms=bound,
            complete=complete,
            changes=self._changes(bound, data, complete, was_complete),
            problems=self.problems,
        )

    # Reading the sheet ------------------------------------------------------------------------

    def _problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(self.sheet["sheet"], row, column, message))

    def _flag(self, text: str, row: int, column: str) -> bool | None:
        word = text.strip().casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        self._problem(row, column, NOT_YES_OR_NO)
        return None

    def _field_flag(self, name: str, default: bool) -> bool:
        item = self.fields.get(name)
        if item is None:
            return default
        flag = self._flag(item["value"], item["row"], item["column"])
        return default if flag is None else flag

    def _narrative(self, form: forms.ModelForm, data: dict) -> None:
        for name in ("lessons_learned", "broader_priorities_contribution"):
            if name in self.fields:
                data[name] = same_text_or(self.fields[name]["value"], data.get(name))
        chosen = set(data.get("broader_priorities", []))
        for key, item in self.fields.items():
            name, _, pk = key.partition(":")
            if name == "broader_priorities" and pk:
                flag = self._flag(item["value"], item["row"], item["column"])
                if flag is not None:
                    (chosen.add if flag else chosen.discard)(pk)
        data["broader_priorities"] = sorted(chosen)

    def _index(self, row: dict, formset, ids: dict, counts: dict, data: dict) -> int | None:
        """The form the row fills: its record's, or a new one."""
        prefix = formset.prefix
        if row["id"]:
            index = ids.get(row["id"])
            if index is None:
                self._problem(
                    row["row"],
                    "",
                    "This row is no longer part of the report: it was removed on the site after "
                    "the workbook was downloaded, or copied from another workbook. Download the "
                    "workbook again and copy your answers into it.",
                )
                return None
            if (prefix, index) in self.rows:
                self._problem(row["row"], "", f"This row repeats row {self.rows[(prefix, index)]}.")
                return None
            return index
        if not formset.can_delete:
            self._problem(
                row["row"],
                "",
                "Measures of progress come from the plan: rows cannot be added to their table.",
            )
            return None
        if row["cells"].get("DELETE", "").strip().casefold() in YES_WORDS:
            return None  # a new row marked for removal: nothing to add
        index = counts[prefix]
        counts[prefix] += 1
        data.update(new_form_data(formset, index))
        return index

    def _cells(self, row: dict, prefix: str, index: int, empty_form, data: dict) -> None:
        columns = self.sheet["columns"].get(prefix, {})
        chosen: dict[str, set[str]] = {}
        for key, text in row["cells"].items():
            name, _, choice = key.partition(":")
            form_field = empty_form.fields.get(name)
            if form_field is None or name == "id":
                continue  # a column the form does not have: nothing of it is written
            target = f"{prefix}-{index}-{name}"
            if choice:
                flag = self._flag(text, row["row"], columns.get(key, ""))
                if flag is not None:
                    selected = chosen.setdefault(name, set(data.get(target) or []))
                    (selected.add if flag else selected.discard)(choice)
            elif name == "DELETE":
                if self._flag(text, row["row"], columns.get(key, "")):
                    data[target] = "on"
                else:
                    data.pop(target, None)
            elif isinstance(form_field, forms.ChoiceField):
                data[target] = choice_value(form_field, text)
            else:
                data[target] = same_text_or(text, data.get(target))
        for name, selected in chosen.items():
            data[f"{prefix}-{index}-{name}"] = sorted(selected)

    # Judging it -------------------------------------------------------------------------------

    def _form_problems(self, bound: SectionForms) -> None:
        for name, messages in bound.state.errors.items():
            item = self.fields.get(name) or self.fields.get("complete") or {}
            for message in messages:
                self._problem(item.get("row"), item.get("column", ""), str(message))
        for formset in bound.formsets:
            prefix = formset.prefix
            for message in formset.non_form_errors():
                self._problem(None, "", message)
            for index, form in enumerate(formset.forms):
                row = self.rows.get((prefix, index))
                for name, messages in form.errors.items():
                    column = self._column(prefix, name, form)
                    for message in messages:
                        if row is None:
                            # The record is not in the workbook: say which one it is.
                            message = f"{self._record(prefix, form.instance)}: {message}"
                        self._problem(row, column, message)
        if bound.narrative is not None:
            for name, messages in bound.narrative.errors.items():
                item = self.fields.get(name) or next(
                    (v for k, v in self.fields.items() if k.startswith(f"{name}:")), {}
                )
                for message in messages:
                    self._problem(item.get("row"), item.get("column", ""), str(message))

    def _column(self, prefix: str, name: str, form) -> str:
        columns = self.sheet["columns"].get(prefix, {})
        if name in columns:
            return columns[name]
        for key, column in columns.items():
            if key.startswith(f"{name}:"):
                # The first of the field's Yes/No columns, named by the field.
                label = form.fields[name].label if name in form.fields else name
                return f"{column.split(' ', 1)[0]} ({label})"
        return ""

    def _record(self, prefix: str, instance) -> str:
        area = self.section.area
        if prefix == ENTRY_PREFIX and area is not None:  # entries are records of an area
            measure = instance.measure
            return f"Measure {area.number}.{measure.number}: {measure.text}"
        return f"{RECORD_NAMES[prefix]} “{instance.title or 'untitled'}”"

    def _changes(self, bound: SectionForms, data: dict, complete: bool, was_complete: bool):
        section = self.section
        changes = []
        nothing = "nothing_to_report" in data
        if nothing != section.nothing_to_report:
            changes.append(
                Change(
                    self.fields.get("nothing_to_report", {}).get("row"),
                    "Section",
                    "Nothing to report",
                    yes_no(section.nothing_to_report),
                    yes_no(nothing),
                )
            )
        for formset in bound.formsets:
            prefix = formset.prefix
            initial_count = formset.initial_form_count()
            for index, form in enumerate(formset.forms):
                row = self.rows.get((prefix, index))
                if index < initial_count:
                    what = self._record(prefix, form.instance)
                    if getattr(form, "cleaned_data", {}).get("DELETE"):
                        changes.append(Change(row, what, "Removed", "", ""))
                    else:
                        changes.extend(field_changes(form, row, what))
                elif form.has_changed():
                    changes.extend(field_changes(form, row, NEW_RECORD_NAMES[prefix], new=True))
        if bound.narrative is not None:
            for name in bound.narrative.fields:
                item = self.fields.get(name) or {}
                changes.extend(
                    field_changes(bound.narrative, item.get("row"), "Narratives", only=name)
                )
        if changes or complete != was_complete:
            state = ReportSection.State.COMPLETED if complete else ReportSection.State.IN_PROGRESS
            if state != section.state:
                changes.append(
                    Change(
                        self.fields.get("complete", {}).get("row"),
                        "Section",
                        "Status",
                        section.get_state_display(),
                        state.label,
                    )
                )
        return changes


# Helpers ---------------------------------------------------------------------------------------


def posted(value) -> str | list[str] | None:
    """A field's value as a browser would post it (None: not posted at all)."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def form_data(section_forms: SectionForms) -> dict:
    """The POST data of the section's page, unchanged."""
    data: dict[str, str | list[str]] = {}
    for form in section_forms.all_forms:
        subforms = [form]
        if isinstance(form, forms.BaseFormSet):
            for bound_field in form.management_form:
                data[bound_field.html_name] = str(bound_field.value())
            subforms = form.forms
        for subform in subforms:
            for bound_field in subform:
                value = posted(bound_field.value())
                if value is not None:
                    data[bound_field.html_name] = value
    return data


def new_form_data(formset, index: int) -> dict:
    """A new form's starting values (the defaults the page would show)."""
    data = {}
    for bound_field in formset.empty_form:
        value = posted(bound_field.value())
        if value is not None and bound_field.name not in {"id", "DELETE"}:
            data[f"{formset.prefix}-{index}-{bound_field.name}"] = value
    return data


def normal_text(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def same_text_or(text: str, current) -> str:
    """The current value where the cell says the same (Excel drops carriage returns)."""
    if isinstance(current, str) and normal_text(current) == normal_text(text):
        return current
    return text


def choice_value(form_field: forms.ChoiceField, text: str) -> str:
    """The value of the choice a cell names by its label (or by its value); anything else is
    passed on for the form to refuse with its own message."""
    wanted = text.strip().casefold()
    if not wanted:
        return ""
    for value, label in choice_pairs(form_field):
        if wanted in (str(label).casefold(), str(value).casefold()):
            return str(value)
    return text.strip()


def reading_order(problem: Problem) -> tuple:
    """Row by row, and left to right within a row (column B before AA)."""
    letters = problem.column.split(" ", 1)[0]
    return (problem.row or 0, len(letters), letters)


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def shown(form_field, value) -> str:
    """A field's value as the preview prints it: choices by their labels, numbers plainly."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(form_field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        keys = {str(getattr(item, "pk", item)) for item in value}
        return ", ".join(
            str(label) for option, label in choice_pairs(form_field) if str(option) in keys
        )
    if isinstance(form_field, forms.ChoiceField):
        key = str(getattr(value, "pk", value))
        labels = (str(label) for option, label in choice_pairs(form_field) if str(option) == key)
        return next(labels, key)
    if isinstance(value, Decimal):
        return plain_number(value)
    return normal_text(str(value))


def field_changes(form, row, what: str, *, new: bool = False, only: str | None = None):
    cleaned = getattr(form, "cleaned_data", {})
    for name, form_field in form.fields.items():
        if name in {"id", "DELETE"} or (only and name != only):
            continue
        before = "" if new else shown(form_field, form.initial.get(name))
        after = shown(form_field, cleaned[name] if name in cleaned else form[name].data)
        if before != after:
            yield Change(row, what, str(form_field.label or name), before, after)

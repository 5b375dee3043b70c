"""The forms of a report: one per kind of row of a section (an entry, an initiative, a record),
the section's own state, and the steps of the workflow (start, return, reopen) and the queue's
filter. A section's forms taken together are in reporting/reports/sections.py.

“Save draft” checks only that what was typed is well formed (a number is a number, a link is a
link); “Save and continue” also asks for what a complete section needs (reporting/completeness).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Model

from reporting.reports import completeness
from reporting.reports.evidence import EvidenceFormMixin
from reporting.reports.fields import PageChoiceField, PageMultipleChoiceField
from reporting.reports.models import (
    NOT_IN_HISTORY,
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportSection,
    ReportStatus,
)
from reporting.reports.numbers import FlexibleDecimalField
from reporting.reports.rows import RowWrite

EMPTY_CHOICE_LABEL = "Not chosen yet"


def choice_pairs(field: forms.ChoiceField) -> Iterable[tuple[Any, Any]]:
    """The field's (value, label) pairs. Django keeps choices as pairs once they are set; its
    stubs type them as anything that may be set (a mapping, a Choices class, a callable)."""
    return cast(Iterable[tuple[Any, Any]], field.choices)


class CompletableForm(forms.ModelForm):
    """A form of one row of a section: checks completeness only when the section is being
    completed, and knows what of its row changed (`row_write`)."""

    def __init__(self, *args, require_complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_complete = require_complete
        # The row as read, to write back only what changed.
        self.stored = stored_values(self.instance) if self.instance.pk is not None else {}

    def _get_validation_exclusions(self):
        # Django's ModelForm asks this of which fields the model leaves unchecked. A row chosen
        # among the page's rows exists: the model's check of a foreign key would look it up in
        # the database again, once per form.
        exclude = super()._get_validation_exclusions()  # type: ignore[misc]
        for name, field in self.fields.items():
            if isinstance(field, PageChoiceField) and field.page_rows is not None:
                exclude.add(name)
        return exclude

    def completion_problems(self, cleaned: dict) -> dict[str, str]:
        return {}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.require_complete and not cleaned.get("DELETE"):
            for name, message in self.completion_problems(cleaned).items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def row_write(self) -> RowWrite | None:
        """What saving writes of the (validated) row: all of a new one; of a stored one, the
        fields and choices that changed, or None when nothing did."""
        record = self.instance
        many = [f.name for f in record._meta.many_to_many if f.name in self.fields]
        choices = {name: {row.pk for row in self.cleaned_data.get(name) or []} for name in many}
        if record.pk is None:
            return RowWrite(record, new=True, choices=choices)
        before = {name: {row.pk for row in self.initial.get(name) or []} for name in many}
        fields = [
            f.name
            for f in record._meta.concrete_fields
            if f.attname in self.stored and getattr(record, f.attname) != self.stored[f.attname]
        ]
        if not fields and choices == before:
            return None
        return RowWrite(record, new=False, fields=fields, choices=choices, before=before)


def offer_choices(fields: dict[str, forms.Field], choices: dict[str, Any]) -> None:
    """Give the fields of a page's form class their choices, once for the page, before each of
    its forms copies them: the lists read for the page (`choices`), and “Not chosen yet” for
    an empty choice."""
    for field in fields.values():
        if isinstance(field, forms.TypedChoiceField):
            options = list(choice_pairs(field))
            if options[:1] == [("", "---------")]:
                field.choices = [("", EMPTY_CHOICE_LABEL), *options[1:]]
    for name, options in choices.items():
        chosen = fields.get(name)
        if isinstance(chosen, PageChoiceField | PageMultipleChoiceField):
            chosen.use(options)
        elif chosen is not None:
            cast(forms.ChoiceField, chosen).choices = options


def stored_values(record: Model) -> dict[str, Any]:
    """The row's values as read, but for its key and what the save does not write."""
    return {
        f.attname: getattr(record, f.attname)
        for f in record._meta.concrete_fields
        if not f.primary_key and f.name not in NOT_IN_HISTORY
    }


class MeasureEntryForm(EvidenceFormMixin, CompletableForm):
    if TYPE_CHECKING:
        instance: MeasureEntry

    value = FlexibleDecimalField(
        label="Value",
        required=False,
        max_digits=18,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
    )
    # A qualitative measure is answered with an assessment and a narrative only.
    NOT_QUALITATIVE = ("value", "unit", "reference_year", "source", "confirmed_reason")

    class Meta:
        model = MeasureEntry
        fields = [
            "value",
            "unit",
            "reference_year",
            "source",
            "assessment",
            "narrative",
            "confirmed_reason",
            "members_only",
        ]
        widgets = {
            "value": forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
            "unit": forms.TextInput(attrs={"class": "input--short"}),
            "reference_year": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "input--year"}
            ),
            "narrative": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "reference_year": {"invalid": "Enter the year as four digits, like 2025."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.measure_id:
            self._offer_units(self.instance.measure)
        if self.is_qualitative:
            for name in self.NOT_QUALITATIVE:
                del self.fields[name]
        value = self.instance.value
        if value is not None:
            # 12.5, not 12.5000 (the column keeps four decimal places).
            self.initial["value"] = (
                format(value, "f").rstrip("0").rstrip(".")
                if "." in format(value, "f")
                else format(value, "f")
            )

    def _offer_units(self, measure) -> None:
        """Only the units the catalogue allows for the measure (its own first). A unit stored
        before units were fixed stays on offer, so that saving the page again refuses it with
        a message instead of quietly reading the value in another unit."""
        units = measure.allowed_units
        current = self.instance.unit
        choices = [(unit, unit or "No unit") for unit in units]
        if current and current not in units:
            choices.append((current, f"{current} (not allowed: choose another)"))
        self.fields["unit"].widget = forms.Select(choices=choices, attrs={"class": "input--short"})
        self.fields["unit"].help_text = (
            f"Values are stored in {measure.unit}." if len(units) > 1 else ""
        )

    @property
    def is_qualitative(self) -> bool:
        measure = self.instance.measure if self.instance.measure_id else None
        return measure is not None and measure.kind == measure.Kind.QUALITATIVE

    # What the data checks read: a change of any of them asks the delegate to confirm anew.
    CHECKED = ("value", "unit", "reference_year", "assessment")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        reason = cleaned.get("confirmed_reason", "")
        if (
            reason
            and self.stored
            and reason == self.stored["confirmed_reason"]
            and any(
                name in self.fields and (cleaned.get(name) or None) != (self.stored[name] or None)
                for name in self.CHECKED
            )
        ):
            # A confirmation holds for the figure confirmed, not for the one that replaced it.
            cleaned["confirmed_reason"] = ""
        return cleaned

    def completion_problems(self, cleaned):
        return completeness.entry_problems(
            assessment=cleaned.get("assessment"),
            value=cleaned.get("value"),
            reference_year=cleaned.get("reference_year"),
        )


class InitiativeForm(EvidenceFormMixin, CompletableForm):
    if TYPE_CHECKING:
        instance: Initiative

    evidence_url = forms.URLField(
        label="Evidence link",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"invalid": "Enter a full web address, like https://…"},
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "kind",
            "description",
            "objectives",
            "target_groups",
            "broader_priorities",
            "apec_project_code",
            "lessons_learned",
            "evidence_url",
            "members_only",
        ]
        field_classes = {
            "objectives": PageMultipleChoiceField,
            "target_groups": PageMultipleChoiceField,
            "broader_priorities": PageMultipleChoiceField,
        }
        widgets = {
            "objectives": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "broader_priorities": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 2}),
        }

    def completion_problems(self, cleaned):
        return completeness.initiative_problems(
            title=cleaned.get("title"),
            kind=cleaned.get("kind"),
            objective_count=len(cleaned.get("objectives") or []),
        )


class RecordForm(CompletableForm):
    prefix_name = ""

    def completion_problems(self, cleaned):
        return completeness.record_problems(self.prefix_name, cleaned)


class BestPracticeForm(RecordForm):
    prefix_name = "best_practices"

    class Meta:
        model = BestPractice
        fields = ["title", "direction", "area", "where", "description"]
        field_classes = {"area": PageChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class DialogueSessionForm(RecordForm):
    prefix_name = "dialogues"

    class Meta:
        model = DialogueSession
        fields = ["title", "partner_kind", "forum", "area", "where"]
        field_classes = {"forum": PageChoiceField, "area": PageChoiceField}


class ApecActivityForm(RecordForm):
    prefix_name = "apec_activities"

    class Meta:
        model = ApecActivity
        fields = ["title", "kind", "role", "area", "lessons_learned"]
        field_classes = {"area": PageChoiceField}
        widgets = {"lessons_learned": forms.Textarea(attrs={"rows": 2})}


class GeneralNarrativeForm(forms.ModelForm):
    TEXT_FIELDS = ["lessons_learned", "broader_priorities_contribution"]
    # The report's own fields that the section writes (the choices of priorities apart).
    SAVED_FIELDS = [*TEXT_FIELDS, "lessons_members_only"]

    class Meta:
        model = EconomyReport
        fields = [
            "lessons_learned",
            "lessons_members_only",
            "broader_priorities_contribution",
            "broader_priorities",
        ]
        field_classes = {"broader_priorities": PageMultipleChoiceField}
        widgets = {
            "lessons_learned": forms.Textarea(attrs={"rows": 4}),
            "broader_priorities_contribution": forms.Textarea(attrs={"rows": 4}),
            "broader_priorities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(PageMultipleChoiceField, self.fields["broader_priorities"]).use(
            choices["broader_priorities"]
        )


class SectionStateForm(forms.Form):
    nothing_to_report = forms.BooleanField(
        required=False, label="Nothing to report for this section this year"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comments_addressed = forms.BooleanField(
        required=False, label="I have addressed the program director's comments on this section"
    )
    reply = forms.CharField(
        label="Reply to the program director (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should the economy change?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter your comments for the economy."},
    )

    def __init__(self, *args, sections: list[ReportSection], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=f"Comments on {section.title} (optional)",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def section_comments(self) -> dict[int, str]:
        return {section.pk: self.cleaned_data[f"section_{section.pk}"] for section in self.sections}


class StartReportForm(forms.Form):
    prefill = forms.BooleanField(
        required=False,
        label="Start from our last accepted report (values, assessments and initiatives)",
    )


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label="Why is the report reopened?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(required=False)
    # Typed, not chosen from a list: the list would grow with the economies.
    economy = forms.CharField(
        required=False,
        max_length=60,
        label="Economy",
        help_text="Its code or a part of its name, e.g. CHL or Korea",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", "All"),
            ("missing", "Not started"),
            *ReportStatus.choices,
        ]

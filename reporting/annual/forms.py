"""The annual report's forms: the director's text, the meeting it is presented at, and the
reason to reopen it."""

from __future__ import annotations

from typing import Any

from django import forms

from plans.models import Meeting
from reporting.annual.models import AnnualReport
from reporting.documents.forms import DocumentTextForm, narrative_field

OTHER = "other"


class AnnualTextForm(DocumentTextForm):
    introduction = narrative_field("Introduction", rows=8)

    def __init__(self, data=None, *, report: AnnualReport, comments: list):
        """`comments`: (area, text) for every area of the plan."""
        super().__init__(
            data, initial={"version": report.version, "introduction": report.introduction}
        )
        self.area_names: list[tuple] = []
        for area, text in comments:
            key = f"area{area.number}-comment"
            self.fields[key] = narrative_field(f"Comment on priority area {area.number}")
            self.initial[key] = text
            self.area_names.append((area, key))

    @property
    def areas(self) -> list[tuple]:
        return [(area, self[key]) for area, key in self.area_names]

    def texts(self) -> dict[str, Any]:
        comments = {area.pk: self.cleaned_data[key] for area, key in self.area_names}
        return {"introduction": self.cleaned_data["introduction"], "comments": comments}


class FreezeForm(forms.Form):
    """Which meeting the report is presented at: one of the year's meetings, or in words."""

    meeting = forms.ChoiceField(
        label="Presented at",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting the report is presented at."},
    )
    presented_at = forms.CharField(
        label="Another meeting: which one?",
        required=False,
        max_length=200,
        help_text="For example “Presented at the 59th SMEWG meeting”.",
        widget=forms.TextInput(attrs={"class": "input"}),
    )

    def __init__(self, data=None, *, meetings: list[Meeting]):
        super().__init__(data)
        self.meetings = {str(meeting.pk): meeting for meeting in meetings}
        choices = [(key, f"The {meeting}") for key, meeting in self.meetings.items()]
        field = self.fields["meeting"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*choices, (OTHER, "Another meeting (write it below)")]
        if not meetings:
            field.initial = OTHER

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("meeting") == OTHER and not data.get("presented_at", "").strip():
            self.add_error("presented_at", "Write the meeting the report is presented at.")
        return data

    def chosen(self) -> tuple[Meeting | None, str]:
        key = self.cleaned_data["meeting"]
        if key == OTHER:
            return None, self.cleaned_data["presented_at"]
        return self.meetings[key], ""

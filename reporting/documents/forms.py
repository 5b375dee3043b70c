"""The forms and form fields the annual report and the review share."""

from __future__ import annotations

from typing import Any

from django import forms

from reporting.reports.models import NARRATIVE_LIMIT


def narrative_field(label: str, rows: int = 4, help_text: str = "") -> forms.CharField:
    """A text of the document's author, optional and as long as a report's narrative may be."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=NARRATIVE_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "class": "textarea"}),
    )


def reopen_form(noun: str) -> type[forms.Form]:
    """The form of the reason a final document (“report”, “review”) is reopened for."""

    class ReopenForm(forms.Form):
        reason = forms.CharField(
            label=f"Why reopen the {noun}?",
            max_length=1000,
            help_text=f"Kept in the {noun}'s history. The {noun} will follow the live data again.",
            widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}),
        )

    return ReopenForm


class DocumentTextForm(forms.Form):
    """The page's text of a document, with the version it was read at (optimistic
    concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def texts(self) -> dict[str, Any]:
        """The valid form's texts, as the feature's save service takes them."""
        raise NotImplementedError

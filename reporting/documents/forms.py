"""The form fields the annual report and the review share."""

from __future__ import annotations

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

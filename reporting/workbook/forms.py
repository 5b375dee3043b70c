from __future__ import annotations

import hashlib
import json

from django import forms

from reporting.reports.models import EconomyReport
from reporting.workbook.layout import MAX_UPLOAD_BYTES
from reporting.workbook.parse import WorkbookRefused, read_upload


def upload_digest(upload: dict) -> str:
    """Names one upload, so that a confirmation applies the upload its preview showed."""
    return hashlib.sha256(json.dumps(upload, sort_keys=True).encode()).hexdigest()


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the filled-in workbook",
        help_text="The .xlsx file downloaded from this report, at most 5 MB.",
        error_messages={
            "required": "Choose the workbook to upload.",
            "empty": "The file is empty: choose the filled-in workbook.",
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def __init__(self, *args, report: EconomyReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB: a report workbook is at most "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Upload the workbook downloaded from "
                "this page."
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "The file must be an Excel workbook (.xlsx). Download the report's workbook "
                "from this page, fill it in, and upload it as .xlsx."
            )
        try:
            self.cleaned_data["upload"] = read_upload(upload.read(), report=self.report)
        except WorkbookRefused as refused:
            raise forms.ValidationError(str(refused)) from refused
        return upload


class WorkbookConfirmForm(forms.Form):
    """The preview's promise: this upload, over the sections at these versions."""

    upload = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, slugs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.slugs = slugs
        for slug in slugs:
            self.fields[f"version-{slug}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0
            )

    def versions(self) -> dict[str, int]:
        return {slug: self.cleaned_data[f"version-{slug}"] for slug in self.slugs}

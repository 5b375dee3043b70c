"""Evidence files: the documents behind a figure or an initiative.

Up to five per measure entry and per initiative, 10 MB each, of five kinds told apart by their
content, not their names: PDF, Word (.docx), Excel (.xlsx), PNG and JPEG. They are kept through
Django's storage API (settings.STORAGES["evidence"]) and read only through the report's
access-checked download view.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db import transaction

from reporting.reports.caps import MAX_FILES
from reporting.reports.models import EconomyReport, EvidenceFile, Initiative, MeasureEntry

MAX_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", ("pdf",))
DOCX = Kind(
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = Kind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
PNG = Kind("PNG", "image/png", ("png",))
JPEG = Kind("JPEG", "image/jpeg", ("jpg", "jpeg"))
ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
ALLOWED_TEXT = "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG"


def sniff(upload) -> Kind | None:
    """The kind of file the content says it is, or None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        finally:
            upload.seek(0)
        if DOCX_MAIN in types:
            return DOCX
        if XLSX_MAIN in types:
            return XLSX
    return None


def check_file(upload) -> Kind:
    """The file's kind, or a ValidationError saying why it cannot be kept."""
    name = upload.name or "the file"
    if upload.size > MAX_BYTES:
        size = upload.size / (1024 * 1024)
        raise forms.ValidationError(
            f"“{name}” is {size:.1f} MB: a file can be at most 10 MB.", code="too_big"
        )
    kind = sniff(upload)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None or extension not in kind.extensions:
        raise forms.ValidationError(
            f"“{name}” is not a {ALLOWED_TEXT} file: only those can be attached.",
            code="file_type",
        )
    return kind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once; each checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ACCEPT

    def has_changed(self, initial, data) -> bool:
        # An empty file input does not make a blank row a new record.
        return bool(data)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(EvidenceField, self).clean(item, initial) for item in files]
        cleaned = [item for item in cleaned if item]
        errors = []
        for upload in cleaned:
            try:
                upload.evidence_kind = check_file(upload)
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class EvidenceFormMixin(forms.Form):
    """Adds “attach files” and “remove files” to the form of a measure entry or an
    initiative; `save_evidence` keeps them once the record is saved."""

    evidence = EvidenceField(
        label="Evidence files",
        help_text=f"Up to {MAX_FILES} files, {ALLOWED_TEXT}, 10 MB each.",
    )
    evidence_remove = forms.MultipleChoiceField(
        label="Remove these files", required=False, widget=forms.CheckboxSelectMultiple
    )

    if TYPE_CHECKING:
        # The model form's record: this mixin is for the forms of these two only.
        instance: MeasureEntry | Initiative

    def __init__(self, *args, with_evidence: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_evidence:
            del self.fields["evidence"], self.fields["evidence_remove"]
            self.evidence_files = []
            return
        self.evidence_files = (
            list(self.instance.evidence.all()) if self.instance.pk is not None else []
        )
        cast(forms.MultipleChoiceField, self.fields["evidence_remove"]).choices = [
            (str(item.pk), item.name) for item in self.evidence_files
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "evidence" not in self.fields:
            return cleaned
        added = cleaned.get("evidence") or []
        removed = set(cleaned.get("evidence_remove") or [])
        kept = len(self.evidence_files) - len(removed)
        if added and kept + len(added) > MAX_FILES and "evidence" not in self.errors:
            self.add_error(
                "evidence",
                f"Attach at most {MAX_FILES} files here: there would be {kept + len(added)}. "
                "Remove one first.",
            )
        return cleaned

    def save_evidence(self, *, report: EconomyReport, user: User) -> None:
        """Called after the record itself is saved, in the same transaction."""
        removed = set(self.cleaned_data.get("evidence_remove") or [])
        for item in self.evidence_files:
            if str(item.pk) in removed:
                evidence_delete(evidence=item)
        for upload in self.cleaned_data.get("evidence") or []:
            evidence_add(report=report, record=self.instance, upload=upload, user=user)


def evidence_add(*, report: EconomyReport, record, upload, user: User) -> EvidenceFile:
    kind = getattr(upload, "evidence_kind", None) or check_file(upload)
    link = "initiative" if record._meta.model_name == "initiative" else "entry"
    evidence = EvidenceFile(
        report=report,
        name=upload.name[:200],
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
        **{link: record},
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


def evidence_delete(*, evidence: EvidenceFile) -> None:
    """Delete the record (its history keeps the name, size and who) and, once the deletion is
    committed, the stored file."""
    storage, name = evidence.file.storage, evidence.file.name
    assert name is not None  # the file is required: every record has one
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))

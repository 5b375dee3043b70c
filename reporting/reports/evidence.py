"""Evidence files: the documents behind a figure or an initiative.

Up to five per measure entry and per initiative, 10 MB each, of five kinds told apart by their
content, not their names: PDF, Word (.docx), Excel (.xlsx), PNG and JPEG. They are kept through
Django's storage API (settings.STORAGES["evidence"]) and read only through the report's
access-checked download view.

A file chosen on a section's page is stored before the section is saved, as a pending upload of
the person who chose it (`uploads_hold`): if the save does not go through (a mistake elsewhere
on the page, a colleague's save first), the page shows it again, ticked, and the next save
attaches it; the storage is written outside the report's lock either way. Pending uploads are
capped per person and deleted after PENDING_DAYS if never attached.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from reporting.reports.caps import MAX_FILES
from reporting.reports.models import (
    EconomyReport,
    EvidenceFile,
    Initiative,
    MeasureEntry,
    PendingUpload,
    ReportSection,
    evidence_storage,
)

MB = 1024 * 1024
MAX_BYTES = 10 * MB
# A file chosen on a page that was not saved waits this long to be attached, and a person's
# waiting files come to this much at most: more than three full pages of files.
PENDING_DAYS = 7
MAX_PENDING_BYTES = 200 * MB
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
    """Several files at once, each a file; what kind is checked by the form (EvidenceFormMixin),
    which keeps the good ones of a choice that has a bad one."""

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
        return [item for item in cleaned if item]


class EvidenceFormMixin(forms.Form):
    """Adds “attach files”, “remove files” and the files kept from an earlier try to the form of
    a measure entry or an initiative. `uploads` are the files chosen now that passed their
    checks; `pending_files` those stored already, to attach when the section saves."""

    evidence = EvidenceField(
        label="Evidence files",
        help_text=f"Up to {MAX_FILES} files, {ALLOWED_TEXT}, 10 MB each.",
    )
    evidence_remove = forms.MultipleChoiceField(
        label="Remove these files", required=False, widget=forms.CheckboxSelectMultiple
    )
    evidence_pending = forms.MultipleChoiceField(
        label="Files chosen before, not attached yet",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    if TYPE_CHECKING:
        # The model form's record: this mixin is for the forms of these two only.
        instance: MeasureEntry | Initiative

    def __init__(
        self,
        *args,
        with_evidence: bool = True,
        pending: dict[str, PendingUpload] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.uploads: list = []
        self.pending_files: list[PendingUpload] = []
        if not with_evidence:
            del self.fields["evidence"], self.fields["evidence_remove"]
            del self.fields["evidence_pending"]
            self.evidence_files = []
            return
        self.evidence_files = (
            list(self.instance.evidence.all()) if self.instance.pk is not None else []
        )
        cast(forms.MultipleChoiceField, self.fields["evidence_remove"]).choices = [
            (str(item.pk), item.name) for item in self.evidence_files
        ]
        # The files this row showed as kept, ticked: those still kept, and any other id (one
        # removed after PENDING_DAYS, or not this person's) to say it is no longer there.
        pending = pending or {}
        posted = self._posted("evidence_pending")
        self.pending_files = [pending[key] for key in posted if key in pending]
        cast(forms.MultipleChoiceField, self.fields["evidence_pending"]).choices = [
            (key, pending[key].name if key in pending else key) for key in posted
        ]

    def _posted(self, name: str) -> list[str]:
        if not self.is_bound:
            return []
        widget = self.fields[name].widget
        return [
            str(value)
            for value in widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            or []
        ]

    def clean_evidence(self) -> list:
        errors = []
        for upload in self.cleaned_data.get("evidence") or []:
            try:
                upload.evidence_kind = check_file(upload)
            except forms.ValidationError as error:
                errors.append(error)
            else:
                self.uploads.append(upload)
        if errors:
            raise forms.ValidationError(errors)
        return self.uploads

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "evidence" not in self.fields:
            return cleaned
        ticked = set(cleaned.get("evidence_pending") or [])
        self.pending_files = [item for item in self.pending_files if str(item.pk) in ticked]
        if len(self.pending_files) < len(ticked):
            self.add_error(
                "evidence_pending",
                "A file chosen before is no longer kept (files wait "
                f"{PENDING_DAYS} days to be attached): choose it again.",
            )
        removed = set(cleaned.get("evidence_remove") or [])
        kept = len(self.evidence_files) - len(removed) + len(self.pending_files)
        if self.uploads and kept + len(self.uploads) > MAX_FILES:
            names = ", ".join(f"“{upload.name}”" for upload in self.uploads)
            self.add_error(
                "evidence",
                f"Attach at most {MAX_FILES} files here: there would be "
                f"{kept + len(self.uploads)}. {names} {'was' if len(self.uploads) == 1 else 'were'}"
                " not kept: remove a file, then choose "
                f"{'it' if len(self.uploads) == 1 else 'them'} again.",
            )
            self.uploads = []
        return cleaned

    @property
    def removed_files(self) -> list[EvidenceFile]:
        removed = set(self.cleaned_data.get("evidence_remove") or [])
        return [item for item in self.evidence_files if str(item.pk) in removed]


def evidence_add(*, report: EconomyReport, record, upload, user: User) -> EvidenceFile:
    """One file on one record, at once: for writers outside a section's page (the tests)."""
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


def _prune_pending() -> None:
    """Delete the pending uploads nobody attached within PENDING_DAYS, and their files once
    that commits."""
    expired = PendingUpload.objects.filter(
        uploaded_at__lt=timezone.now() - datetime.timedelta(days=PENDING_DAYS)
    )
    names = list(expired.values_list("file", flat=True))
    if names:
        expired.delete()
        _delete_stored_on_commit(names)


def _delete_stored_on_commit(names: list[str]) -> None:
    storage = evidence_storage()

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def uploads_hold(
    *,
    report: EconomyReport,
    section: ReportSection,
    user: User,
    forms_: list[EvidenceFormMixin],
) -> bool:
    """Store the files chosen on a section's page as the person's pending uploads, before the
    section is validated as a whole or saved, so that none is lost if it is not. Each form's
    `uploads` move to its `pending_files`. False if a file was refused because the person's
    pending uploads would pass MAX_PENDING_BYTES (the form then says which, and why)."""
    chosen = [(form, upload) for form in forms_ for upload in form.uploads]
    if not chosen:
        return True
    with transaction.atomic():
        _prune_pending()
        waiting = PendingUpload.objects.filter(user=user).aggregate(total=Sum("size"))["total"] or 0
    kept, refused = [], False
    try:
        for form, upload in chosen:
            if waiting + upload.size > MAX_PENDING_BYTES:
                form.add_error(
                    "evidence",
                    f"“{upload.name}” was not kept: your files waiting to be attached to "
                    f"sections that were not saved come to {waiting / MB:.0f} MB, and at most "
                    f"{MAX_PENDING_BYTES / MB:.0f} MB can wait. Save this section without it, "
                    "then choose it again.",
                )
                refused = True
                continue
            waiting += upload.size
            pending = PendingUpload(
                report=report,
                section=section,
                user=user,
                name=upload.name[:200],
                content_type=upload.evidence_kind.content_type,
                size=upload.size,
            )
            # The storage is written here, before the section's save locks its report.
            pending.file.save(upload.name, upload, save=False)
            kept.append((form, pending))
        PendingUpload.objects.bulk_create([pending for _form, pending in kept])
    except BaseException:
        storage = evidence_storage()
        for _form, pending in kept:
            if pending.file.name:
                storage.delete(pending.file.name)
        raise
    for form, pending in kept:
        form.pending_files.append(pending)
    for form in forms_:
        form.uploads = []
    return not refused


def evidence_save(
    *,
    report: EconomyReport,
    user: User,
    forms_: list[EvidenceFormMixin],
    when: datetime.datetime,
) -> None:
    """Attach each form's pending files to its record and delete the files it removes, in the
    section's save (its records exist by now): a statement per kind of change, whatever the
    number of files. Each file's coming and going is kept in the history."""
    removed = [item for form in forms_ for item in form.removed_files]
    if removed:
        names = [item.file.name for item in removed if item.file.name]
        EvidenceFile.objects.filter(pk__in=[item.pk for item in removed], report=report).delete()
        _delete_stored_on_commit(names)
    attached = [(form, pending) for form in forms_ for pending in form.pending_files]
    if not attached:
        return
    files = [
        EvidenceFile(
            report=report,
            file=pending.file.name,
            name=pending.name,
            content_type=pending.content_type,
            size=pending.size,
            uploaded_at=when,
            uploaded_by=user,
            **{_link(form.instance): form.instance},
        )
        for form, pending in attached
    ]
    bulk_create_with_history(files, EvidenceFile, default_user=user, default_date=when)
    # The stored files now belong to the evidence rows: only the pending rows go.
    PendingUpload.objects.filter(pk__in=[pending.pk for _form, pending in attached]).delete()


def evidence_forget(*, model: type[Initiative] | type[MeasureEntry], ids: list[int]) -> None:
    """Before records are deleted: their evidence rows go with them (by cascade, each kept in
    the history), their stored files once the deletion commits."""
    files = EvidenceFile.objects.filter(**{f"{_link(model)}_id__in": ids})
    names = list(files.values_list("file", flat=True))
    if names:
        _delete_stored_on_commit(names)


def _link(record) -> str:
    """The field of an evidence file that names this kind of record."""
    return "initiative" if record._meta.model_name == "initiative" else "entry"


def evidence_delete(*, evidence: EvidenceFile) -> None:
    """Delete the record (its history keeps the name, size and who) and, once the deletion is
    committed, the stored file."""
    storage, name = evidence.file.storage, evidence.file.name
    assert name is not None  # the file is required: every record has one
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))

"""Evidence files and the uploads of a page whose save did not go through, in their own storage.
They name the records they belong to by label (`reporting.Initiative`): the records' module
declares the files that the pages read, and no two modules import each other."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


def evidence_storage() -> Storage:
    """The storage of evidence files (settings.STORAGES["evidence"]): the file system by default,
    an S3-compatible bucket when the environment configures one."""
    return storages["evidence"]


def evidence_path(instance: EvidenceFile | PendingUpload, filename: str) -> str:
    # A random name: the stored name never carries what the uploader typed.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.report.cycle.year}/{uuid.uuid4().hex}.{extension}"


class EvidenceFile(models.Model):
    """A document behind a figure or an initiative: PDF, Word, Excel, PNG or JPEG."""

    report = models.ForeignKey(
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="evidence"
    )
    initiative = models.ForeignKey(
        "reporting.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    entry = models.ForeignKey(
        "reporting.MeasureEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    name = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "evidence file"
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) ^ Q(entry__isnull=True),
                name="evidence_of_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PendingUpload(models.Model):
    """An evidence file chosen on a section's page whose save did not go through (a mistake
    elsewhere on the page, or a colleague's save first): stored under its final name, shown on
    the page again to the person who chose it, and attached when the section saves
    (reporting.reports.evidence). One never attached is deleted after PENDING_DAYS."""

    report = models.ForeignKey(
        "reporting.EconomyReport", on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        "reporting.ReportSection", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    name = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["section", "user"], name="pending_upload_owner_idx")]

    def __str__(self) -> str:
        return self.name

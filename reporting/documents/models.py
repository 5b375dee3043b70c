"""The frozen-content model mixin of the documents: written with a version (optimistic
concurrency), made final with a snapshot of every figure it shows, reopened with a reason,
published on the public site and withdrawn from it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from reporting.ops.public_cache import public_changed

if TYPE_CHECKING:
    from plans.models import StrategicPlan


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class FrozenContent(models.Model):
    """A document frozen with its figures: `frozen_content` holds them as JSON text (PostgreSQL's
    jsonb would reorder the keys of its tables). The review and the program director's annual
    report are both."""

    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    # Optimistic concurrency: two writers may edit the text at the same time.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Every figure the document shows, as they were when it was made final: JSON kept as text,
    # because PostgreSQL's jsonb would reorder the keys of its tables.
    frozen_content = models.TextField(blank=True, editable=False)
    # Published on the public site (reporting/documents/publication.py): the final document,
    # its figures read from its snapshot alone. Cleared when it is withdrawn or reopened.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    if TYPE_CHECKING:
        # Every document belongs to a plan: each model declares the key (its related name).
        plan: StrategicPlan
        plan_id: int
        # Why the change was made: simple_history records it with the next save.
        _change_reason: str

    class Meta:
        abstract = True

    @property
    def is_final(self) -> bool:
        return self.status == DocumentStatus.FINAL

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.is_final

    @cached_property
    def snapshot(self) -> dict | None:
        return json.loads(self.frozen_content) if self.frozen_content else None

    def freeze(self, content: dict[str, Any]) -> None:
        self.frozen_content = json.dumps(content, ensure_ascii=False)
        self.__dict__.pop("snapshot", None)

    def thaw(self) -> None:
        self.frozen_content = ""
        self.__dict__.pop("snapshot", None)

    def make_final(self, *, user: Any, reason: str) -> None:
        """Final as of now, by `user`; the caller then freezes the content (which shows the
        final state and its date) and saves the row, locked."""
        self.status = DocumentStatus.FINAL
        self.frozen_at = timezone.now().replace(microsecond=0)
        self.frozen_by = user
        self.version += 1
        self._change_reason = reason

    def make_draft(self, *, reason: str) -> None:
        """Back to a draft that follows the live data; the caller saves the row (locked)."""
        self.status = DocumentStatus.DRAFT
        # A draft is never public: reopening takes the document off the public site.
        if self.published_at is not None:
            public_changed("documents")
        self.published_at = None
        self.published_by = None
        self.frozen_at = None
        self.frozen_by = None
        self.thaw()
        self.version += 1
        self._change_reason = f"Reopened: {reason.strip()}"

"""The documents made into files, as the shared machinery sees them: each feature (the review,
the annual report) describes its document once, by a `DocumentKind`, and registers it, so that
the task worker, which knows a document by its key and reference alone, can find it again."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from django.core.serializers.json import DjangoJSONEncoder

from plans.models import StrategicPlan
from reporting.documents.models import DocumentStatus, FrozenContent

Content = dict[str, Any]
D = TypeVar("D", bound=FrozenContent)


class DocumentKind(ABC, Generic[D]):
    """One kind of document: where its files are kept, what they are named, what its content
    is and what that content depends on."""

    # The key the formats' registry names the document by (reporting.documents.formats).
    key: str
    # The word for the document in messages: “report”, “review”.
    noun: str
    # The package of the document's own renderers, one module a format (`docx`, `pdf` ...).
    layouts: str
    # The document's model: one per plan and `detail` (the review's kind, the report's year),
    # found or made unsaved by its manager's `for_page(plan, detail)`.
    model: type[D]
    detail: str
    # The storage folder of the documents of this kind: `<folder>/<plan>/<detail>/`.
    folder: str
    # Whether a draft's digest is kept in the cache under `depends_on` and the plan's data
    # version; else it is worked out from the content at each request (queries, no file).
    digest_kept: bool = True

    def load(self, reference: dict[str, Any]) -> D:
        """The document a task was queued for."""
        plan = StrategicPlan.objects.get(code=reference["plan"])
        manager: Any = self.model._default_manager
        return manager.for_page(plan, reference[self.detail])

    def reference(self, document: D) -> dict[str, Any]:
        """What a task needs to find the document again: JSON, known before its row exists."""
        return {"plan": document.plan.code, self.detail: getattr(document, self.detail)}

    def root(self, document: D) -> str:
        """The document's folder in the storage, known before its row exists: a document no one
        has written yet can be downloaded too."""
        return f"{self.folder}/{document.plan.code}/{getattr(document, self.detail)}"

    def drafts(self, plan_ids: list[int] | None) -> list[D]:
        """The draft documents of these plans (of every plan: None), which follow the live
        data."""
        manager: Any = self.model._default_manager
        documents = manager.filter(status=DocumentStatus.DRAFT).select_related("plan")
        if plan_ids is not None:
            documents = documents.filter(plan_id__in=plan_ids)
        return list(documents)

    def plan_id(self, document: D) -> int:
        return document.plan_id

    @abstractmethod
    def stem(self, document: D) -> str:
        """Its files' name without the format's extension."""

    @abstractmethod
    def build(self, document: D) -> Content:
        """Its content: the snapshot once final, else the live data."""

    @abstractmethod
    def depends_on(self, document: D) -> list[Any]:
        """What a draft's content depends on beyond the plan's data version: its row's version
        and state, its quotes ... (JSON values). Its digest is kept under these."""

    def content(self, document: D) -> Content:
        """The content as a snapshot stores it: through JSON, so that a draft and the final
        document made from it have the same types (lists, string keys, floats)."""
        return json.loads(json.dumps(self.build(document), cls=DjangoJSONEncoder))


KINDS: dict[str, DocumentKind] = {}
K = TypeVar("K", bound=DocumentKind)


def register(kind: K) -> K:
    KINDS[kind.key] = kind
    return kind


def kind_named(key: str) -> DocumentKind:
    return KINDS[key]

"""The documents made into files, as the shared machinery sees them: each feature (the review,
the annual report) describes its document once, by a `DocumentKind`, and registers it, so that
the task worker, which knows a document by its key and reference alone, can find it again."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from django.core.serializers.json import DjangoJSONEncoder

from reporting.documents.models import FrozenContent

Content = dict[str, Any]
D = TypeVar("D", bound=FrozenContent)


class DocumentKind(ABC, Generic[D]):
    """One kind of document: where its files are kept, what they are named, what its content
    is and what that content depends on."""

    # The key the formats' registry names the document by (reporting.documents.formats).
    key: str
    # The package of the document's own renderers, one module a format (`docx`, `pdf` ...).
    layouts: str
    # Whether a draft's digest is kept in the cache under `depends_on` and the plan's data
    # version; else it is worked out from the content at each request (queries, no file).
    digest_kept: bool = True

    @abstractmethod
    def load(self, reference: dict[str, Any]) -> D:
        """The document a task was queued for."""

    @abstractmethod
    def reference(self, document: D) -> dict[str, Any]:
        """What a task needs to find the document again: JSON, known before its row exists."""

    @abstractmethod
    def root(self, document: D) -> str:
        """The document's folder in the storage."""

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

    @abstractmethod
    def plan_id(self, document: D) -> int: ...

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

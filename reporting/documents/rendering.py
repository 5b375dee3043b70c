"""A document's content as a file: the renderer of the format, chosen for the document
(reporting.documents.formats), fed the content and nothing else.

The bytes depend on that content alone: every date inside a file is the document's "as of" time
(a fixed date for drafts), so the download button and `manage.py export_review` write identical
files, today and next year.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any

from reporting.documents.formats import Format
from reporting.documents.kinds import Content, DocumentKind

SHARED_RENDERERS = "reporting.documents.renderers"
# A draft has no date of its own: its files carry the earliest date a zip entry can hold.
DRAFT_STAMP = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def stamp_of(content: Content) -> datetime.datetime:
    """The date every file of this content carries: when the data was frozen, for a final
    document."""
    if content.get("as_of"):
        return datetime.datetime.fromisoformat(content["as_of"]).astimezone(datetime.UTC)
    return DRAFT_STAMP


def renderer_of(kind: DocumentKind, fmt: Format) -> Any:
    """The module that writes the format for this document, imported on first use: the PDF and
    Word libraries are heavy, and most requests never export."""
    own = f"{kind.layouts}.{fmt.renderer}"
    if importlib.util.find_spec(own) is not None:
        return importlib.import_module(own)
    return importlib.import_module(f"{SHARED_RENDERERS}.{fmt.renderer}")


def render_export(kind: DocumentKind, content: Content, fmt: Format, *, stem: str) -> Export:
    """The file of this content: its bytes depend on the content alone."""
    data = renderer_of(kind, fmt).render(content, fmt=fmt.key, stamp=stamp_of(content))
    return Export(data, fmt.content_type, fmt.file_name_for(stem))

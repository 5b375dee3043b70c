"""Writing a draft document's own text, as the annual report's and the review's services do."""

from __future__ import annotations

from reporting.documents.errors import StaleDocument
from reporting.documents.models import FrozenContent


def write_text(
    document: FrozenContent, *, expected_version: int, stale: type[StaleDocument], **texts: str
) -> None:
    """Write the locked draft `document`'s `texts` (field -> text) as a new version, unless
    someone saved it after `expected_version` was read: then `stale` is raised."""
    if document.version != expected_version:
        raise stale(document)
    for name, text in texts.items():
        setattr(document, name, text.strip())
    document.version += 1
    document.full_clean()
    document.save()

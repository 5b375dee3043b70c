"""The one registry of the documents' file formats: a record per format, read by the download
buttons, the views, the task worker and `manage.py export_review`.

A new format is a renderer module (`render(content, *, fmt, stamp) -> bytes`) and one line
here. The renderer is looked up in the document's own layouts package first (the review's Word
layout is its own), then among the shared renderers (`reporting.documents.renderers`), so a
format with a shared renderer reaches every document that `documents` names.
"""

from __future__ import annotations

from dataclasses import dataclass

REVIEW = "review"
ANNUAL = "annual"
EVERY_DOCUMENT = frozenset({REVIEW, ANNUAL})
REVIEW_ONLY = frozenset({REVIEW})


@dataclass(frozen=True)
class Format:
    key: str
    # What the download button says, and how the messages name the file.
    label: str
    noun: str
    content_type: str
    # The renderer module's name, in the document's layouts package or the shared renderers.
    renderer: str
    documents: frozenset[str]
    # Every file is made by the task worker; a slow one (seconds: WeasyPrint lays out dozens of
    # pages) is asked for by a draft's page as it opens, so that it is usually made by the time
    # the reader clicks.
    slow: bool = False
    file_name: str = "{stem}.{key}"

    def file_name_for(self, stem: str) -> str:
        return self.file_name.format(stem=stem, key=self.key)


FORMATS: tuple[Format, ...] = (
    Format(
        "docx",
        "Word",
        "Word file",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        renderer="docx",
        documents=EVERY_DOCUMENT,
    ),
    Format("pdf", "PDF", "PDF", "application/pdf", "pdf", EVERY_DOCUMENT, slow=True),
    Format(
        "xlsx",
        "Excel",
        "Excel file",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        renderer="xlsx",
        documents=REVIEW_ONLY,
    ),
    Format("csv", "CSV of the entries", "CSV file", "text/csv; charset=utf-8", "raw", REVIEW_ONLY),
    Format("json", "JSON of the entries", "JSON file", "application/json", "raw", REVIEW_ONLY),
)


def formats_of(document: str) -> tuple[Format, ...]:
    """The formats a document offers, in the registry's order."""
    return tuple(found for found in FORMATS if document in found.documents)


def format_of(document: str, key: str) -> Format | None:
    """The format of that key if the document offers it."""
    return next((found for found in formats_of(document) if found.key == key), None)

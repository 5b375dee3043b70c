"""The one registry of formats: what each document offers, its buttons and file names, and how a
format's renderer is found for a document."""

import pytest

from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.documents import formats, rendering
from reporting.documents.formats import ANNUAL, REVIEW, Format, format_of, formats_of
from reporting.documents.kinds import KINDS, kind_named
from reporting.reviews.document import REVIEW_DOCUMENT


def test_each_document_offers_its_formats_in_the_registrys_order():
    assert [fmt.key for fmt in formats_of(REVIEW)] == ["docx", "pdf", "xlsx", "csv", "json"]
    assert [fmt.key for fmt in formats_of(ANNUAL)] == ["docx", "pdf"]
    assert format_of(ANNUAL, "xlsx") is None
    assert format_of(REVIEW, "odt") is None
    keys = [fmt.key for fmt in formats.FORMATS]
    assert len(keys) == len(set(keys))


def test_the_documents_are_known_to_the_worker_by_their_keys():
    assert kind_named(REVIEW) is REVIEW_DOCUMENT
    assert kind_named(ANNUAL) is ANNUAL_DOCUMENT
    assert set(KINDS) == {REVIEW, ANNUAL}


def test_a_file_is_named_by_its_document_and_format():
    word = format_of(REVIEW, "docx")
    assert word is not None
    assert word.file_name_for("smewg-2025-2028-midterm-review") == (
        "smewg-2025-2028-midterm-review.docx"
    )


def test_a_document_renders_with_its_own_layout_first():
    pdf = format_of(REVIEW, "pdf")
    assert pdf is not None
    assert rendering.renderer_of(REVIEW_DOCUMENT, pdf).__name__ == "reporting.reviews.exports.pdf"
    assert rendering.renderer_of(ANNUAL_DOCUMENT, pdf).__name__ == "reporting.annual.exports.pdf"


def test_a_new_format_with_a_shared_renderer_reaches_both_documents(monkeypatch):
    """One renderer module among the shared ones and one line in the registry: both documents
    offer the format and render it with that module."""
    text = Format(
        "txt", "Text", "text file", "text/plain", "renderers_probe", formats.EVERY_DOCUMENT
    )
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, text))
    monkeypatch.setattr(rendering, "SHARED_RENDERERS", "tests.reporting.documents")
    for kind in (REVIEW_DOCUMENT, ANNUAL_DOCUMENT):
        assert format_of(kind.key, "txt") == text
        export = rendering.render_export(kind, {"title": kind.key}, text, stem="probe")
        assert (export.content, export.content_type, export.filename) == (
            f"{kind.key}\n".encode(),
            "text/plain",
            "probe.txt",
        )


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda fmt: fmt.key)
def test_every_format_has_a_renderer_for_every_document_offering_it(fmt):
    for key in fmt.documents:
        assert callable(rendering.renderer_of(kind_named(key), fmt).render)

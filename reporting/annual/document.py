"""The director's annual report as a document of the shared machinery (reporting.documents):
where its files are kept, what they are named and what its content is."""

from __future__ import annotations

from typing import Any

from reporting.annual import content as annual
from reporting.annual.models import AnnualReport
from reporting.documents.formats import ANNUAL
from reporting.documents.kinds import Content, DocumentKind, register


class AnnualDocument(DocumentKind[AnnualReport]):
    key = ANNUAL
    noun = "report"
    layouts = "reporting.annual.exports"
    # The report shows the year's meetings, which change outside the plan's data version: a
    # draft's digest is worked out from its content (a dozen queries) at each request.
    digest_kept = False
    model = AnnualReport
    detail = "year"
    folder = "annual"

    def stem(self, document: AnnualReport) -> str:
        return f"smewg-{document.plan.code}-director-report-{document.year}"

    def build(self, document: AnnualReport) -> Content:
        return annual.content_of(document)

    def depends_on(self, document: AnnualReport) -> list[Any]:
        return [document.plan_id, document.year, document.pk]


ANNUAL_DOCUMENT = register(AnnualDocument())

"""/public/sitemap.xml: every public page, for search engines, with when it last changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from reporting.public import published


@dataclass(frozen=True)
class SitemapEntry:
    path: str
    lastmod: datetime.datetime | None


def entries() -> list[SitemapEntry]:
    """The home page, the documents and each, the economies and their released reports, the
    data: the pages an anonymous reader reaches from /public/ (the marker crawl's pages)."""
    as_of = published.as_of()
    reports = list(published.released_reports())
    documents = published.published_documents()
    latest: dict[str, datetime.datetime] = {}
    for report in reports:
        if report.released_at is not None:
            code = report.economy.code
            latest[code] = max(latest.get(code, report.released_at), report.released_at)
    return [
        SitemapEntry(reverse("public:index"), as_of),
        SitemapEntry(
            reverse("public:documents"), max((d.published_at for d in documents), default=None)
        ),
        *(SitemapEntry(document.url, document.published_at) for document in documents),
        *(
            SitemapEntry(reverse("public:economy", args=[code]), when)
            for code, when in latest.items()
        ),
        *(
            SitemapEntry(
                published.public_report_url(report.cycle.year, report.economy.code),
                report.released_at,
            )
            for report in reports
        ),
        SitemapEntry(reverse("public:data"), as_of),
    ]

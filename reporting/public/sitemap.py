"""/public/sitemap.xml: an index of the sitemap's pages; /public/sitemap-<n>.xml: every public
page, SITEMAP_PAGE to a file, with when it last changed. The index counts; a page reads at most
SITEMAP_PAGE rows, however many reports are released."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.urls import reverse

from reporting.public import published

# Search engines read up to 50,000 addresses a file; a smaller file keeps a page's cost bounded.
SITEMAP_PAGE = 200
# The list of every released report, this many to a page (/public/reports/).
REPORTS_PER_PAGE = 20


@dataclass(frozen=True)
class SitemapEntry:
    path: str
    lastmod: datetime.datetime | None


@dataclass(frozen=True)
class _Layout:
    """The sitemap's addresses in order: the head, then each economy, then each report."""

    head: list[SitemapEntry]
    economies: QuerySet  # each economy that released a report, with its latest release
    economy_count: int
    report_count: int

    @property
    def pages(self) -> int:
        total = len(self.head) + self.economy_count + self.report_count
        return max(1, math.ceil(total / SITEMAP_PAGE))


def _layout() -> _Layout:
    """The pages whose number does not grow with the reports (the home page, the documents and
    each one, the list of released reports' pages, the data), and how many others there are."""
    as_of = published.as_of()
    documents = published.published_documents()
    reports = published.released_reports().count()
    lists = [
        SitemapEntry(f"{reverse('public:reports')}{f'?page={page}' if page > 1 else ''}", as_of)
        for page in range(1, max(1, math.ceil(reports / REPORTS_PER_PAGE)) + 1)
    ]
    economies = (
        published.released_reports()
        .order_by()
        .values("economy__code", "economy__position")
        .annotate(latest=Max("released_at"))
        .order_by("economy__position")
    )
    head = [
        SitemapEntry(reverse("public:index"), as_of),
        SitemapEntry(
            reverse("public:documents"), max((d.published_at for d in documents), default=None)
        ),
        *(SitemapEntry(document.url, document.published_at) for document in documents),
        *lists,
        SitemapEntry(reverse("public:data"), as_of),
    ]
    return _Layout(head, economies, economies.count(), reports)


def pages() -> int:
    """How many sitemap pages: counted, not listed."""
    return _layout().pages


def entries(page: int = 1) -> list[SitemapEntry] | None:
    """The `page`th SITEMAP_PAGE of the public pages an anonymous reader reaches from /public/
    (the marker crawl's pages), or None past the last page."""
    layout = _layout()
    if not 1 <= page <= layout.pages:
        return None
    start, end = (page - 1) * SITEMAP_PAGE, page * SITEMAP_PAGE
    found = layout.head[start:end]
    start, end = max(0, start - len(layout.head)), max(0, end - len(layout.head))
    found += [
        SitemapEntry(reverse("public:economy", args=[row["economy__code"]]), row["latest"])
        for row in layout.economies[start:end]
    ]
    start, end = max(0, start - layout.economy_count), max(0, end - layout.economy_count)
    if end > start:
        found += [
            SitemapEntry(
                published.public_report_url(report.cycle.year, report.economy.code),
                report.released_at,
            )
            for report in published.released_reports()[start:end]
        ]
    return found

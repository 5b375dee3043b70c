"""/public/feed.atom: the publications and releases, newest first, as an Atom feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from reporting.public import published

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedItem:
    title: str
    description: str
    link: str
    when: datetime.datetime


class PublicFeed(Feed):
    feed_type = Atom1Feed
    title = "APEC SMEWG Strategic Plan: published results"
    subtitle = "Annual reports the SMEWG published and reports the economies released."
    # Atom requires an author of the feed (RFC 4287, 4.1.1) when its entries name none.
    author_name = "APEC Small and Medium Enterprises Working Group"

    def link(self) -> str:
        return reverse("public:index")

    def items(self) -> list[FeedItem]:
        items = [
            FeedItem(
                title=f"{report.economy.name} released its {report.cycle.year} report",
                description=f"The {report.cycle.year} report of {report.economy.name} on the "
                f"{report.cycle.plan.code} plan.",
                link=published.public_report_url(report.cycle.year, report.economy.code),
                when=report.released_at,
            )
            for report in published.released_reports()[:FEED_SIZE]
            if report.released_at is not None
        ] + [
            FeedItem(
                title=f"Published: {document.title}",
                description=document.presented_at or document.title,
                link=document.url,
                when=document.published_at,
            )
            for document in published.published_documents()[:FEED_SIZE]
        ]
        return sorted(items, key=lambda item: item.when, reverse=True)[:FEED_SIZE]

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        return item.description

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_pubdate(self, item: FeedItem) -> datetime.datetime:
        return item.when

    def item_updateddate(self, item: FeedItem) -> datetime.datetime:
        return item.when

"""Search across every narrative, initiative and lesson learned of the counted reports.

PostgreSQL: full-text search with ranking and highlighted snippets. SQLite (development): a
plain case-insensitive match, with the first match highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reporting.reports.search import SOURCES
from reporting.rollups.window import Window

LIMIT = 50
# PostgreSQL ranks this many matches of each kind of record, the first the index gives: a common
# word's cost then stays that of a page, however many records hold it.
CANDIDATES = 200
START, STOP = "\x02", "\x03"  # marks around matches, replaced by <mark> after escaping


class AnyOf(Func):
    """`column = ANY(ARRAY(subquery))`: PostgreSQL fetches the subquery's few rows by the
    column's index, where `IN (subquery)` may have it scan the table to join them."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


@dataclass
class Hit:
    kind: str
    economy: str
    economy_code: str
    year: int
    area: int | None
    title: str
    snippet: SafeString
    rank: float
    text: str = ""  # SQLite: the fields searched, the snippet cut from them once the hit is shown


def search_narratives(window: Window, q: str) -> list[Hit]:
    """The best matches, one query per kind of record, each reading a page of rows at most: on
    PostgreSQL the best ranked of the first `CANDIDATES` matches, on SQLite the first found."""
    postgres = connection.vendor == "postgresql"
    hits = []
    for kind, model, report_path, fields, title_field, area_field in SOURCES:
        prefix = f"{report_path}__" if report_path else ""
        queryset = model.objects.filter(window.counts(report_path))
        if window.area and area_field:
            queryset = queryset.filter(**{area_field: window.area})
        elif window.area:
            continue
        # hit_* names: some sources have fields called title or area of their own.
        values = {
            "hit_economy": F(f"{prefix}economy__short_name"),
            "hit_code": F(f"{prefix}economy__code"),
            "hit_year": F(f"{prefix}cycle__year"),
            "hit_title": F(title_field or f"{prefix}economy__short_name"),
            "hit_area": F(area_field) if area_field else Value(None, output_field=IntegerField()),
        }
        if postgres:
            query = SearchQuery(q, search_type="websearch", config="english")
            document = _concat(fields)
            # @@ on the stored, GIN-indexed vector; unordered, so that the scan stops at the
            # last candidate ranked.
            matches = queryset.filter(search_vector=query).order_by().values("pk")
            queryset = (
                model.objects.filter(AnyOf(F("pk"), ArraySubquery(matches[:CANDIDATES])))
                .annotate(
                    rank=SearchRank(F("search_vector"), query),
                    snippet=SearchHeadline(
                        document,
                        query,
                        config="english",
                        start_sel=START,
                        stop_sel=STOP,
                        max_words=35,
                        min_words=15,
                    ),
                )
                .order_by("-rank", "-pk")
            )
        else:
            match = Q()
            for name in fields:
                match |= Q(**{f"{name}__icontains": q})
            # Unordered (the page sorts by year): the scan stops at the page's last match.
            queryset = queryset.filter(match).order_by()
        extra = ["rank", "snippet"] if postgres else []
        rows = queryset.values(*fields, *extra, **values)[:LIMIT]
        for row in rows:
            if postgres:
                snippet, rank, text = _marked(row["snippet"]), row["rank"], ""
            else:
                snippet, rank = SafeString(), 1.0
                text = " ".join(row[name] for name in fields if row[name])
            hits.append(
                Hit(
                    kind=kind,
                    economy=row["hit_economy"],
                    economy_code=row["hit_code"],
                    year=row["hit_year"],
                    area=row["hit_area"],
                    title=row["hit_title"] or "",
                    snippet=snippet,
                    rank=rank,
                    text=text,
                )
            )
    hits.sort(key=lambda hit: (-hit.rank, -hit.year, hit.economy))
    shown = hits[:LIMIT]
    if not postgres:
        for hit in shown:
            hit.snippet = _plain_snippet(hit.text, q)
    return shown


def _concat(fields: list[str]):
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts.extend([F(name), Value(" ")])
    return Concat(*parts[:-1], output_field=TextField())


def _marked(text: str) -> SafeString:
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - the text is escaped above; only <mark> is ours


def _plain_snippet(text: str, q: str, width: int = 90) -> SafeString:
    found = re.search(re.escape(q), text, flags=re.IGNORECASE)
    if not found:
        return escape(text[: width * 2])
    start = max(found.start() - width, 0)
    end = min(found.end() + width, len(text))
    before, match, after = text[start : found.start()], found.group(0), text[found.end() : end]
    html = (
        ("…" if start else "")
        + escape(before)
        + "<mark>"
        + escape(match)
        + "</mark>"
        + escape(after)
        + ("…" if end < len(text) else "")
    )
    return mark_safe(html)  # noqa: S308 - every piece of the text is escaped

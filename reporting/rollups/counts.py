"""The counts the area figures and the general indicators are built from, in one shape
(`summaries.CountKey` -> n) whatever the window covers: the summary rows the workflow keeps, the
sum over every economy or, under the economy filter, that economy's own part. Either way a page
reads a number of rows that depends on the catalogue and the plan's years, not on how many
economies report nor on how much the one economy reported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Exists, F, Q, Subquery

from plans.models import Economy, PriorityArea
from reporting.reports import scoring
from reporting.reports.models import RollupCount
from reporting.reports.summaries import CountKey, Kind
from reporting.rollups.window import Window


def last_year_reporting(window: Window) -> CountKey:
    """The key of the economies with a counted report in the window's last year: without any,
    the window's scores show no change."""
    return (window.end, window.end, window.include_submitted, Kind.REPORTING, 0, "")


def economy_part(window: Window) -> Q:
    """The rows of the window's economy's part (a code of no economy matches none), or of the
    sum over every economy."""
    if not window.economy:
        return Q(economy=0)
    economy = Economy.objects.filter(code=window.economy).values("pk")[:1]
    return Q(economy=Subquery(economy))


def area_counts(window: Window, areas: list[PriorityArea]) -> Counter[CountKey]:
    """The counts of the window (its years and view): the plan's (area 0) and, under an area
    filter, those of the `areas` listed only; and the economies reporting in its last year."""
    wanted = [0, *(area.pk for area in areas)] if window.area else None
    of_window = Q(
        economy_part(window),
        plan=window.plan,
        end=window.end,
        submitted=window.include_submitted,
    )
    # How sure each score is: the economies' profiles, or beyond BOOTSTRAP_ECONOMIES economies
    # reporting their sums (scoring.sureness_by_size), so that the rows read stay bounded.
    many = Exists(
        RollupCount.objects.filter(
            of_window,
            start=window.start,
            kind=Kind.REPORTING,
            area=0,
            key="",
            n__gt=scoring.BOOTSTRAP_ECONOMIES,
        )
    )
    rows = (
        RollupCount.objects.filter(
            (Q(start=window.start) & (Q(area__in=wanted) if wanted is not None else Q()))
            | Q(start=window.end, kind=Kind.REPORTING, area=0),
            of_window,
        )
        .exclude(n=0)
        .exclude(Q(kind=Kind.PROFILE) & many)
        .exclude(Q(kind=Kind.MOMENTS) & ~many)
    )
    return Counter(
        {
            (start, window.end, window.include_submitted, kind, area, key): n
            for start, kind, area, key, n in rows.values_list("start", "kind", "area", "key", "n")
        }
    )


def year_counts(window: Window, kinds: Iterable[str]) -> Counter[CountKey]:
    """The counts of the `kinds` in the one-year windows of the window's years, and the
    economies reporting each year: of all records (area 0), or under an area filter of the
    records naming the area (the economies reporting stay plan-wide)."""
    kinds = [Kind.REPORTING, *kinds]
    area = (
        Q(area=0)
        if not window.area
        else Q(area__in=window.plan.areas.filter(number=window.area).values("pk"))
    )
    rows = RollupCount.objects.filter(
        area | Q(kind=Kind.REPORTING, area=0),
        economy_part(window),
        plan=window.plan,
        start=F("end"),
        start__gte=window.start,
        start__lte=window.end,
        submitted=window.include_submitted,
        kind__in=kinds,
    ).exclude(n=0)
    return Counter(
        {
            (start, end, submitted, kind, area_id, key): n
            for start, end, submitted, kind, area_id, key, n in rows.values_list(
                "start", "end", "submitted", "kind", "area", "key", "n"
            )
        }
    )

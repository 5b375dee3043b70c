"""The counts the area figures and the general indicators are built from, in one shape
(`summaries.CountKey` -> n) whatever the window covers: for every economy, the summary rows the
workflow keeps; for one economy, what it adds to them, computed from its own reports by the
workflow's own function (`summaries.plan_counts`). Either way a page reads a number of rows that
depends on the catalogue and the plan's years, not on how many economies report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import F, Q

from plans.models import Economy, PriorityArea
from reporting.reports import summaries
from reporting.reports.models import RollupCount
from reporting.reports.summaries import CountKey, Kind
from reporting.rollups.window import Window


def last_year_reporting(window: Window) -> CountKey:
    """The key of the economies with a counted report in the window's last year: without any,
    the window's scores show no change."""
    return (window.end, window.end, window.include_submitted, Kind.REPORTING, 0, "")


def area_counts(window: Window, areas: list[PriorityArea]) -> Counter[CountKey]:
    """The counts of the window (its years and view): the plan's (area 0) and, under an area
    filter, those of the `areas` listed only; and the economies reporting in its last year."""
    wanted = [0, *(area.pk for area in areas)] if window.area else None
    last = last_year_reporting(window)
    if window.economy:
        view = (window.start, window.end, window.include_submitted)
        return Counter(
            {
                key: n
                for key, n in economy_counts(window).items()
                if (key[:3] == view and (wanted is None or key[4] in wanted)) or key == last
            }
        )
    rows = RollupCount.objects.filter(
        (Q(start=window.start) & (Q(area__in=wanted) if wanted is not None else Q()))
        | Q(start=window.end, kind=Kind.REPORTING, area=0),
        plan=window.plan,
        end=window.end,
        submitted=window.include_submitted,
    ).exclude(n=0)
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
    if window.economy:
        areas = [area.pk for area in window.areas()] if window.area else [0]
        return Counter(
            {
                key: n
                for key, n in economy_counts(window).items()
                if key[0] == key[1]
                and key[0] in window.years
                and key[2] == window.include_submitted
                and key[3] in kinds
                and (key[4] in areas or (key[3] == Kind.REPORTING and key[4] == 0))
            }
        )
    area = (
        Q(area=0)
        if not window.area
        else Q(area__in=window.plan.areas.filter(number=window.area).values("pk"))
    )
    rows = RollupCount.objects.filter(
        area | Q(kind=Kind.REPORTING, area=0),
        plan=window.plan,
        start=F("end"),
        start__gte=window.start,
        start__lte=window.end,
        submitted=window.include_submitted,
        kind__in=kinds,
    )
    return Counter(
        {
            (start, end, submitted, kind, area_id, key): n
            for start, end, submitted, kind, area_id, key, n in rows.values_list(
                "start", "end", "submitted", "kind", "area", "key", "n"
            )
        }
    )


def economy_counts(window: Window) -> Counter[CountKey]:
    """Everything the window's economy adds to the plan's summaries, in every window of the
    plan and both views, computed from that economy's reports alone (a few queries, whatever
    its size): none for a code that names no economy."""
    economy_id = Economy.objects.filter(code=window.economy).values_list("pk", flat=True).first()
    if economy_id is None:
        return Counter()
    return summaries.plan_counts(window.plan, economy_id)

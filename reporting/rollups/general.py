"""The plan's general indicators by year: best practices shared and adopted, dialogues with
partners, APEC initiatives and supported activities, and the economies taking part in them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plans.models import Economy
from reporting.reports.summaries import CountKey, Kind
from reporting.rollups.counts import year_counts
from reporting.rollups.window import Window


@dataclass
class GeneralYear:
    year: int
    economies: int  # economies with a counted report that year
    shared: int = 0
    adopted: int = 0
    dialogues: int = 0
    apec_initiatives: int = 0
    supported_activities: int = 0
    activity_economies: int = 0  # economies taking part in APEC initiatives and activities
    of: int = 0  # all economies: the denominator of `economies` and `activity_economies`


GENERAL_KINDS = {
    Kind.SHARED: "shared",
    Kind.ADOPTED: "adopted",
    Kind.DIALOGUES: "dialogues",
    Kind.APEC_INITIATIVES: "apec_initiatives",
    Kind.SUPPORTED: "supported_activities",
    Kind.ACTIVITY_ECONOMIES: "activity_economies",
}


def general_indicators(window: Window, *, economies: int | None = None) -> list[GeneralYear]:
    """The general indicators of each year of the window, built from the counts of its years
    (`year_counts`: the summaries the workflow keeps, or the one economy's own). Under an area
    filter the records that name the area count; the economies reporting stay plan-wide (a
    report is not about one area)."""
    if economies is None:
        economies = Economy.objects.count()
    return years_of(window, year_counts(window, GENERAL_KINDS), economies=economies)


def years_of(window: Window, counts: Counter[CountKey], *, economies: int) -> list[GeneralYear]:
    """The general indicators of each year of the window from its one-year counts: the one
    place that reads what they mean."""
    years = {year: GeneralYear(year, 0, of=economies) for year in window.years}
    for (year, _end, _submitted, kind, _area, _key), n in counts.items():
        if kind == Kind.REPORTING:
            years[year].economies = n
        else:
            setattr(years[year], GENERAL_KINDS[kind], n)
    return list(years.values())

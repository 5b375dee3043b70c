"""Report pages and the queue run a fixed number of queries, whatever the report holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import MeasureOfProgress
from reporting.models import Initiative, MeasureEntry
from tests.conftest import client_for
from tests.reporting.factories import fill_report, start_report

pytestmark = pytest.mark.django_db

# Every page starts with: session, user, the user's role and economy.
# Report pages then read: cycle (with plan), economy, report (with its reviewer).
DELEGATE_PAGES = {
    # + cycles, the economy's reports with their progress
    "/reports/": 5,
    # + sections, entries, initiatives, their objectives, target groups and broader priorities,
    # evidence files, best practices, dialogues, APEC activities, the report's broader
    # priorities; the adoptions: its practices' sources, who adopted its practices and its
    # initiatives
    "/reports/2026/CHL/": 20,
    # + the section, the choices (objectives, target groups, broader priorities), last year's
    # report, entries with their evidence files, initiatives with their objectives, target
    # groups, broader priorities and evidence files, the data checks (the economy's earlier
    # values, the other economies' values)
    "/reports/2026/CHL/sections/1/": 20,
    # + the section, the choices (areas, fora, broader priorities), the report's broader
    # priorities, last year's report, best practices, dialogues, APEC activities
    "/reports/2026/CHL/sections/general/": 15,
    # + what is missing (entries, initiatives, the three kinds of records, sections), then the
    # whole report as on the report page, the data checks (entries with their measures, the
    # economy's earlier values, the other economies' values), who last changed each section
    # (joined to the sections), the adoptions (3)
    "/reports/2026/CHL/check/": 29,
    # + the history of each of the 8 kinds of record (evidence files
    # too) with who made each change, and the people the changed fields name
    "/reports/2026/CHL/history/": 14,
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(report, initiatives: int) -> None:
    """Initiatives and best practices, and a value for every quantitative measure (which the
    data checks compare)."""
    for entry in report.entries.exclude(
        measure__kind=MeasureOfProgress.Kind.QUALITATIVE
    ).select_related("measure"):
        MeasureEntry.objects.filter(pk=entry.pk).update(
            value=1, reference_year=2026, unit=entry.measure.unit
        )
    area = report.sections.get(position=1).area
    objectives = list(area.objectives.all())
    for number in range(initiatives):
        initiative = Initiative.objects.create(
            report=report, area=area, title=f"Initiative {number}", kind="program"
        )
        initiative.objectives.set(objectives[:2])
        initiative.target_groups.set([1, 2])
    for practice in range(initiatives):
        report.best_practices.create(title=f"Practice {practice}", direction="shared")


def test_delegate_pages_do_not_grow_with_the_report(delegate_chl):
    report = start_report(delegate_chl)
    client = client_for(delegate_chl)
    client.get("/reports/")
    grow(report, 1)
    assert {url: count_queries(client, url) for url in DELEGATE_PAGES} == DELEGATE_PAGES
    grow(report, 25)
    assert {url: count_queries(client, url) for url in DELEGATE_PAGES} == DELEGATE_PAGES


def test_queue_does_not_grow_with_reports(director, delegate_chl, delegate_pe):
    client = client_for(director)
    start_report(delegate_chl)
    # session, user, role, cycles, the economies per state of their report (one aggregate, which
    # gives the pager its count), a page of economies, their reports with progress, the values
    # not in their measure's unit
    assert count_queries(client, "/reports/queue/") == 8
    fill_report(delegate_pe, start_report(delegate_pe, "PE"))
    assert count_queries(client, "/reports/queue/") == 8

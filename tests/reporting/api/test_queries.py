"""The API's lists and reads take a fixed number of SQL queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reporting.api.conftest import api_in_use
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

CODES = ["CHL", "PE", "AUS", "JPN", "MEX", "NZ", "USA", "VN"]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def grow(user, codes: list[str]) -> None:
    for code in codes:
        start_report(user, code, 2026)
        start_report(user, code, 2025)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # token and user; the user's roles and economy; count; the page of reports with their
        # cycles, plans, economies and section counts.
        ("/api/reports/", 4),
        ("/api/reports/?year=2026&status=draft", 4),
        # token and user; count; the page of rows (cycles with their plan).
        ("/api/economies/", 3),
        ("/api/cycles/", 3),
        ("/api/plans/", 3),
        # token and user; the plan; broader priorities, areas, objectives, actions with fora,
        # measures, indicator groups, indicators, implementation activities (none in this
        # plan, so no query for their proponents); target groups; fora.
        ("/api/plans/2025-2028/", 12),
    ],
)
def test_queries_do_not_grow_with_the_data(url, expected, director, delegate_chl):
    client = api_in_use(director)
    grow(delegate_chl, CODES[:1])
    small = queries(client, url)
    grow(delegate_chl, CODES[1:])
    large = queries(client, url)
    assert (small, large) == (expected, expected)


def test_a_report_takes_the_same_queries_with_one_or_many_initiatives(delegate_chl):
    start_report(delegate_chl)
    client = api_in_use(delegate_chl)
    url = "/api/reports/2026/CHL/"

    def initiatives(count: int, version: int) -> None:
        item = {"title": "Portal", "objectives": [1, 2], "target_groups": ["women", "youth"]}
        body = {"version": version, "initiatives": [dict(item) for _ in range(count)]}
        assert client.put(f"{url}sections/1/", body, format="json").status_code == 200

    initiatives(1, 0)
    small = queries(client, url)
    initiatives(12, 1)
    large = queries(client, url)
    # token and user; roles; cycle and plan; economy; report; then the sections, entries,
    # initiatives and their objectives, target groups and broader priorities, best
    # practices, dialogues, APEC activities, the report's broader priorities.
    assert (small, large) == (15, 15)


def test_dashboard_queries_do_not_grow_with_the_data(director, delegate_chl):
    client = api_in_use(director)
    grow(delegate_chl, CODES[:1])
    small = queries(client, "/api/dashboard/2025-2028/?statuses=submitted")
    grow(delegate_chl, CODES[1:])
    large = queries(client, "/api/dashboard/2025-2028/?statuses=submitted")
    # token and user; roles; the plan and its areas; the economies; then the roll-ups'
    # queries of the dashboard page (reporting.rollups), the same whatever the data.
    assert small == large

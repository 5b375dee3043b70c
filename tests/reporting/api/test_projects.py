"""APEC projects through the API: named by code and number, filtered, in fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.plans.projects.factories import make_project
from tests.reporting.api.conftest import api_for, api_in_use

pytestmark = pytest.mark.django_db


def test_projects_are_listed_and_filtered(delegate_pe):
    make_project("SME 01 2025A", areas=(1, 2), years=(2025, 2026))
    make_project("SME 02 2027S", proponent="PE", funding="self", years=(2027, 2027))
    client = api_for(delegate_pe)
    rows = client.get("/api/projects/").json()["results"]
    assert [row["code"] for row in rows] == ["SME 01 2025A", "SME 02 2027S"]
    first = rows[0]
    assert (first["proponent"], first["plan"], first["areas"]) == ("CHL", "2025-2028", [1, 2])
    assert [r["code"] for r in client.get("/api/projects/?year=2026").json()["results"]] == [
        "SME 01 2025A"
    ]
    assert [r["code"] for r in client.get("/api/projects/?economy=PE").json()["results"]] == [
        "SME 02 2027S"
    ]
    assert [r["code"] for r in client.get("/api/projects/?area=2").json()["results"]] == [
        "SME 01 2025A"
    ]
    for bad in ("funding=maybe", "area=0.5", "area=0", "year=twenty"):
        assert client.get(f"/api/projects/?{bad}").status_code == 400, bad
    detail = client.get("/api/projects/sme-02-2027s/")
    assert (detail.status_code, detail.json()["funding"]) == (200, "self")
    assert client.get("/api/projects/sme-99-2027/").status_code == 404
    assert api_for(None).get("/api/projects/").status_code == 401


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/projects/").status_code == 200
    return len(captured)


def test_the_list_takes_fixed_queries(director):
    client = api_in_use(director)
    make_project("SME 01 2025A", areas=(1, 2), years=(2025, 2026))
    small = queries(client)
    for number in range(2, 9):
        make_project(f"SME {number:02d} 2026A", areas=(1, 3), years=(2026, 2027))
    # the token with its user; count; the page of projects with proponents and plans;
    # co-sponsors, participating economies, areas, objectives with their areas, broader
    # priorities.
    assert (small, queries(client)) == (8, 8)

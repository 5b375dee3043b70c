"""The annual report by API: the page's figures, for every signed-in reader."""

import pytest

from tests.conftest import client_for
from tests.reporting.annual.factories import build_year

pytestmark = pytest.mark.django_db

API = "/api/annual-reports/2025-2028/2026/"


def test_the_figures_of_the_hand_built_year(delegate_pe):
    build_year()
    found = client_for(delegate_pe).get(API).json()
    assert (found["year"], found["status"], found["as_of"]) == (2026, "draft", None)
    assert found["projects"]["total"] == 3
    assert [(a["number"], a["projects"]) for a in found["projects"]["areas"]] == [
        (1, 2),
        (2, 1),
        (3, 1),
        (4, 0),
        (5, 0),
    ]
    area1 = found["areas"][0]
    assert (area1["score"], area1["score_n"], area1["score_change"]) == (0.625, 4, 12.5)
    (year,) = found["participation"]
    assert (year["counted"], year["on_time"], year["submitted"], year["missing"]) == (2, 1, 2, 18)
    assert found["meetings"][0]["number"] == 60
    assert found["method"].startswith("Progress score = ")


def test_anonymous_and_unknown_years(delegate_pe):
    assert client_for(None).get(API).status_code == 401
    client = client_for(delegate_pe)
    assert client.get("/api/annual-reports/2025-2028/2031/").status_code == 404
    assert client.get("/api/annual-reports/2025-2028/99999999999/").status_code == 404
    missing = client.get("/api/annual-reports/nope/2026/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"

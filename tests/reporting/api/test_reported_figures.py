"""/api/plans/<code>/reported-figures/: the figures the secretariat reported outside the app,
read-only, apart from the dashboard's roll-ups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import ReportedFigure, StrategicPlan
from tests.conftest import client_for
from tests.plans.results.test_reported_figures import (
    PERFORMANCE_SENTENCE,
    PRIORITIES,
    SHARES_SENTENCE,
    SOURCE,
    grow,
)
from tests.reporting.api.conftest import api_for, api_in_use

pytestmark = pytest.mark.django_db

URL = "/api/plans/2021-2024/reported-figures/"


def test_the_list_gives_seed_001s_figures_in_the_sources_order(delegate_pe):
    body = api_for(delegate_pe).get(URL).json()
    assert body["count"] == 11
    figures = body["results"]
    assert [(f["kind"], f["position"], f["area"], f["value"]) for f in figures] == [
        ("projects", 1, None, "20.00"),
        *(("project_share", n, n, f"{v}.00") for n, v in enumerate([75, 80, 20, 25, 20], 1)),
        *(("performance", n, n, f"{v}.00") for n, v in enumerate([85, 77, 50, 28, 45], 1)),
    ]
    assert [f["area_as_reported"] for f in figures[1:6]] == PRIORITIES
    assert {f["quote"] for f in figures[:6]} == {SHARES_SENTENCE}
    assert {f["quote"] for f in figures[6:]} == {PERFORMANCE_SENTENCE}
    for figure in figures:
        assert {field: figure[field] for field in SOURCE} == SOURCE
        assert figure["label"] == "reported by the program director in 2024; method not stated"
        assert figure["unit"] == ("projects" if figure["kind"] == "projects" else "percent")


def test_other_plans_have_none_and_an_unknown_plan_is_404(director):
    client = api_for(director)
    assert client.get("/api/plans/2025-2028/reported-figures/").json()["count"] == 0
    missing = client.get("/api/plans/2099-2102/reported-figures/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No StrategicPlan matches the given query."}


def test_it_is_read_only(director):
    before = ReportedFigure.objects.count()
    for method in ("post", "put", "patch", "delete"):
        assert getattr(api_for(director), method)(URL, {}, format="json").status_code == 405
    assert ReportedFigure.objects.count() == before


def test_the_schema_describes_it():
    schema = api_for(None).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/plans/{code}/reported-figures/"]
    assert list(operation) == ["get"]
    assert [p["name"] for p in operation["get"]["parameters"]] == ["code", "page"]
    assert {"200", "400", "401", "404"} <= set(operation["get"]["responses"])
    fields = schema["components"]["schemas"]["ReportedFigure"]["properties"]
    assert {"kind", "area", "area_as_reported", "value", "unit", "method", "quote"} <= set(fields)


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_a_fixed_number_of_queries_whatever_the_figures(director, administrator):
    client = api_in_use(director)
    small = queries(client)
    grow(client_for(administrator), StrategicPlan.objects.get(code="2021-2024"), 5)
    assert client.get(URL).json()["count"] == 16
    # token and user; the plan; count; the page of figures with their areas.
    assert (small, queries(client)) == (4, 4)

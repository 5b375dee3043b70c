"""Odd bodies a client (or a probe) may send: 400 with a clear message, never a server error,
and nothing written."""

import pytest

from reporting.reports import forms
from tests.api.conftest import api_for
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

SECTION = "/api/reports/2026/CHL/sections/1/"


@pytest.fixture
def chl(delegate_chl):
    start_report(delegate_chl)
    return api_for(delegate_chl)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_a_value_that_is_not_a_finite_number_is_400(chl, delegate_chl, value):
    section = chl.get(SECTION).json()
    body = {
        "version": section["version"],
        "complete": False,
        "entries": [{"measure": section["entries"][0]["measure"], "value": value}],
    }

    response = chl.put(SECTION, body, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["entries[0].value"]
    assert chl.get(SECTION).json() == section


@pytest.mark.parametrize(
    "body",
    [
        "[" * 1000 + "]" * 1000,
        '{"version": 0, "complete": false, "entries": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"version": 0, "initiatives": [' + '{"title": ' * 1000 + "1" + "}" * 1000 + "]}",
    ],
    ids=["array", "in-entries", "objects"],
)
def test_a_body_nested_too_deep_is_400(chl, body):
    section = chl.get(SECTION).json()

    response = chl.put(SECTION, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - the body is nested too deeply.",
        "errors": {},
    }
    assert chl.get(SECTION).json() == section


def test_a_section_holds_at_most_its_cap_of_initiatives(chl, delegate_chl):
    section = chl.get(SECTION).json()
    cap = forms.MAX_ROWS["initiatives"]
    body = {
        "version": section["version"],
        "complete": False,
        "initiatives": [{"title": f"Initiative {index}"} for index in range(cap + 1)],
    }

    response = chl.put(SECTION, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "initiatives": [f"A section holds at most {cap} initiatives: remove some to save it."]
    }
    assert chl.get(SECTION).json() == section

    body["initiatives"] = body["initiatives"][:cap]
    response = chl.put(SECTION, body, format="json")
    assert response.status_code == 200, response.json()
    assert len(response.json()["initiatives"]) == cap

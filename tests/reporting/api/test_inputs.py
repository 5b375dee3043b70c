"""Odd bodies a client (or a probe) may send: 400 with a clear message, never a server error,
and nothing written."""

from decimal import Decimal

import pytest

from reporting.reports import caps
from tests.reporting.api.conftest import api_for
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
    cap = caps.MAX_ROWS["initiatives"]
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


@pytest.mark.parametrize("value", ["１２", "1_000", "١٢", "1e3", "+12", " 12", "12,5", "-", "."])
def test_a_value_in_other_than_ascii_digits_is_400_with_a_clear_message(chl, value):
    # Python's Decimal reads full-width and Arabic-Indic digits and underscores; the API takes
    # what its schema says, digits 0-9 with an optional sign and decimal point.
    section = chl.get(SECTION).json()
    rate = section["entries"][1]
    body = {
        "version": section["version"],
        "complete": False,
        "entries": [{"measure": rate["measure"], "value": value, "unit": "%"}],
    }

    response = chl.put(SECTION, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "entries[0].value": [
            'Enter the value as a number in a string, in the digits 0-9, like "12.5".'
        ]
    }
    assert chl.get(SECTION).json() == section


@pytest.mark.parametrize("value", ["12", "0", "12.5", "0.0001", "12.", ".5"])
def test_a_value_in_ascii_digits_is_written(chl, value):
    section = chl.get(SECTION).json()
    rate = section["entries"][1]
    body = {
        "version": section["version"],
        "complete": False,
        "entries": [{"measure": rate["measure"], "value": value, "unit": "%"}],
    }

    response = chl.put(SECTION, body, format="json")

    assert response.status_code == 200, response.json()
    assert Decimal(response.json()["entries"][1]["value"]) == Decimal(value)


@pytest.mark.parametrize(
    "query",
    [
        "/api/projects/?area=x",
        "/api/projects/?area=１",
        "/api/projects/?area=1_0",
        "/api/projects/?area=+1",
        "/api/projects/?area=%201",
        "/api/projects/?year=2026.0",
        "/api/projects/?year=２０２６",
        "/api/reports/?year=2_026",
        "/api/reports/?year=２０２６",
        "/api/cycles/?year=２０２６",
        "/api/cycles/?year=2026.0",
    ],
)
def test_a_filter_of_the_wrong_type_is_400_naming_it(director, query):
    response = api_for(director).get(query)

    assert response.status_code == 400
    name = query.split("?")[1].split("=")[0]
    assert list(response.json()["errors"]) == [name]
    assert "digits 0-9" in response.json()["errors"][name][0]


@pytest.mark.parametrize(
    "query",
    [
        "/api/projects/?area=1",
        "/api/reports/?year=2026",
        "/api/cycles/?year=2026",
        # An empty box of a form: no filter, as django-filter reads it.
        "/api/projects/?area=",
    ],
)
def test_a_filter_in_ascii_digits_is_applied(director, query):
    assert api_for(director).get(query).status_code == 200

"""The OpenAPI schema and its documentation page, served from our own static files."""

import re

import pytest

from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_with_every_resource_and_its_errors():
    response = api_for(None).get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/plans/{code}/",
        "/api/reports/",
        "/api/reports/{year}/{code}/sections/{section}/",
        "/api/reports/{year}/{code}/submit/",
        "/api/dashboard/{code}/",
    } <= set(schema["paths"])
    put = schema["paths"]["/api/reports/{year}/{code}/sections/{section}/"]["put"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(put["responses"])
    examples = put["requestBody"]["content"]["application/json"]["examples"]
    assert examples  # how to send a report
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_every_operation_with_query_filters_documents_its_400():
    # A filter of the wrong type (`?area=x`, full-width digits) is refused with 400; the schema must
    # say so, or a client (and Schemathesis) meets an answer it does not describe.
    schema = api_for(None).get("/api/schema/?format=json").json()
    filtered = {
        (path, method): operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if any(
            parameter["in"] == "query" and parameter["name"] != "page"
            for parameter in operation.get("parameters", [])
        )
    }
    assert ("/api/projects/", "get") in filtered
    assert ("/api/reports/", "get") in filtered
    assert [key for key, operation in filtered.items() if "400" not in operation["responses"]] == []


def test_the_docs_page_loads_swagger_ui_from_our_static_files():
    client = api_for(None)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources  # no CDN
    script = next(s for s in sources if s.endswith("swagger-ui-bundle.js"))
    assert client.get(script).status_code == 200


def test_the_schema_generates_without_warnings(tmp_path):
    """drf-spectacular's warnings (enum name clashes, unresolvable fields) fail `check --deploy`
    in CI; catch them here first."""
    from django.core.management import call_command

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")

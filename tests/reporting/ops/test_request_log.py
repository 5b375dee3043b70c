"""One structured log line per request, tied to the proxy's request id."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def request_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "smewg.requests"]


def test_a_signed_in_page(caplog, delegate_chl):
    with caplog.at_level(logging.INFO, logger="smewg.requests"):
        response = client_for(delegate_chl).get("/plans/", HTTP_X_REQUEST_ID="nginx-42.a_b")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "nginx-42.a_b"
    [record] = request_lines(caplog)
    assert (record.method, record.path, record.status) == ("GET", "/plans/", 200)
    assert record.user_id == delegate_chl.pk
    assert record.request_id == "nginx-42.a_b"
    assert isinstance(record.duration_ms, float)
    assert record.duration_ms >= 0

    # As the log collector receives it: one JSON object on one line.
    line = JsonFormatter("%(levelname)s %(name)s %(message)s").format(record)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["message"].startswith("GET /plans/ 200 ")
    assert {k: fields[k] for k in ("method", "path", "status", "user_id", "request_id")} == {
        "method": "GET",
        "path": "/plans/",
        "status": 200,
        "user_id": delegate_chl.pk,
        "request_id": "nginx-42.a_b",
    }


@pytest.mark.parametrize(
    "given",
    [None, "", "bad id\r\nX-Injected: 1", "x" * 65, "<script>", "ünï"],
    ids=["missing", "empty", "newline", "too-long", "markup", "non-ascii"],
)
def test_an_unusable_id_is_replaced(caplog, given):
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}
    with caplog.at_level(logging.INFO, logger="smewg.requests"):
        response = client_for(None).get("/plans/", **headers)
    assert response.status_code == 302  # to the login page: logged too
    [record] = request_lines(caplog)
    assert record.user_id is None
    assert record.status == 302
    assert len(response["X-Request-ID"]) == 32
    assert response["X-Request-ID"] != given
    assert record.request_id == response["X-Request-ID"]


def test_each_request_gets_its_own_id(caplog):
    client = client_for(None)
    ids = {client.get("/healthz")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


def test_settings_log_json(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == (
        "pythonjsonlogger.json.JsonFormatter"
    )

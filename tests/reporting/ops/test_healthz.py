"""/healthz: what the load balancer and the monitor ask, without an account."""

import json

import pytest
from django.db import DatabaseError
from django.db.backends.utils import CursorWrapper

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_up_when_the_database_answers(django_assert_num_queries, director):
    with django_assert_num_queries(1):  # SELECT 1: a balancer has no session to read
        response = client_for(None).get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client_for(director).get("/healthz").status_code == 200


def test_down_when_the_database_does_not(monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client_for(None).get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "error"


def test_plain_http_is_not_redirected(settings):
    # In production, with SECURE_SSL_REDIRECT on, the balancer still checks over plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    assert client_for(None).get("/healthz").status_code == 200
    assert client_for(None).get("/").status_code == 301

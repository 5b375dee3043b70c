"""Rate limits: API writes and review downloads, per user, counted in the cache."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.api.conftest import api_for
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

DOWNLOAD = "/reviews/2025-2028/midterm/download/csv/"


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api-write": "2/min", "review-export": "2/min"},
    }


def test_api_writes_are_limited_per_user_and_reads_are_not(low_rates, delegate_chl, delegate_pe):
    chile = api_for(delegate_chl)
    for _ in range(2):
        assert chile.post("/api/reports/", {}, format="json").status_code == 400
    refused = chile.post("/api/reports/", {}, format="json")
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert chile.get("/api/economies/").status_code == 200
    assert api_for(delegate_pe).post("/api/reports/", {}, format="json").status_code == 400
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert chile.post("/api/reports/", {}, format="json").status_code == 400


def test_review_downloads_are_limited_per_user(low_rates, chair, director):
    page = client_for(chair)
    assert DOWNLOAD == "/reviews/2025-2028/midterm/download/csv/"
    for _ in range(2):
        assert page.get(DOWNLOAD).status_code == 200
    refused = page.get(DOWNLOAD)
    assert refused.status_code == 429
    assert "Too many downloads" in refused.text
    assert int(refused["Retry-After"]) > 0
    assert client_for(director).get(DOWNLOAD).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert page.get(DOWNLOAD).status_code == 200


def test_the_rates_are_settings(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"api-write": "60/min", "review-export": "10/min"}

"""Rate limits: API writes and review downloads, per user, counted atomically in a table."""

import datetime as dt
import threading

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connections
from django.utils import timezone

from reporting.ops import throttles
from reporting.ops.models import RateCount
from tests.conftest import client_for, load_demo_catalogue
from tests.reporting.api.conftest import api_for

pytestmark = pytest.mark.django_db

DOWNLOAD = "/reviews/2025-2028/midterm/download/csv/"


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api-write": "2/min", "review-export": "2/min"},
    }


def early_in_a_window():
    """Five seconds into the next minute, the clock running: the counts below stay in one window.

    From the real clock, a test's requests could straddle the end of a minute, and the fixed window
    would rightly start counting again.
    """
    start = timezone.now().replace(second=5, microsecond=0) + dt.timedelta(minutes=1)
    return time_machine.travel(start, tick=True)


def test_api_writes_are_limited_per_user_and_reads_are_not(low_rates, delegate_chl, delegate_pe):
    chile = api_for(delegate_chl)
    with early_in_a_window():
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
    with early_in_a_window():
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
    assert rates == {"api-write": "60/min", "review-export": "10/min", "review-prepare": "30/min"}


# Counted atomically: requests that arrive together cannot all read the same count.


def test_a_count_is_one_statement_and_starts_again_in_the_next_window(
    django_assert_num_queries,
):
    with time_machine.travel(MINUTE_START, tick=False):
        with django_assert_num_queries(1):  # INSERT ... ON CONFLICT DO UPDATE ... RETURNING
            first = throttles.count("test:user:1", period=60)
        assert (first.n, first.retry_after) == (1, 55)
        assert throttles.count("test:user:1", period=60).n == 2
        assert throttles.count("test:user:2", period=60).n == 1
    with time_machine.travel(MINUTE_START + dt.timedelta(seconds=30), tick=False):
        assert throttles.count("test:user:1", period=60).n == 3
    with time_machine.travel(MINUTE_START + dt.timedelta(seconds=60), tick=False):
        assert throttles.count("test:user:1", period=60).n == 1
        # An instance whose clock is behind counts in the window the row is in.
        with time_machine.travel(MINUTE_START, tick=False):
            late = throttles.count("test:user:1", period=60)
        assert late.n == 2
        assert late.retry_after == 115
    assert RateCount.objects.filter(counter__startswith="test:").count() == 2


MINUTE_START = dt.datetime(2026, 12, 7, 10, 0, 5, tzinfo=dt.UTC)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_fifteen_downloads_at_once_let_ten_through():
    load_demo_catalogue()
    chair = User.objects.get(username="chair")
    browsers = [client_for(chair) for _ in range(15)]
    start = threading.Barrier(len(browsers), timeout=60)
    answers: list[int] = []

    def download(browser) -> None:
        try:
            start.wait()
            answers.append(browser.get(DOWNLOAD).status_code)
        finally:
            connections.close_all()

    # Early in a minute, so that the fifteen fall in one window of the limit.
    with time_machine.travel(MINUTE_START, tick=True):
        threads = [threading.Thread(target=download, args=(b,)) for b in browsers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    # Ten answered: the kept file, or 202 while the worker makes it (no file is made in a
    # request); five refused.
    assert len(answers) == 15
    assert sorted(answers)[-5:] == [429] * 5
    assert set(sorted(answers)[:10]) <= {200, 202}

"""A cycle is Not yet open before its opening date, Open while the director keeps it open, and
Closed after; every page and message names the state that applies."""

import datetime

import pytest
import time_machine

from reporting.models import CycleState
from tests.conftest import client_for
from tests.reporting.factories import make_cycle

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_states_come_from_the_dates_and_the_directors_actions(director, delegate_chl):
    past, current, future = make_cycle(2025, is_open=False), make_cycle(2026), make_cycle(2027)
    future.is_open = False
    future.save(update_fields=["is_open"])
    assert [past.state, current.state, future.state] == [
        CycleState.CLOSED,
        CycleState.OPEN,
        CycleState.NOT_YET_OPEN,
    ]

    rows = client_for(director).get("/reports/cycles/").text
    for state in ("Not yet open", "Open", "Closed"):
        assert f">{state}</strong>" in rows

    start = client_for(delegate_chl).post("/reports/2027/CHL/start/", follow=True).text
    assert "reporting cycle is not yet open" in start
    assert "cycle is closed" not in start


@time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_messages_and_the_report_page_name_the_state(director, delegate_chl):
    make_cycle(2026)
    future = make_cycle(2027)  # opened early by mistake
    client = client_for(director)
    closed = client.post("/reports/cycles/2027/close/", follow=True).text
    assert "The 2027 cycle is not yet open." in closed
    assert "The 2027 cycle is closed." not in closed
    future.refresh_from_db()
    assert future.state == CycleState.NOT_YET_OPEN

    report = client_for(delegate_chl).post("/reports/2026/CHL/start/", follow=True).text
    assert "The 2026 reporting cycle is <strong" in report
    assert ">Open</strong>" in report
    client.post("/reports/cycles/2026/close/")
    page = client.get("/reports/2026/CHL/").text
    assert ">Closed</strong>" in page
    assert "Reopen for corrections" in page  # only a closed cycle's reports are reopened

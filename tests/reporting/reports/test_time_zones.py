"""Times in the reader's time zone (a profile setting, UTC by default); “on time” in the
cycle's."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from plans.accounts.invitations import invitation_send
from plans.accounts.models import Invitation
from plans.accounts.services import preferences_set_time_zone
from plans.models import UserPreferences
from reporting.models import EconomyReport
from reporting.reports import services
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, start_report

pytestmark = pytest.mark.django_db


def test_the_profile_sets_the_time_zone_of_the_history_page(delegate_chl):
    report = start_report(delegate_chl)
    EconomyReport.history.filter(id=report.pk).update(
        history_date=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    )
    client = client_for(delegate_chl)
    page = client.get("/reports/2026/CHL/history/").text
    assert "Times are in UTC" in page
    assert "1 Mar 2026, 23:30" in page

    assert (
        client.post(
            "/accounts/profile/", {"action": "time_zone", "time_zone": "Nowhere/Else"}
        ).status_code
        == 400
    )
    assert not UserPreferences.objects.exists()
    response = client.post("/accounts/profile/", {"action": "time_zone", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    assert UserPreferences.objects.get(user=delegate_chl).time_zone == "Asia/Tokyo"
    page = client.get("/reports/2026/CHL/history/").text
    assert "Times are in JST (Tokyo)" in page
    assert "2 Mar 2026, 08:30" in page  # UTC+9


def test_history_names_people_and_shows_values_as_the_form_does(delegate_chl, director):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)  # the general indicators: "Nothing to report"
    services.report_submit(report_id=report.pk, user=delegate_chl)
    services.report_return(report_id=report.pk, user=director, comment="More.", section_comments={})
    page = client_for(director).get("/reports/2026/CHL/history/").text
    row = '<th scope="row">{}</th><td class="pre-line">{}</td><td class="pre-line">{}</td>'
    assert row.format("Nothing to report", "No", "Yes") in page
    assert row.format("Submitted by", "–", "Demo Delegate (CHL)") in page
    assert row.format("Reviewed by", "–", "Demo Director") in page
    assert row.format("Status", "Submitted", "Returned") in page


@pytest.mark.parametrize(("zone", "on_time"), [("UTC", True), ("Pacific/Auckland", False)])
def test_on_time_compares_dates_in_the_cycles_time_zone(delegate_chl, zone, on_time):
    cycle = make_cycle(2026)
    cycle.time_zone = zone
    cycle.save()
    report = start_report(delegate_chl)
    # 12:00 UTC on the due date is already the next day in Auckland.
    report.cycle = cycle
    report.record_submission(datetime.datetime(2026, 10, 31, 12, tzinfo=datetime.UTC))
    assert report.submitted_on_time is on_time


def test_the_submit_confirmation_gives_the_time_in_the_readers_zone_named(delegate_chl):
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    with time_machine.travel(datetime.datetime(2026, 12, 7, 17, 31, tzinfo=datetime.UTC)):
        services.report_submit(report_id=report.pk, user=delegate_chl)
    page = client_for(delegate_chl).get("/reports/2026/CHL/submitted/").text
    assert "7 December 2026, 12:31 UTC-05 (Lima)</time>" in page
    assert "17:31 UTC" not in page


def test_a_reader_in_lima_sees_every_report_page_in_their_zone_named(delegate_chl, director):
    """03:31 UTC on 8 December is 22:31 on 7 December in Lima: the queue, the report, the check
    page's "last changed by" and the history show Lima's time and say so; a reader in UTC sees
    UTC, named too."""
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    delegate = client_for(delegate_chl)
    with time_machine.travel(datetime.datetime(2026, 12, 8, 3, 31, tzinfo=datetime.UTC)):
        report = start_report(delegate_chl)
        fill_report(delegate_chl, report)
        check = delegate.get("/reports/2026/CHL/check/").text
        services.report_submit(report_id=report.pk, user=delegate_chl)
    assert 'on <time datetime="2026-12-08T03:31' in check
    assert "7 December 2026, 22:31 UTC-05 (Lima)</time>" in check
    assert "Submitted on <time" in delegate.get("/reports/2026/CHL/").text
    assert "7 December 2026, 22:31 UTC-05 (Lima)" in delegate.get("/reports/2026/CHL/").text
    history = delegate.get("/reports/2026/CHL/history/").text
    assert "Times are in UTC-05 (Lima)" in history
    assert "7 Dec 2026, 22:31" in history

    reader = client_for(director)
    assert "8 December 2026, 03:31 UTC" in reader.get("/reports/2026/CHL/").text
    queue = reader.get("/reports/queue/?year=2026").text
    assert "Submitted, UTC</th>" in queue
    assert "8 Dec 2026" in queue
    # The director moves to Lima: the next page is in Lima's time.
    reader.post("/accounts/profile/", {"action": "time_zone", "time_zone": "America/Lima"})
    queue = reader.get("/reports/queue/?year=2026").text
    assert "Submitted, UTC-05 (Lima)</th>" in queue
    assert "7 Dec 2026" in queue
    assert "8 Dec 2026" not in queue


def test_the_invitations_page_names_the_readers_zone(director):
    preferences_set_time_zone(user=director, time_zone="America/Lima")
    with time_machine.travel(datetime.datetime(2026, 12, 8, 3, 31, tzinfo=datetime.UTC)):
        invitation_send(by=director, email="new@example.org", role="Contributor", economy_code="PE")
    page = client_for(director).get("/accounts/invitations/").text
    assert "Link works until, UTC-05 (Lima)</th>" in page
    expires = Invitation.objects.get().expires.astimezone(zoneinfo.ZoneInfo("America/Lima"))
    assert f"{expires:%-d %b %Y, %H:%M}</time>" in page


def test_pages_outside_a_request_and_for_strangers_are_in_utc(delegate_chl):
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    client_for(delegate_chl).get("/reports/")
    assert timezone.get_current_timezone_name() == "UTC"  # the request's zone ended with it
    assert Client().get("/accounts/login/").status_code == 200
    assert timezone.get_current_timezone_name() == "UTC"

"""On time: the first submission, dated in the cycle's time zone, on or before the due date; a
resubmission after a return does not make a report late. Reports reopened after acceptance are
counted, for the notes beside the figures they moved."""

import datetime

import pytest
import time_machine

from plans.models import Economy
from reporting.models import EconomyReport
from reporting.reports import services
from reporting.rollups.participation import participation
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, start_report

pytestmark = pytest.mark.django_db


def submit_at(user, moment: datetime.datetime, *, zone: str, code: str = "CHL") -> EconomyReport:
    cycle = make_cycle(2026)
    cycle.time_zone = zone
    cycle.save()
    report = start_report(user, code)
    fill_report(user, report)
    with time_machine.travel(moment, tick=False):
        services.report_submit(report_id=report.pk, user=user)
    report.refresh_from_db()
    return report


def on_time_of(report: EconomyReport, *, include_submitted: bool = True) -> tuple[int, int]:
    """(on time, submitted) of the report's year on the participation table."""
    window = Window(plan=report.cycle.plan, start=2026, end=2026, include_submitted=True)
    (year,) = participation(window, Economy.objects.count())
    return year.on_time, year.submitted


def test_half_past_eleven_local_on_the_due_date_is_on_time_though_utc_is_the_next_day(
    delegate_chl,
):
    # 23:30 on 31 October in Lima (UTC-5) is 04:30 on 1 November in UTC.
    report = submit_at(
        delegate_chl,
        datetime.datetime(2026, 11, 1, 4, 30, tzinfo=datetime.UTC),
        zone="America/Lima",
    )
    assert report.first_submitted_on == datetime.date(2026, 10, 31)
    assert report.submitted_on_time is True
    assert on_time_of(report) == (1, 1)


def test_half_past_one_local_the_day_after_is_late_though_utc_is_the_due_date(delegate_chl):
    # 01:30 on 1 November in Auckland (UTC+13) is 12:30 on 31 October in UTC.
    report = submit_at(
        delegate_chl,
        datetime.datetime(2026, 10, 31, 12, 30, tzinfo=datetime.UTC),
        zone="Pacific/Auckland",
    )
    assert report.first_submitted_on == datetime.date(2026, 11, 1)
    assert report.submitted_on_time is False
    assert on_time_of(report) == (0, 1)


def test_a_resubmission_after_a_return_does_not_make_a_report_late(delegate_chl, director):
    report = submit_at(
        delegate_chl, datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC), zone="UTC"
    )
    services.report_return(report_id=report.pk, user=director, comment="More.", section_comments={})
    fill_report(delegate_chl, report)
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC), tick=False):
        services.report_submit(report_id=report.pk, user=delegate_chl)
    services.report_accept(report_id=report.pk, user=director)
    report.refresh_from_db()
    assert report.submitted_at.date() == datetime.date(2026, 12, 3)
    assert report.first_submitted_at == datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
    assert report.submitted_on_time is True
    assert on_time_of(report) == (1, 1)


def test_reopening_an_accepted_report_is_counted_for_its_year(delegate_chl, director):
    report = submit_at(
        delegate_chl, datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC), zone="UTC"
    )
    services.report_accept(report_id=report.pk, user=director)
    window = Window(plan=report.cycle.plan, start=2026, end=2026)
    assert participation(window, 21)[0].reopened == 0
    services.cycle_set_open(cycle_id=report.cycle_id, user=director, is_open=False)
    services.report_reopen(report_id=report.pk, user=director, comment="A wrong figure.")
    report.refresh_from_db()
    assert report.reopened_after_acceptance_at is not None
    (year,) = participation(window, 21)
    assert (year.reopened, year.counted) == (1, 0)
    # Submitted again and accepted: still a report reopened after acceptance.
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    services.report_accept(report_id=report.pk, user=director)
    (year,) = participation(window, 21)
    assert (year.reopened, year.counted, year.on_time) == (1, 1, 1)


def test_the_figures_a_reopened_report_moved_say_so_and_the_director_lists_it(
    delegate_chl, director, django_assert_num_queries
):
    report = submit_at(
        delegate_chl, datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC), zone="UTC"
    )
    services.report_accept(report_id=report.pk, user=director)
    client = client_for(director)
    dashboard = client.get("/dashboard/2025-2028/?start=2026&end=2026").text
    assert "reopened report" not in dashboard
    assert "No report of this plan" in client.get("/dashboard/2025-2028/reopened/").text

    services.cycle_set_open(cycle_id=report.cycle_id, user=director, is_open=False)
    services.report_reopen(report_id=report.pk, user=director, comment="A wrong figure.")
    dashboard = client.get("/dashboard/2025-2028/?start=2026&end=2026").text
    assert "includes 1 reopened report</span>" in dashboard  # the year's counts
    assert "These figures include 1 reopened report:" in dashboard  # the areas'
    assert 'href="/dashboard/2025-2028/reopened/"' in dashboard
    # Another window does not count it.
    assert "reopened report" not in client.get("/dashboard/2025-2028/?start=2025&end=2025").text

    # The session, the user and their role, the plan and its areas (plan_or_404), then the
    # reports with their cycle and economy.
    with django_assert_num_queries(6):
        page = client.get("/dashboard/2025-2028/reopened/").text
    assert "A wrong figure." in page
    assert 'href="/reports/2026/CHL/"' in page
    assert "Returned" in page

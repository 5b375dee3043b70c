"""The e-mails of the workflow: each queued once the change commits, to the right people, saying
what the pages say."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django_tasks_db.models import DBTaskResult

from plans.accounts.services import preferences_set_time_zone
from reporting.ops.mail import by_time_zone
from reporting.reports import services
from tests.conftest import client_for, queued_mail, run_worker
from tests.reporting.factories import fill_report, start_report

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/"


@pytest.fixture
def submitted(delegate_chl, django_capture_on_commit_callbacks):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report_id=report.pk, user=delegate_chl)
    mail.outbox.clear()
    return report


def test_accepting_tells_the_delegates_through_the_queue(
    submitted, delegate_chl, director, database_queue, django_capture_on_commit_callbacks
):
    # The "Report submitted" page promises it: accepted or returned, the delegates hear.
    page = client_for(delegate_chl).get(f"{URL}submitted/").text
    assert "either way, the delegates of Chile get an e-mail" in page

    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        response = client_for(director).post(f"{URL}accept/")
    assert response.status_code == 302
    assert not DBTaskResult.objects.exists()  # nothing before the transaction commits
    for callback in on_commit:
        callback()
    [(status, _attempt, message)] = queued_mail()
    assert status == "READY"
    assert message["recipients"] == ["delegate-chl@example.org"]

    run_worker()
    [sent] = mail.outbox
    assert sent.to == ["delegate-chl@example.org"]
    assert sent.subject == "[SMEWG] Your 2026 report was accepted"
    assert "The program director accepted Chile's 2026 annual report on " in sent.body
    assert "counts in the SMEWG's roll-ups" in sent.body
    assert f"Open the report: http://127.0.0.1:8000{URL}" in sent.body


def test_the_returned_e_mail_gives_each_sections_comment(
    submitted, director, django_capture_on_commit_callbacks
):
    area_1 = submitted.sections.select_related("area").get(position=1)
    general = submitted.sections.get(area=None)
    comments = {
        "comment": "Please add the 2025 start-up rate.",
        f"section_{area_1.pk}": "Which year is the rate about?",
        f"section_{general.pk}": "Name the dialogue's partner forum.",
        "confirm": "yes",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(director).post(f"{URL}return/", comments)
    assert response.status_code == 302

    [sent] = mail.outbox
    assert sent.to == ["delegate-chl@example.org"]
    assert sent.subject == "[SMEWG] Your 2026 report was returned with comments"
    body = sent.body
    assert "with these comments:\n\nPlease add the 2025 start-up rate." in body
    area_comment = f"1. {area_1.area.name}:\nWhich year is the rate about?"
    general_comment = "General indicators:\nName the dialogue's partner forum."
    assert area_comment in body
    assert general_comment in body
    assert body.index(area_comment) < body.index(general_comment)  # in the report's order
    assert "2. " not in body  # sections without a comment are not listed
    assert f"Open the report: http://127.0.0.1:8000{URL}" in body


def test_each_reader_gets_the_time_in_their_own_time_zone_named(
    delegate_chl, director, django_capture_on_commit_callbacks
):
    preferences_set_time_zone(user=delegate_chl, time_zone="America/Lima")
    preferences_set_time_zone(user=director, time_zone="Asia/Tokyo")
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    with time_machine.travel(dt.datetime(2026, 12, 7, 17, 31, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_submit(report_id=report.pk, user=delegate_chl)
        with django_capture_on_commit_callbacks(execute=True):
            services.report_accept(report_id=report.pk, user=director)
    submitted, accepted = mail.outbox
    assert submitted.to == ["director@example.org"]
    assert "for your review on 8 December 2026, 02:31 JST (Tokyo)." in submitted.body
    assert accepted.to == ["delegate-chl@example.org"]
    assert "2026 annual report on 7 December 2026, 12:31 UTC-05 (Lima)." in accepted.body
    assert "17:31" not in accepted.body


def test_one_message_per_time_zone_among_the_recipients(director, chair, delegate_pe):
    preferences_set_time_zone(user=chair, time_zone="Europe/Berlin")
    preferences_set_time_zone(user=delegate_pe, time_zone="Europe/Berlin")
    moment = dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC)
    users = User.objects.filter(pk__in=[director.pk, chair.pk, delegate_pe.pk])
    assert by_time_zone(users, moment) == {
        "1 July 2026, 09:05 UTC": [director.email],
        "1 July 2026, 11:05 CEST (Berlin)": sorted([chair.email, delegate_pe.email]),
    }

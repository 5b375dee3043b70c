"""Notification e-mails leave the request through the queue and survive a mail server outage."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reporting.models import ReportStatus
from reporting.ops.mail import MAX_ATTEMPTS, retry_delay, send_email
from tests.conftest import client_for, run_worker
from tests.reporting.factories import fill_report, start_report

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/"


def statuses() -> list[tuple[str, int]]:
    """(status, attempt) of each queued send, by attempt (the test's clock stands still)."""
    rows = [
        (row.status, row.args_kwargs["kwargs"].get("attempt", 1))
        for row in DBTaskResult.objects.all()
    ]
    return sorted(rows, key=lambda row: row[1])


def test_mail_waits_in_the_queue_while_the_mail_server_is_down(
    delegate_chl,
    database_queue,
    smtp_unreachable,
    settings,
    time_machine,
    django_capture_on_commit_callbacks,
):
    time_machine.move_to(timezone.now(), tick=False)
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    delegate = client_for(delegate_chl)
    assert not DBTaskResult.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = delegate.post(f"{URL}check/")
    # The delegate's submission succeeds without waiting for the mail server.
    assert response["Location"] == f"{URL}submitted/"
    assert "Report submitted" in delegate.get(response["Location"]).text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert statuses() == [("READY", 1)]

    run_worker()
    # The refused attempt is recorded; the next waits a minute in the queue.
    assert statuses() == [("FAILED", 1), ("READY", 2)]
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == timezone.now() + datetime.timedelta(minutes=1)
    assert "ConnectionRefusedError" in DBTaskResult.objects.get(status="FAILED").traceback

    run_worker()  # not due yet: nothing runs
    assert statuses() == [("FAILED", 1), ("READY", 2)]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.shift(datetime.timedelta(minutes=1))
    run_worker()
    assert statuses() == [("FAILED", 1), ("SUCCESSFUL", 2)]
    assert [m.to for m in mail.outbox] == [["director@example.org"]]
    assert "Chile submitted its 2026 report" in mail.outbox[0].subject
    assert f"{URL}" in mail.outbox[0].body


def test_the_last_attempt_fails_for_good(database_queue, smtp_unreachable):
    with pytest.raises(ConnectionRefusedError):
        send_email.call(subject="s", body="b", recipients=["a@example.org"], attempt=MAX_ATTEMPTS)
    assert not DBTaskResult.objects.exists()  # nothing queued again: left for an administrator

    with pytest.raises(ConnectionRefusedError):
        send_email.call(subject="s", body="b", recipients=["a@example.org"], attempt=3)
    assert statuses() == [("READY", 4)]


def test_retries_back_off_to_an_hour_and_span_18_hours():
    delays = [retry_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)]
    assert [d.total_seconds() / 60 for d in delays[:7]] == [1, 2, 4, 8, 16, 32, 60]
    assert max(delays) == datetime.timedelta(hours=1)
    # The last attempt: 63 minutes of doubling, then 17 hourly waits.
    assert sum(delays, datetime.timedelta()) == datetime.timedelta(hours=18, minutes=3)


def test_tests_send_at_once_on_commit(delegate_chl, django_capture_on_commit_callbacks):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(delegate_chl).post(f"{URL}check/")
    assert mail.outbox == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["director@example.org"]]

"""Reminders on a fixed clock: 30, 14, 7 and 1 days before the due date (31 October 2026), then
weekly while overdue; idempotent per day; none after submission or once the cycle closes."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from plans.accounts import invitations
from reporting.models import Reminder, ReportStatus
from reporting.reports import reminders, services
from reporting.reports.reminders import stage_for
from tests.conftest import client_for, queued_mail, run_worker
from tests.reporting.factories import fill_report, make_cycle, start_report

pytestmark = pytest.mark.django_db
ECONOMIES = 21


def on(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T09:00:00+00:00"), tick=False)


@pytest.fixture
def send_reminders(django_capture_on_commit_callbacks):
    """Today's reminders; their mail goes once the transaction commits, here at once."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders()

    return run


def chile_mails() -> list:
    return [m for m in mail.outbox if m.to == ["delegate-chl@example.org"]]


@pytest.mark.parametrize(
    ("days_left", "kind"),
    [(31, None), (30, "30_days"), (15, "30_days"), (14, "14_days"), (8, "14_days"),
     (7, "7_days"), (2, "7_days"), (1, "1_day"), (0, "1_day"), (-1, "overdue")],
)  # fmt: skip
def test_the_stage_of_each_day(days_left, kind):
    assert stage_for(days_left) == kind


def test_reminders_go_on_their_days_once_and_say_who_what_when(delegate_chl, send_reminders):
    make_cycle(2026)
    with on("2026-09-30"):  # 31 days before
        assert send_reminders() == []
    with on("2026-10-01"):  # 30 days before
        sent = send_reminders()
        assert len(sent) == ECONOMIES
        assert send_reminders() == []  # a second run the same day sends nothing
        out = StringIO()
        call_command("send_reminders", stdout=out)
        assert "0 reminders queued." in out.getvalue()
    assert len(mail.outbox) == ECONOMIES
    message = chile_mails()[0]
    assert message.subject == "[SMEWG] Chile's 2026 report is due in 30 days"
    assert "Dear delegates of Chile" in message.body
    assert "due on 31 October 2026, in 30 days" in message.body
    assert "The report has not been started yet." in message.body
    assert "http://127.0.0.1:8000/reports/2026/CHL/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<a href="http://127.0.0.1:8000/reports/2026/CHL/">' in html

    with on("2026-10-02"):
        assert send_reminders() == []
    with on("2026-10-17"):  # 14 days before: Chile has a draft now
        start_report(delegate_chl)
        assert len(send_reminders()) == ECONOMIES
    assert "It is a draft: 0 of 6 sections are complete." in chile_mails()[-1].body
    with on("2026-10-24"):
        assert len(send_reminders()) == ECONOMIES
    with on("2026-10-30"):
        assert len(send_reminders()) == ECONOMIES
        assert send_reminders() == []
    assert len(chile_mails()) == 4
    kinds = Reminder.objects.filter(economy__code="CHL").values_list("kind", flat=True)
    assert sorted(kinds) == ["14_days", "1_day", "30_days", "7_days"]


def test_overdue_reminders_are_weekly_until_the_cycle_closes(director, send_reminders):
    cycle = make_cycle(2026)
    with on("2026-11-01"):
        assert len(send_reminders()) == ECONOMIES
        assert "is overdue" in chile_mails()[-1].subject
        assert "it is 1 day overdue" in chile_mails()[-1].body
    for day in range(2, 8):
        with on(f"2026-11-0{day}"):
            assert send_reminders() == []
    with on("2026-11-08"):
        assert len(send_reminders()) == ECONOMIES
    services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=False)
    with on("2026-11-15"):
        assert send_reminders() == []
    assert len(chile_mails()) == 2


def test_no_reminder_after_submission(delegate_chl, send_reminders):
    make_cycle(2026)
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    with on("2026-10-01"):
        sent = send_reminders()
    assert len(sent) == ECONOMIES - 1
    assert "CHL" not in {reminder.economy.code for reminder in sent}
    assert chile_mails() == []


def test_days_are_counted_in_the_cycles_time_zone(send_reminders):
    cycle = make_cycle(2026)
    cycle.time_zone = "Pacific/Auckland"
    cycle.save()
    # 20:00 UTC on 30 September is already 1 October in Auckland: 30 days before.
    with time_machine.travel(datetime.datetime(2026, 9, 30, 20, tzinfo=datetime.UTC), tick=False):
        sent = send_reminders()
    assert len(sent) == ECONOMIES
    assert sent[0].sent_on == datetime.date(2026, 10, 1)


def test_the_director_sees_the_reminders_and_sends_one_now(
    director, delegate_chl, send_reminders, django_capture_on_commit_callbacks
):
    make_cycle(2026)
    start_report(delegate_chl)
    with on("2026-10-01"):
        send_reminders()
    page = client_for(director).get("/reports/2026/CHL/").text
    assert "30 days before the due date" in page
    assert "delegate-chl@example.org" in page
    assert "Send a reminder now" in page
    assert "Send a reminder now" not in client_for(delegate_chl).get("/reports/2026/CHL/").text

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(director).post("/reports/2026/CHL/remind/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["delegate-chl@example.org"]]
    manual = Reminder.objects.get(economy__code="CHL", kind="manual")
    assert manual.sent_by == director
    page = client_for(director).get("/reports/2026/CHL/").text
    assert "Asked for by the program director" in page
    # An economy that has not started gets one too, from its (empty) report page.
    assert client_for(director).post("/reports/2026/PE/remind/").status_code == 302
    assert Reminder.objects.filter(economy__code="PE", kind="manual").count() == 1


def test_the_director_sees_the_reminders_of_an_economy_yet_to_start(director, send_reminders):
    """Its page has no report, only the cycle and the economy: the list of reminders names the
    economy from those."""
    make_cycle(2026)
    with on("2026-11-02"):
        send_reminders()
        response = client_for(director).get("/reports/2026/PE/")
    assert response.status_code == 200
    assert "Reminders to the delegates of Peru" in response.text
    assert "Overdue" in response.text
    assert "delegate-pe@example.org" in response.text


def test_no_reminder_now_for_a_submitted_report(director, delegate_chl):
    make_cycle(2026)
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    report = services.report_submit(report_id=report.pk, user=delegate_chl)
    assert report.status == ReportStatus.SUBMITTED
    client = client_for(director)
    response = client.post("/reports/2026/CHL/remind/", follow=True)
    assert "Chile has submitted its 2026 report already." in response.text
    assert chile_mails() == []
    assert not Reminder.objects.exists()


# The mail server down: reminders are queued all the same, and wait in the queue -----------------


def attempts() -> list[tuple[str, int]]:
    return [(status, attempt) for status, attempt, _kwargs in queued_mail()]


def test_the_director_queues_a_reminder_while_the_mail_server_is_down(
    director,
    delegate_chl,
    database_queue,
    smtp_unreachable,
    settings,
    django_capture_on_commit_callbacks,
):
    start_report(delegate_chl)
    with on("2026-10-01"), django_capture_on_commit_callbacks(execute=True):
        response = client_for(director).post("/reports/2026/CHL/remind/", follow=True)
    assert response.status_code == 200
    assert "A reminder to 1 delegate of Chile is queued" in response.text
    assert Reminder.objects.filter(economy__code="CHL", kind="manual").count() == 1
    [(status, attempt, message)] = queued_mail()
    assert (status, attempt) == ("READY", 1)
    assert message["recipients"] == ["delegate-chl@example.org"]
    assert message["subject"] == "[SMEWG] Chile's 2026 report is due in 30 days"
    assert '<a href="http://127.0.0.1:8000/reports/2026/CHL/">' in message["html"]

    with on("2026-10-01"):
        run_worker()
    assert attempts() == [("FAILED", 1), ("READY", 2)]  # tried, and queued again
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with on("2026-10-02"):
        run_worker()
    assert attempts() == [("FAILED", 1), ("SUCCESSFUL", 2)]
    assert chile_mails()[0].subject == "[SMEWG] Chile's 2026 report is due in 30 days"
    html, kind = chile_mails()[0].alternatives[0]
    assert kind == "text/html"
    assert "Dear delegates of Chile" in html


def test_reminders_reach_every_economy_while_the_mail_server_is_down(
    database_queue, smtp_unreachable, django_capture_on_commit_callbacks
):
    make_cycle(2026)
    out = StringIO()
    with on("2026-10-01"), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "21 reminders queued." in out.getvalue()
    assert Reminder.objects.count() == ECONOMIES
    assert attempts() == [("READY", 1)] * ECONOMIES

    with on("2026-10-01"):
        run_worker()
    # Every economy's reminder was tried and waits for its next attempt.
    assert attempts() == [("FAILED", 1)] * ECONOMIES + [("READY", 2)] * ECONOMIES
    waiting = {
        tuple(kwargs["recipients"]) for status, _, kwargs in queued_mail() if status == "READY"
    }
    assert len(waiting) == ECONOMIES
    assert ("delegate-vn@example.org",) in waiting


def test_a_mail_fault_where_tasks_run_at_once_stops_nothing(
    mail_server_down, django_capture_on_commit_callbacks, caplog
):
    """The tests' backend runs each task where it is queued and records its failure, as the
    worker does: the command goes on to every economy."""
    make_cycle(2026)
    out = StringIO()
    with on("2026-10-01"), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "21 reminders queued." in out.getvalue()
    assert Reminder.objects.count() == ECONOMIES
    assert mail.outbox == []
    failed = [r for r in caplog.records if "state=FAILED" in r.getMessage()]
    assert len(failed) == ECONOMIES


def test_after_a_handover_the_reminders_go_to_the_successor(director, delegate_chl, send_reminders):
    make_cycle(2026)
    with on("2026-09-20"):
        invitations.invitation_send(
            by=director,
            email="successor@example.cl",
            role="Delegate",
            economy_code="CHL",
            predecessor=delegate_chl,
            predecessor_access_ends=datetime.date(2026, 10, 1),
        )
        token = re.findall(r"/accounts/invitations/(\S+)/", mail.outbox[-1].body)[0]
        invitations.invitation_accept(token=token, password="a-new-password-for-apec")
    delegate_chl.refresh_from_db()
    assert delegate_chl.is_active  # until the date the director gave
    with on("2026-10-01"):  # the handover's date, 30 days before the due date
        send_reminders()
    delegate_chl.refresh_from_db()
    assert not delegate_chl.is_active
    assert chile_mails() == []
    invitation, reminder = [m for m in mail.outbox if m.to == ["successor@example.cl"]]
    assert "invited" in invitation.subject
    assert reminder.subject == "[SMEWG] Chile's 2026 report is due in 30 days"

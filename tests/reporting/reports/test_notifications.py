"""The e-mails of the workflow: each queued once the change commits, to the right people, saying
what the pages say."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

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
    assert "The program director accepted Chile's 2026 annual report." in sent.body
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

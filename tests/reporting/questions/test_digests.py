"""The weekly digest: each delegate's new questions to their economy and answers to their
questions of the past week, once a week, none when empty, none after opting out."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from reporting.models import DigestSent
from reporting.questions.digests import send_digests
from reporting.questions.models import Subject
from reporting.questions.services import post_hide, question_answer, question_ask
from tests.conftest import client_for, queued_mail
from tests.reporting.adoptions.factories import delegate
from tests.reporting.questions.factories import accepted_report

pytestmark = pytest.mark.django_db
SUBJECT = "[SMEWG] Your weekly digest of questions between economies"


@pytest.fixture
def threads(delegate_chl, delegate_pe, director):
    report = accepted_report("CHL", 2025)

    def ask(code, text):
        return question_ask(
            report_id=report.pk,
            user=delegate(code),
            subject=Subject.LESSONS,
            record_id=None,
            text=text,
        )

    asked = ask("PE", "How did you reach rural firms?")
    question_answer(question_id=asked.pk, user=delegate_chl, text="Through regional chambers.")
    ask("JPN", "Which agency runs it?")
    post_hide(post=ask("AUS", "ZQ hidden question"), user=director, reason="Off topic.")
    return report


def digests() -> dict[str, str]:
    sent = [kwargs for _status, _attempt, kwargs in queued_mail() if kwargs["subject"] == SUBJECT]
    return {mail["recipients"][0]: mail["body"] for mail in sent}


def test_each_delegate_gets_the_weeks_news_once(
    threads, delegate_chl, delegate_pe, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = io.StringIO()
        call_command("send_digests", stdout=output)
    assert "2 digests queued." in output.getvalue()
    sent = digests()
    assert set(sent) == {delegate_chl.email, delegate_pe.email}  # Japan: nothing new for it
    assert "Peru on your 2025 report (Lessons learned)" in sent[delegate_chl.email]
    assert "Which agency runs it?" in sent[delegate_chl.email]
    assert "ZQ hidden question" not in sent[delegate_chl.email]
    assert "Chile answered your question" in sent[delegate_pe.email]
    assert "Through regional chambers." in sent[delegate_pe.email]
    assert DigestSent.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        output = io.StringIO()
        call_command("send_digests", stdout=output)
    assert "0 digests queued." in output.getvalue()
    assert len(digests()) == 2
    next_week = timezone.now() + datetime.timedelta(days=8)
    assert send_digests(next_week) == []  # nothing new in the week before


def test_a_delegate_who_opts_out_on_the_profile_gets_none(
    threads, delegate_chl, delegate_pe, database_queue, django_capture_on_commit_callbacks
):
    client = client_for(delegate_pe)
    box = lambda: client.get("/accounts/profile/").context["digest_form"]["question_digest"]  # noqa: E731
    assert box().value() is True
    saved = client.post("/accounts/profile/", {"action": "digest"})
    assert saved.status_code == 302
    assert box().value() is False
    with django_capture_on_commit_callbacks(execute=True):
        queued = send_digests()
    assert [digest.user for digest in queued] == [delegate_chl]
    assert set(digests()) == {delegate_chl.email}

"""The answering economy's delegate releases the questions and answers on its report with it:
answered threads on public content, as they stood at the release; never a hidden post; off the
public site with the release, and at once when the director hides a post."""

import pytest

from reporting.questions.models import Subject
from reporting.questions.services import post_hide, question_answer
from reporting.reports import services
from reporting.reports.models import BestPractice, Initiative
from tests.conftest import client_for
from tests.reporting.public.factories import MARKER
from tests.reporting.questions.factories import accepted_report, thread

pytestmark = pytest.mark.django_db

RELEASE = "/reports/2025/CHL/release/"
PUBLIC = "/public/reports/2025/CHL/"


@pytest.fixture(autouse=True)
def kept(settings):
    # The anonymous reader's page is kept: each act must move it.
    settings.PUBLIC_CACHE_SECONDS = 3600


@pytest.fixture
def threads(delegate_chl, delegate_pe, director):
    """Chile's accepted 2025 report with Peru's answered question on an initiative (one answer
    hidden), an answered question on a best practice, and an unanswered one."""
    report = accepted_report()
    initiative = Initiative.objects.get(report=report)
    on_initiative = thread(
        delegate_pe,
        report,
        Subject.INITIATIVE,
        "How many firms took part?",
        initiative,
        "About 400 firms.",
    )
    hidden = question_answer(
        question_id=on_initiative.pk, user=delegate_chl, text=f"{MARKER} hidden answer"
    )
    post_hide(post=hidden, user=director, reason="Names a firm.")
    practice = BestPractice.objects.get(report=report)
    thread(delegate_pe, report, Subject.BEST_PRACTICE, f"{MARKER} practice", practice, MARKER)
    thread(delegate_pe, report, Subject.LESSONS, f"{MARKER} not answered yet")
    return report


def test_the_delegate_releases_the_answered_threads_with_the_report(threads, delegate_chl):
    delegate = client_for(delegate_chl)
    preview = delegate.get(RELEASE)
    assert "Also release the 1 answered question from other economies" in preview.text
    assert 'name="with_questions"' in preview.text
    assert "checked" not in preview.text.split('name="with_questions"')[1].split(">")[0]
    assert "How many firms took part?" in preview.text

    response = delegate.post(RELEASE, {"with_questions": "on"})

    assert response.status_code == 302
    threads.refresh_from_db()
    assert threads.questions_released
    latest = threads.history.order_by("-history_date").first()
    assert latest.questions_released
    assert latest.history_change_reason == (
        "Released to the public site with its questions and answers."
    )
    page = client_for(None).get(PUBLIC).text
    assert "Questions from other economies" in page
    assert "Peru asked about Initiative: SME export coaching" in page
    assert "How many firms took part?" in page
    assert "About 400 firms." in page
    assert MARKER not in page


def test_the_report_alone_is_released_by_default(threads, delegate_chl):
    client_for(delegate_chl).post(RELEASE)

    threads.refresh_from_db()
    assert threads.released_at is not None
    assert not threads.questions_released
    page = client_for(None).get(PUBLIC).text
    assert "SME export coaching" in page
    assert "How many firms took part?" not in page


def test_posts_after_the_release_wait_for_the_next_release(threads, delegate_chl, delegate_pe):
    services.report_release(report_id=threads.pk, user=delegate_chl, with_questions=True)
    section = threads.sections.first()
    thread(
        delegate_pe,
        threads,
        Subject.SECTION,
        "Asked after the release.",
        section,
        "Answered after the release.",
    )

    assert "Asked after the release." not in client_for(None).get(PUBLIC).text

    services.report_withdraw(report_id=threads.pk, user=delegate_chl)
    threads.refresh_from_db()
    assert not threads.questions_released
    assert client_for(None).get(PUBLIC).status_code == 404
    services.report_release(report_id=threads.pk, user=delegate_chl, with_questions=True)
    page = client_for(None).get(PUBLIC).text
    assert "Asked after the release." in page
    assert "Answered after the release." in page


def test_a_post_hidden_after_the_release_leaves_the_public_page_at_once(
    threads, delegate_chl, director
):
    services.report_release(report_id=threads.pk, user=delegate_chl, with_questions=True)
    anonymous = client_for(None)
    assert "About 400 firms." in anonymous.get(PUBLIC).text

    answer = threads.questions.get(subject=Subject.INITIATIVE).answers.shown().get()
    post_hide(post=answer, user=director, reason="Not for the public after all.")

    page = anonymous.get(PUBLIC).text
    assert "About 400 firms." not in page
    assert "How many firms took part?" not in page


def test_a_thread_on_a_members_only_initiative_stays_with_the_members(threads, delegate_chl):
    Initiative.objects.filter(report=threads).update(members_only=True)
    preview = client_for(delegate_chl).get(RELEASE).text
    assert 'name="with_questions"' not in preview
    assert "No answered question from another economy can be released" in preview

    services.report_release(report_id=threads.pk, user=delegate_chl, with_questions=True)

    assert "How many firms took part?" not in client_for(None).get(PUBLIC).text

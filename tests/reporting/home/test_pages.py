"""The home page says what to do next: a delegate's report with its state, due date and days
left or overdue and the one button; the director's counts per state with the overdue economies;
the Chair's reviews; the questions other economies asked, waiting for an answer."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from plans.models import StrategicPlan
from reporting.questions.models import Subject
from reporting.questions.services import question_answer, question_ask
from reporting.reports import services
from reporting.reviews import services as review_services
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, start_report
from tests.reporting.questions.factories import accepted_report

pytestmark = pytest.mark.django_db


def on(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T09:00:00+00:00"), tick=False)


def test_a_delegate_sees_the_report_due_and_the_next_step(delegate_chl):
    make_cycle(2026)
    client = client_for(delegate_chl)
    with on("2026-10-21"):
        page = client.get("/").text
    assert "Chile's 2026 report:" in page
    assert "Not started" in page
    assert "Due <strong>31 October 2026</strong>: 10 days left." in page
    assert 'href="/reports/2026/CHL/">Start the 2026 report</a>' in page

    start_report(delegate_chl)
    with on("2026-11-03"):
        page = client.get("/").text
        listing = client.get("/reports/").text
    assert "Draft" in page
    assert "now overdue by 3 days" in page
    assert "Continue the 2026 report</a>" in page
    assert "overdue" in listing


def test_a_returned_report_asks_to_address_the_comments_and_last_year_shows(delegate_chl, director):
    make_cycle(2025, is_open=True)
    earlier = start_report(delegate_chl, year=2025)
    fill_report(delegate_chl, earlier)
    services.report_submit(report_id=earlier.pk, user=delegate_chl)
    services.report_accept(report_id=earlier.pk, user=director)
    services.cycle_set_open(cycle_id=earlier.cycle_id, user=director, is_open=False)
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    page = client_for(delegate_chl).get("/").text
    assert "View the 2026 report</a>" in page
    services.report_return(
        report_id=report.pk, user=director, comment="Fix it.", section_comments={}
    )
    page = client_for(delegate_chl).get("/").text
    assert "Address the director&#x27;s comments</a>" in page
    assert 'Last accepted report: <a href="/reports/2025/CHL/">2025 report of Chile</a>' in page


def test_the_director_sees_counts_per_state_and_who_is_overdue(director, delegate_chl, delegate_pe):
    make_cycle(2026)
    report = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, report)
    services.report_submit(report_id=report.pk, user=delegate_pe)
    start_report(delegate_chl)
    with on("2026-11-02"):
        page = client_for(director).get("/").text
    assert (
        '<a href="/reports/queue/?year=2026&amp;status=missing"><strong>19</strong> not started</a>'
        in page
    )
    assert "<strong>1</strong> draft</a>" in page
    assert "<strong>1</strong> submitted</a>" in page
    assert "20 economies have not submitted" in page
    assert 'href="/reports/2026/CHL/">Chile</a>' in page
    assert 'href="/reports/2026/PE/">Peru</a>' not in page
    queue = client_for(director).get("/reports/queue/?year=2026").text
    assert "19 not started" in queue


def test_the_chair_sees_the_reviews(chair):
    make_cycle(2026)
    client = client_for(chair)
    page = client.get("/").text
    assert 'href="/reviews/2025-2028/midterm/">Mid-term review of the 2025-2028 plan</a>' in page
    assert 'href="/reviews/2025-2028/final/">Final review of the 2025-2028 plan</a>' in page
    assert page.count("Not started</strong>") == 2
    review_services.review_save(
        plan=StrategicPlan.objects.get(code="2025-2028"),
        kind="midterm",
        user=chair,
        expected_version=0,
        executive_summary="Steady progress.",
        area_texts={},
    )
    page = client.get("/").text
    assert 'href="/reviews/2025-2028/midterm/">Mid-term review of the 2025-2028 plan</a>' in page
    assert "Draft</strong>" in page
    assert page.count("Not started</strong>") == 1
    assert "<strong>21</strong> not started</a>" in page  # the Chair reads the counts too


# Each starts with the session, the user, and the user's roles and economy, and ends with the
# plans for the cards (the plan in force, every plan, the earliest).
HOME_QUERIES = {
    # + the open cycles (with plan), the economy's reports of them (with their progress), the
    # economy, its latest accepted report, the questions waiting for the economy
    "delegate-chl": 11,
    # + the open cycle (with plan), the economies per state of their report (one aggregate), a
    # page of the overdue economies (the cycle is past due), the annual report due, the
    # questions waiting for any economy
    "director": 11,
    # + the director's, then the plan in force and its reviews
    "chair": 12,
}


@pytest.mark.parametrize("username", HOME_QUERIES)
def test_the_home_page_runs_a_fixed_number_of_queries(
    username, delegate_chl, delegate_pe, director, django_assert_num_queries
):
    make_cycle(2026)
    start_report(delegate_chl)
    report = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, report)
    services.report_submit(report_id=report.pk, user=delegate_pe)
    chile_2025 = accepted_report("CHL", 2025)
    for number in range(3):
        ask_chile(chile_2025, delegate_pe, f"Question {number}?")
    client = client_for(User.objects.get(username=username))
    with django_assert_num_queries(HOME_QUERIES[username]):
        assert client.get("/").status_code == 200


def test_the_director_home_names_a_page_of_the_overdue_economies(director):
    """Beyond 21 overdue economies the home page names 21 and counts the others."""
    from plans.models import Economy

    make_cycle(2026)
    Economy.objects.bulk_create(
        Economy(
            code=f"ZA{chr(65 + i)}",
            name=f"Economy {i}",
            short_name=f"Economy {i}",
            position=100 + i,
        )
        for i in range(9)
    )
    with on("2026-11-02"):
        page = client_for(director).get("/").text
    assert "Of 30 economies:" in page
    assert "30 economies have not submitted" in page
    assert page.count('<span class="hint">not started</span>') == 21
    assert "And 9 more, in the queue:" in page
    assert 'href="/reports/queue/?year=2026&amp;status=missing">not started</a>' in page


def ask_chile(report, delegate_pe, text: str):
    return question_ask(
        report_id=report.pk, user=delegate_pe, subject=Subject.LESSONS, record_id=None, text=text
    )


def test_the_asked_economy_and_the_director_see_the_questions_waiting(
    delegate_chl, delegate_pe, director, chair
):
    report = accepted_report("CHL", 2025)
    with on("2026-03-01"):
        answered = ask_chile(report, delegate_pe, "Who paid?")
        waiting = ask_chile(report, delegate_pe, "Who ran it?")
    question_answer(question_id=answered.pk, user=delegate_chl, text="The ministry.")
    with on("2026-03-11"):
        page = client_for(delegate_chl).get("/").text
        assert "1 question to Chile waits for an answer:" in page
        link = f'href="/reports/2025/CHL/questions/{waiting.pk}/">Peru asks about your 2025 report'
        assert link in page
        assert "10 days ago" in page
        assert f"/questions/{answered.pk}/" not in page
        assert "No question to Peru is waiting" in client_for(delegate_pe).get("/").text
        page = client_for(director).get("/").text
        assert "<strong>1</strong> question waits for an answer, the oldest for 10 days." in page
        assert "Questions between economies" not in client_for(chair).get("/").text


def test_a_contributor_reads_what_they_can_do_and_who_submits(delegate_chl, contributor_chl):
    """Areas 1 and 2 are theirs (as seed_demo makes them): named, with what they cannot do."""
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)  # complete: the delegate's next step is to submit
    page = client_for(contributor_chl).get("/").text
    assert "You are a contributor to Chile’s reports:" in page
    assert (
        "you edit 1. Start-up, entrepreneurship, and business environment; "
        "2. Scale-up, innovation, and growth, including through access to finance;"
    ) in page
    assert "you cannot submit it: Demo Delegate (CHL), the head of delegation, checks and" in page
    assert "Check and submit" not in page
    assert "Continue the 2026 report</a>" in page
    # Their delegate still checks and submits; no contributor's wording for them.
    delegate_page = client_for(delegate_chl).get("/").text
    assert "Check and submit the report</a>" in delegate_page
    assert "You are a contributor" not in delegate_page

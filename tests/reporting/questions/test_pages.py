"""The questions' pages per role: who reads, who asks, who answers, who hides; a hidden post is
404 to the others; the public never sees a thing."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from reporting.models import Answer, Question
from reporting.questions.models import Subject
from reporting.questions.services import question_answer, question_ask
from tests.conftest import client_for
from tests.reporting.factories import start_report
from tests.reporting.questions.factories import INITIATIVE, PRACTICE, accepted_report

pytestmark = pytest.mark.django_db

LIST = "/reports/2025/CHL/questions/"


@pytest.fixture
def report(delegate_chl, delegate_pe, director):
    return accepted_report("CHL", 2025)


def ask(report, user, text="How did you reach rural firms?"):
    return question_ask(
        report_id=report.pk,
        user=user,
        subject=Subject.INITIATIVE,
        record_id=report.initiatives.get().pk,
        text=text,
    )


def detail(question) -> str:
    return f"{LIST}{question.pk}/"


def test_every_role_reads_the_questions_and_only_another_economy_is_offered_the_form(
    report, delegate_chl, delegate_pe, director, chair
):
    ask(report, delegate_pe)
    for user in (delegate_chl, delegate_pe, director, chair):
        page = client_for(user).get(LIST)
        assert page.status_code == 200, user
        assert "How did you reach rural firms?" in page.text
        assert f"Initiative: {INITIATIVE}" in page.text
        assert ("Send the question" in page.text) == (user == delegate_pe), user


def test_the_form_offers_the_reports_records(report, delegate_pe):
    page = client_for(delegate_pe).get(LIST).text
    for label in ("1. Start-up", INITIATIVE, PRACTICE, "The report&#x27;s lessons learned"):
        assert label in page


def test_a_delegate_asks_through_the_form(report, delegate_pe):
    client = client_for(delegate_pe)
    initiative = report.initiatives.get()
    response = client.post(
        LIST, {"subject": f"initiative:{initiative.pk}", "text": "Who paid for it?"}
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(question)
    assert (question.initiative, question.text) == (initiative, "Who paid for it?")
    assert "Your question was sent to the delegates of Chile." in client.get(detail(question)).text


def test_an_empty_question_is_shown_its_errors(report, delegate_pe):
    response = client_for(delegate_pe).post(LIST, {"subject": "", "text": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Choose what your question is about." in response.text
    assert "Write your question." in response.text
    assert Question.objects.count() == 0


def test_the_asked_economy_answers_and_no_one_else_may(
    report, delegate_chl, delegate_pe, director, chair
):
    question = ask(report, delegate_pe)
    for user in (delegate_pe, director, chair):
        assert client_for(user).post(detail(question), {"text": "Yes."}).status_code == 403
    assert "Send the answer" not in client_for(delegate_pe).get(detail(question)).text
    client = client_for(delegate_chl)
    assert "Send the answer" in client.get(detail(question)).text
    response = client.post(detail(question), {"text": "Through SERCOTEC."})
    assert response.status_code == 302
    assert Answer.objects.get().text == "Through SERCOTEC."
    assert "Through SERCOTEC." in client_for(delegate_pe).get(LIST).text


def test_writers_of_a_read_only_role_get_403(report, delegate_chl, director, chair):
    for user in (delegate_chl, director, chair):
        response = client_for(user).post(LIST, {"subject": "lessons", "text": "Why?"})
        assert response.status_code == 403, user
    assert Question.objects.count() == 0


def test_a_hidden_question_is_404_but_to_the_director_and_its_asker(
    report, delegate_chl, delegate_pe, director, chair
):
    question = ask(report, delegate_pe)
    assert client_for(director).get(f"{detail(question)}hide/").status_code == 200
    response = client_for(director).post(f"{detail(question)}hide/", {"reason": "Off topic."})
    assert response.status_code == 302
    for user in (delegate_chl, chair):
        assert client_for(user).get(detail(question)).status_code == 404, user
        assert "How did you reach" not in client_for(user).get(LIST).text
    for user in (delegate_pe, director):
        page = client_for(user).get(detail(question)).text
        assert "The program director hid this question" in page
        assert "Off topic." in page
    assert client_for(delegate_chl).post(detail(question), {"text": "Yes."}).status_code == 404


def test_a_hidden_answer_is_left_out_for_others(report, delegate_chl, delegate_pe, director):
    question = ask(report, delegate_pe)
    answer = question_answer(question_id=question.pk, user=delegate_chl, text="Call Ana.")
    url = f"{detail(question)}answers/{answer.pk}/hide/"
    assert client_for(director).post(url, {"reason": ""}).status_code == 200
    assert not Answer.objects.get().is_hidden
    assert client_for(director).post(url, {"reason": "Names a person."}).status_code == 302
    assert "Call Ana." not in client_for(delegate_pe).get(detail(question)).text
    assert "Names a person." in client_for(delegate_chl).get(detail(question)).text


def test_only_the_director_hides(report, delegate_chl, delegate_pe, chair):
    question = ask(report, delegate_pe)
    for user in (delegate_chl, delegate_pe, chair):
        url = f"{detail(question)}hide/"
        assert client_for(user).get(url).status_code == 403, user
        assert client_for(user).post(url, {"reason": "No."}).status_code == 403, user
    assert not Question.objects.get().is_hidden


def test_a_report_not_accepted_is_404_to_other_economies(delegate_chl, delegate_pe, director):
    start_report(delegate_chl, "CHL", 2026)
    url = "/reports/2026/CHL/questions/"
    assert client_for(delegate_pe).get(url).status_code == 404
    page = client_for(delegate_chl).get(url)
    assert page.status_code == 200
    assert "Questions are asked on accepted reports only" in page.text
    assert client_for(director).get(url).status_code == 200


def test_anonymous_people_are_sent_to_sign_in(report, delegate_pe):
    question = ask(report, delegate_pe)
    for url in ("/reports/questions/", LIST, detail(question), f"{detail(question)}hide/"):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_wrong_methods_are_405(report, delegate_pe, director):
    question = ask(report, delegate_pe)
    client = client_for(director)
    assert client.post("/reports/questions/").status_code == 405
    for url in (LIST, detail(question), f"{detail(question)}hide/"):
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_the_accepted_reports_page_links_to_its_questions(report, delegate_chl):
    page = client_for(delegate_chl).get("/reports/2025/CHL/").text
    assert f'href="{LIST}">Questions from other economies</a>' in page


def test_the_index_lists_the_accepted_reports_and_the_directors_waiting_questions(
    report, delegate_pe, director
):
    ask(report, delegate_pe)
    page = client_for(delegate_pe).get("/reports/questions/").text
    assert f'href="{LIST}">Questions to Chile</a> <span class="hint">1 question</span>' in page
    page = client_for(director).get("/reports/questions/").text
    assert "Unanswered questions" in page
    assert "How did you reach rural firms?" in page
    assert "less than a day" in page


# Each starts with the session, the user and the user's roles and economy.
QUERIES = {
    # + the report, the questions, their answers, and the form's sections, initiatives and
    # best practices
    "delegate-pe": 9,
    # + the report, the questions, their answers
    "director": 6,
}


@pytest.mark.parametrize("username", QUERIES)
def test_the_list_runs_a_fixed_number_of_queries(
    username, report, delegate_pe, delegate_chl, django_assert_num_queries
):
    for number in range(3):
        question = ask(report, delegate_pe, text=f"Question {number}")
        question_answer(question_id=question.pk, user=delegate_chl, text=f"Answer {number}")
    client = client_for(User.objects.get(username=username))
    with django_assert_num_queries(QUERIES[username]):
        assert client.get(LIST).status_code == 200


# + the session, the user, the roles, then the accepted reports with their counts and, for
# the director, the waiting questions; the plan in force and its figures (the questions with
# their first answer, the economies that took part and the number of all, the areas).
INDEX_QUERIES = {"delegate-pe": 10, "director": 10}


@pytest.mark.parametrize("username", INDEX_QUERIES)
def test_the_index_runs_a_fixed_number_of_queries(
    username, report, delegate_pe, django_assert_num_queries
):
    accepted_report("PE", 2025)
    for number in range(3):
        ask(report, delegate_pe, text=f"Question {number}")
    client = client_for(User.objects.get(username=username))
    with django_assert_num_queries(INDEX_QUERIES[username]):
        assert client.get("/reports/questions/").status_code == 200

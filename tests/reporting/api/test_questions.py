"""The questions between economies through the API: the same rules as the pages, each
refusal with its status, the schema describing both endpoints, the list's queries pinned."""

import pytest

from reporting.models import Answer, Question
from reporting.questions.models import Subject
from reporting.questions.services import post_hide, question_answer, question_ask
from reporting.reports import services as report_services
from tests.reporting.api.conftest import api_for, api_in_use
from tests.reporting.factories import start_report
from tests.reporting.questions.factories import INITIATIVE, accepted_report

pytestmark = pytest.mark.django_db

URL = "/api/reports/2025/CHL/questions/"


@pytest.fixture
def report(delegate_chl, delegate_pe, director):
    return accepted_report("CHL", 2025)


def ask(report, user, text="Who paid for it?"):
    return question_ask(
        report_id=report.pk, user=user, subject=Subject.LESSONS, record_id=None, text=text
    )


def test_a_delegate_asks_about_an_initiative_and_the_asked_economy_answers(
    report, delegate_pe, delegate_chl
):
    initiative = report.initiatives.get()
    body = {"subject": "initiative", "record": initiative.pk, "text": "How many firms?"}
    response = api_for(delegate_pe).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["subject_label"] == f"Initiative: {INITIATIVE}"
    assert (data["record"], data["asked_by_economy"], data["answers"]) == (initiative.pk, "PE", [])
    answer_url = f"{URL}{data['id']}/answers/"
    response = api_for(delegate_chl).post(answer_url, {"text": "About 400."}, format="json")
    assert response.status_code == 201, response.json()
    assert [answer["text"] for answer in response.json()["answers"]] == ["About 400."]
    listed = api_for(delegate_pe).get(URL).json()
    assert [(q["id"], len(q["answers"])) for q in listed] == [(data["id"], 1)]


def test_refusals_have_their_status(report, delegate_pe, delegate_chl, director):
    other = accepted_report("PE", 2025)
    client = api_for(delegate_pe)
    response = client.post(URL, {"subject": "lessons", "text": ""}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    body = {"subject": "initiative", "record": other.initiatives.get().pk, "text": "How?"}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["record"] == [
        "That initiative is not part of Chile's 2025 report."
    ]
    # Asking your own economy, or a role that does not ask: 403.
    for user in (delegate_chl, director):
        response = api_for(user).post(URL, {"subject": "lessons", "text": "?"}, format="json")
        assert response.status_code == 403, user
    assert Question.objects.count() == 0
    question = ask(report, delegate_pe)
    answer_url = f"{URL}{question.pk}/answers/"
    assert client.post(answer_url, {"text": "Me."}, format="json").status_code == 403
    post_hide(post=question, user=director, reason="Off topic.")
    # Hidden: not there for the asked economy (404); its asker is told why it cannot be answered.
    response = api_for(delegate_chl).post(answer_url, {"text": "Yes."}, format="json")
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_a_report_not_accepted_is_404_to_other_economies_and_takes_no_question(
    delegate_chl, delegate_pe
):
    start_report(delegate_chl, "CHL", 2026)
    url = "/api/reports/2026/CHL/questions/"
    assert api_for(delegate_pe).get(url).status_code == 404
    assert api_for(delegate_chl).get(url).json() == []
    assert api_for(None).get(url).status_code == 401


def test_a_reopened_reports_questions_stay_with_its_economy_and_the_secretariat(
    report, delegate_pe, director
):
    report_services.cycle_set_open(cycle_id=report.cycle_id, user=director, is_open=False)
    report_services.report_reopen(report_id=report.pk, user=director, comment="Fix it.")
    # Its own economy and the director still read the reopened report's questions; the asker
    # does not, so asking is a 404 for a delegate of another economy.
    assert api_for(delegate_pe).post(URL, {"subject": "lessons", "text": "?"}).status_code == 404
    assert api_for(director).get(URL).status_code == 200


def test_the_schema_describes_both_endpoints(report):
    schema = api_for(None).get("/api/schema/?format=json").json()
    listing = schema["paths"]["/api/reports/{year}/{code}/questions/"]
    assert {"200", "401", "404"} <= set(listing["get"]["responses"])
    assert {"201", "400", "401", "403", "404", "409"} <= set(listing["post"]["responses"])
    answering = schema["paths"]["/api/reports/{year}/{code}/questions/{question}/answers/"]["post"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(answering["responses"])


def test_the_list_runs_a_fixed_number_of_queries(
    report, delegate_pe, delegate_chl, django_assert_num_queries
):
    client = api_in_use(delegate_pe)
    for number in range(3):
        question = ask(report, delegate_pe, text=f"Question {number}")
        question_answer(question_id=question.pk, user=delegate_chl, text=f"Answer {number}")
    # token and user; the user's roles and economy; the report; the questions; their answers
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.json()) == 3

"""The public data through the API for anyone without a token, and the acts of publication with
one: the same rules, access checks and history as the confirmation pages."""

import pytest

from reporting.reports import services
from reporting.reports.models import EconomyReport
from tests.reporting.api.conftest import api_for
from tests.reporting.factories import start_report
from tests.reporting.public.factories import (
    MARKER,
    accepted_report,
    final_annual_report,
    final_review,
    save_section,
    submit,
)
from tests.reporting.questions.factories import thread

pytestmark = pytest.mark.django_db

RELEASE = "/api/reports/2026/CHL/release/"
WITHDRAW = "/api/reports/2026/CHL/withdraw/"


def test_the_delegate_releases_and_withdraws_by_api(delegate_chl, delegate_pe, director):
    accepted_report(delegate_chl, director)
    assert api_for(None).post(RELEASE).status_code == 401
    assert api_for(delegate_pe).post(RELEASE).status_code == 404
    assert api_for(director).post(RELEASE).status_code == 403
    assert api_for(None).get("/api/public/reports/2026/CHL/").status_code == 404

    released = api_for(delegate_chl).post(RELEASE)
    assert released.status_code == 200
    assert released.json()["public_url"] == "/public/reports/2026/CHL/"
    assert api_for(delegate_chl).post(RELEASE).status_code == 409
    listing = api_for(None).get("/api/public/reports/").json()
    assert [(row["year"], row["economy"]) for row in listing] == [(2026, "CHL")]
    content = api_for(None).get("/api/public/reports/2026/CHL/").json()
    assert content["economy_name"] == "Chile"
    assert content["areas"][0]["entries"]

    withdrawn = api_for(delegate_chl).post(WITHDRAW)
    assert withdrawn.status_code == 200
    assert withdrawn.json()["released_at"] is None
    assert api_for(None).get("/api/public/reports/2026/CHL/").status_code == 404
    assert api_for(None).get("/api/public/reports/").json() == []
    report = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
    assert report.history.first().history_change_reason.startswith("Withdrawn")


def test_the_public_api_shows_no_members_only_content(delegate_chl, director):
    report = start_report(delegate_chl)
    save_section(delegate_chl, report, "general", lessons_learned=MARKER, lessons_members_only="on")
    submit(delegate_chl, report)
    services.report_accept(report_id=report.pk, user=director)
    assert api_for(delegate_chl).post(RELEASE).status_code == 200
    text = api_for(None).get("/api/public/reports/2026/CHL/").content.decode()
    assert "Chile" in text
    assert MARKER not in text


def test_the_director_and_the_chair_publish_and_withdraw_by_api(director, chair):
    final_annual_report(director)
    final_review(chair)
    annual = "/api/annual-reports/2025-2028/2026/"
    review = "/api/reviews/2025-2028/final/"
    assert api_for(chair).post(f"{annual}publish/").status_code == 403
    assert api_for(director).post(f"{review}publish/").status_code == 403
    assert api_for(None).get("/api/public/documents/").json() == []

    published = api_for(director).post(f"{annual}publish/")
    assert published.status_code == 200
    assert published.json()["public_url"] == "/public/documents/2025-2028/2026/"
    assert api_for(chair).post(f"{review}publish/").status_code == 200
    assert api_for(chair).post(f"{review}publish/").status_code == 409
    documents = api_for(None).get("/api/public/documents/").json()
    assert {document["kind"] for document in documents} == {"annual", "final"}
    for document in documents:
        assert set(document["files"]) == {"docx", "pdf"}
        assert all(area["score_text"] for area in document["areas"])

    refused = api_for(chair).post(f"{review}withdraw/", {"reason": " "}, format="json")
    assert refused.status_code == 400
    assert (
        api_for(chair)
        .post(f"{review}withdraw/", {"reason": "Wrong."}, format="json")
        .json()["published_at"]
        is None
    )
    assert (
        api_for(director)
        .post(f"{annual}withdraw/", {"reason": "Wrong."}, format="json")
        .status_code
        == 200
    )
    assert api_for(None).get("/api/public/documents/").json() == []


def test_the_schema_has_the_public_data_and_the_acts():
    schema = api_for(None).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/public/reports/",
        "/api/public/reports/{year}/{code}/",
        "/api/public/documents/",
    ):
        # No token needed: no security requirement (the schema states none globally).
        assert paths[path]["get"].get("security", [{}]) == [{}], path
    for path in (
        "/api/reports/{year}/{code}/release/",
        "/api/reports/{year}/{code}/withdraw/",
        "/api/annual-reports/{code}/{year}/publish/",
        "/api/annual-reports/{code}/{year}/withdraw/",
        "/api/reviews/{code}/{kind}/publish/",
        "/api/reviews/{code}/{kind}/withdraw/",
    ):
        assert {"200", "401", "403", "404", "409"} <= set(paths[path]["post"]["responses"]), path
        assert {"tokenAuth": []} in paths[path]["post"]["security"], path


def test_the_delegate_releases_the_questions_and_answers_by_api(
    delegate_chl, delegate_pe, director
):
    report = accepted_report(delegate_chl, director)
    thread(
        delegate_pe,
        report,
        "section",
        "Which agency collects these figures?",
        report.sections.get(position=1),
        "The statistics office.",
    )
    assert (
        api_for(delegate_chl).post(RELEASE, {"with_questions": "maybe"}, format="json").status_code
        == 400
    )

    released = api_for(delegate_chl).post(RELEASE, {"with_questions": True}, format="json")

    assert released.status_code == 200
    assert released.json()["questions_released"] is True
    content = api_for(None).get("/api/public/reports/2026/CHL/").json()
    [shown] = content["threads"]
    assert shown["asked_by"] == "Peru"
    assert shown["question"] == "Which agency collects these figures?"
    assert [answer["text"] for answer in shown["answers"]] == ["The statistics office."]
    withdrawn = api_for(delegate_chl).post(WITHDRAW).json()
    assert withdrawn["questions_released"] is False


def test_only_the_delegate_releases_by_api_as_on_the_pages(delegate_chl, director, contributor_chl):
    accepted_report(delegate_chl, director)
    assert api_for(contributor_chl).post(RELEASE).status_code == 403
    assert api_for(delegate_chl).post(RELEASE).status_code == 200
    assert api_for(contributor_chl).post(WITHDRAW).status_code == 403
    report = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
    assert report.released_at is not None

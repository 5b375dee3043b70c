"""The annual report's page: writing, freezing with the meeting, reopening, who may do what,
and its cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Meeting
from reporting.annual import content as annual
from reporting.annual.models import AnnualReport
from tests.conftest import client_for
from tests.reporting.annual.factories import URL, build_year, more_data
from tests.reporting.reviews.test_writing import accepted_report

pytestmark = pytest.mark.django_db


def form_data(page_context) -> dict:
    """The report form's fields as the browser would send them, unchanged."""
    form = page_context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()}


def test_everyone_reads_only_the_director_and_chair_write(delegate_chl, chair, director):
    page = client_for(delegate_chl).get(URL)
    assert page.status_code == 200
    assert "Program director’s report 2026" in page.text
    assert page.context["form"] is None  # delegates read the document only
    assert client_for(delegate_chl).post(URL, {"version": 0}).status_code == 403
    for writer in (chair, director):
        assert client_for(writer).get(URL).context["form"] is not None
    assert not AnnualReport.objects.exists()  # reading writes nothing


def test_a_year_outside_the_plan_is_not_found(director):
    assert client_for(director).get("/reports/annual/2025-2028/2030/").status_code == 404
    assert client_for(director).get("/reports/annual/1999-2002/2000/").status_code == 404


def test_the_director_writes_an_introduction_and_a_comment_per_area(director, delegate_pe):
    client = client_for(director)
    data = form_data(client.get(URL).context) | {
        "introduction": "A year of steady work.",
        "area1-comment": "Start-ups moved ahead.",
    }
    response = client.post(URL, data)
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.introduction, report.version) == ("A year of steady work.", 1)
    assert report.area_texts.get(area__number=1).comment == "Start-ups moved ahead."
    assert report.area_texts.count() == 5
    page = client_for(delegate_pe).get(URL).text
    assert "A year of steady work." in page
    assert "Start-ups moved ahead." in page


def test_a_stale_save_is_refused_and_keeps_the_text(chair, director):
    chair_page, director_page = client_for(chair).get(URL), client_for(director).get(URL)
    assert client_for(director).post(URL, form_data(director_page.context)).status_code == 302
    mine = form_data(chair_page.context) | {"introduction": "My careful words."}
    response = client_for(chair).post(URL, mine)
    assert response.status_code == 409
    assert "after you opened it" in response.text
    assert "My careful words." in response.text
    assert AnnualReport.objects.get().introduction == ""


def test_too_long_text_is_refused_next_to_the_field(director):
    client = client_for(director)
    data = form_data(client.get(URL).context) | {"area2-comment": "x" * 5001}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert 'href="#id_area2-comment"' in response.text
    assert not AnnualReport.objects.exists()


def freeze(client, **choice) -> object:
    client.post(f"{URL}freeze/", form_data(client.get(URL).context))
    return client.post(f"{URL}freeze/", {"confirm": "yes", **choice})


def test_freezing_names_the_meeting_and_keeps_the_figures(
    director, chair, delegate_chl, delegate_pe
):
    build_year()
    client = client_for(director)
    data = form_data(client.get(URL).context) | {"introduction": "For the 60th meeting."}
    # "Save and make final" saves the text, then asks: nothing is frozen yet.
    response = client.post(f"{URL}freeze/", data)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}freeze/"
    report = AnnualReport.objects.get()
    assert (report.introduction, report.is_final) == ("For the 60th meeting.", False)
    confirmation = client.get(f"{URL}freeze/")
    assert "Make the 2026 report final?" in confirmation.text
    assert "The 60th SMEWG meeting, Lima" in confirmation.text
    assert "Hachioji" not in confirmation.text  # only the meetings of the year
    # No meeting chosen: refused, next to the field.
    refused = client.post(f"{URL}freeze/", {"confirm": "yes"})
    assert refused.status_code == 400
    assert not AnnualReport.objects.get().is_final
    meeting = Meeting.objects.get(number=60)
    response = client.post(f"{URL}freeze/", {"confirm": "yes", "meeting": str(meeting.pk)})
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.is_final
    assert report.presented_at == meeting
    assert report.meeting_label == "Presented at the 60th SMEWG meeting, Lima"
    assert report.frozen_at
    assert report.frozen_by == director
    frozen = annual.content_of(report)
    assert frozen["presented_at"] == "Presented at the 60th SMEWG meeting, Lima"
    assert frozen["participation"][0]["counted"] == 2

    accepted_report(delegate_pe, director, "PE", 2026)  # a report accepted afterwards
    report.refresh_from_db()
    assert annual.content_of(report) == frozen
    page = client_for(delegate_chl).get(URL).text
    assert "Presented at the 60th SMEWG meeting, Lima." in page
    assert "Data as of" in page
    # No more writing until it is reopened.
    assert client_for(chair).get(URL).context["form"] is None
    assert client.post(URL, {"version": report.version}).status_code == 302
    assert AnnualReport.objects.get().version == report.version


def test_a_meeting_not_in_the_catalogue_is_written_out(director):
    client = client_for(director)
    refused = freeze(client, meeting="other", presented_at="  ")
    assert refused.status_code == 400
    assert "Write the meeting the report is presented at." in refused.text
    response = freeze(client, meeting="other", presented_at="Presented at the 59th SMEWG meeting")
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.is_final
    assert report.presented_at is None
    assert report.meeting_label == "Presented at the 59th SMEWG meeting"


def test_reopening_needs_a_reason_kept_in_the_history(director, chair, delegate_chl):
    client = client_for(director)
    freeze(client, meeting="other", presented_at="Presented at the 60th SMEWG meeting")
    assert client_for(delegate_chl).post(f"{URL}reopen/", {"reason": "x"}).status_code == 403
    response = client.post(f"{URL}reopen/", {"reason": ""})
    assert response.status_code == 400
    assert AnnualReport.objects.get().is_final
    assert (
        client_for(chair).post(f"{URL}reopen/", {"reason": "Peru's late report"}).status_code == 302
    )
    report = AnnualReport.objects.get()
    assert not report.is_final
    assert report.snapshot is None
    assert report.meeting_label == ""
    reasons = list(report.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == [
        "Reopened: Peru's late report",
        "Made final: Presented at the 60th SMEWG meeting; figures frozen.",
    ]


def test_the_list_shows_every_year_of_every_plan(director, delegate_chl):
    client = client_for(director)
    freeze(client, meeting="other", presented_at="Presented at the 60th SMEWG meeting")
    page = client_for(delegate_chl).get("/reports/annual/").text
    assert 'href="/reports/annual/2025-2028/2026/"' in page
    assert 'href="/reports/annual/2025-2028/2028/"' in page
    assert 'href="/reports/annual/2017-2020/2017/"' in page
    assert "Presented at the 60th SMEWG meeting, data as of" in page


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_fixed_number_of_queries_at_two_data_sizes(director):
    """The page (25): session, user, plan, report, the identity's roles (5); the form's areas
    (1; a report not saved yet has no comments to read); economies (1); the portfolio: funding
    and status, proponents, area shares, the list and its areas (5); the area roll-ups: areas,
    summary rows, objectives, target groups, measures (5); participation by status and its
    timing, a row per year (1); the general indicators' summary rows (1); the meetings, their
    best practices and dialogues (3); the commitments with their areas, their follow-ups and
    the areas (3); the questions' figures: the questions with their first answer, the
    economies that took part (none here: no query), the areas (2). The API (25): the same
    without the roles and the form.
    The list (5): session, user, roles, reports, plans. None grows with the reports, projects
    or meetings."""
    build_year()
    client = client_for(director)
    urls = (URL, "/api/annual-reports/2025-2028/2026/", "/reports/annual/")
    for url in urls:
        client.get(url)
    small = [queries(client, url) for url in urls]
    more_data()
    assert [queries(client, url) for url in urls] == small
    assert small == [27, 25, 5]


def test_the_director_and_the_chair_start_from_their_home(director, chair, delegate_chl):
    from tests.reporting.factories import make_cycle

    make_cycle(2026)
    for user in (director, chair):
        page = client_for(user).get("/").text
        assert 'href="/reports/annual/2025-2028/2026/">Program director’s report 2026' in page
        assert "not written yet" in page
    assert "/reports/annual/" not in client_for(delegate_chl).get("/").text
    assert 'href="/reports/annual/"' in client_for(delegate_chl).get("/reviews/").text

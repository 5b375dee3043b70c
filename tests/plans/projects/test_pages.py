"""The project pages: the list and its filters, a project with the initiatives that name it,
the implementation schedule and its editing, meetings."""

import re

import pytest
from django.contrib.auth.models import User

from plans.models import ApecProject, Economy, ImplementationActivity
from reporting.reports import services as reporting_services
from tests.conftest import client_for
from tests.documents import read
from tests.plans.projects.factories import make_meeting, make_project, report_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(db) -> dict[str, ApecProject]:
    return {
        "a": make_project("SME 01 2025A", areas=(1, 3), co_sponsors=("PE",)),
        "b": make_project(
            "SME 02 2026S", proponent="PE", areas=(2,), years=(2026, 2027), funding="self"
        ),
        "c": make_project(
            "SME 03 2027", proponent="AUS", areas=(3,), years=(2027, 2028), status="completed"
        ),
        "old": make_project("SME 01 2015A", plan="2013-2016", years=(2015, 2016), proponent="USA"),
    }


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/projects/{query}")
    assert response.status_code == 200
    return [
        code for code in ApecProject.objects.values_list("code", flat=True) if code in response.text
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["SME 01 2015A", "SME 01 2025A", "SME 02 2026S", "SME 03 2027"]),
        ("?plan=2013-2016", ["SME 01 2015A"]),
        ("?year=2026", ["SME 01 2025A", "SME 02 2026S"]),
        ("?area=2025-2028:3", ["SME 01 2025A", "SME 03 2027"]),
        ("?area=2013-2016:1", ["SME 01 2015A"]),
        # proponent or co-sponsor
        ("?economy=PE", ["SME 01 2025A", "SME 02 2026S"]),
        ("?status=completed", ["SME 03 2027"]),
        ("?funding=self", ["SME 02 2026S"]),
        ("?plan=2025-2028&year=2027&funding=apec", ["SME 03 2027"]),
    ],
)
def test_the_list_filters(projects, delegate_pe, query, expected):
    assert sorted(listed(client_for(delegate_pe), query)) == expected


def test_a_bad_filter_says_so_and_lists_everything(projects, director):
    response = client_for(director).get("/projects/?year=twenty")
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter the year as four digits" in response.text
    assert "SME 03 2027" in response.text


def test_the_project_page(projects, chair):
    response = client_for(chair).get("/projects/sme-01-2025a/")
    assert response.status_code == 200
    text = response.text
    assert "Project SME 01 2025A" in text
    assert "APEC-funded: APEC Support Fund" in text
    assert "1. Start-up, entrepreneurship, and business environment" in text
    assert "Peru" in text  # the co-sponsor
    assert "No report you can read names this project yet" in text
    assert client_for(chair).get("/projects/sme-99-2025a/").status_code == 404


def test_the_project_page_lists_initiatives_from_readable_reports_only(
    projects, delegate_chl, delegate_pe, director, chair
):
    """Chile's accepted initiative shows to all; Peru's submitted one to the secretariat, the
    Chair and Peru; Australia's draft to Australia only."""
    code = "SME 01 2025A"
    chl = report_initiative(delegate_chl, "CHL", 2025, "Chile's accepted initiative", code)
    reporting_services.report_accept(report_id=chl.pk, user=director)
    report_initiative(delegate_pe, "PE", 2025, "Peru's submitted initiative", code)
    aus = User.objects.get(username="delegate-aus")
    report_initiative(aus, "AUS", 2025, "Australia's draft initiative", code, submit=False)
    report_initiative(delegate_chl, "CHL", 2026, "Another project's initiative", "SME 09 2025")

    titles = ("Chile's accepted", "Peru's submitted", "Australia's draft", "Another project")

    def shown(user) -> set[str]:
        text = client_for(user).get("/projects/sme-01-2025a/").text
        return {who for who in titles if who.replace("'", "&#x27;") in text}

    assert shown(director) == shown(chair) == {"Chile's accepted", "Peru's submitted"}
    assert shown(delegate_chl) == {"Chile's accepted"}
    assert shown(delegate_pe) == {"Chile's accepted", "Peru's submitted"}
    assert shown(aus) == {"Chile's accepted", "Australia's draft"}


def test_a_report_is_linked_only_for_readers_who_may_open_it(
    projects, delegate_chl, delegate_pe, director
):
    """Peru's delegate reads Chile's accepted initiative here but not Chile's report: its
    status shows as text; Peru's own report, and every report for the director, is a link
    that opens."""
    code = "SME 01 2025A"
    chl = report_initiative(delegate_chl, "CHL", 2025, "Chile's accepted initiative", code)
    reporting_services.report_accept(report_id=chl.pk, user=director)
    report_initiative(delegate_pe, "PE", 2025, "Peru's submitted initiative", code)

    def report_links(user) -> list[str]:
        client = client_for(user)
        text = client.get("/projects/sme-01-2025a/").text
        links = [link for link in read(text).links if re.fullmatch(r"/reports/\d+/\w+/", link)]
        for link in links:
            assert client.get(link).status_code == 200, link
        return links

    assert report_links(delegate_pe) == ["/reports/2025/PE/"]
    assert report_links(director) == ["/reports/2025/CHL/", "/reports/2025/PE/"]
    page = client_for(delegate_pe).get("/projects/sme-01-2025a/").text
    assert 'Accepted<span class="visually-hidden"> report of Chile, 2025</span>' in page
    assert "its report's status without a link" in page
    assert "without a link" not in client_for(director).get("/projects/sme-01-2025a/").text


def test_the_schedule_shows_appendix_1_by_area(delegate_chl):
    response = client_for(delegate_chl).get("/projects/schedule/2017-2020/")
    assert response.status_code == 200
    assert "Priority area 1</span> Entrepreneurship, innovation, and the internet" in response.text
    assert "Malaysia, The Philippines, Chinese Taipei" in response.text
    assert "Add an activity" not in response.text  # the director's
    assert client_for(delegate_chl).get("/projects/schedule/2099-2102/").status_code == 404


def test_the_director_adds_changes_and_removes_an_activity(director):
    client = client_for(director)
    assert "Add an activity" in client.get("/projects/schedule/2017-2020/").text
    assert not ImplementationActivity.objects.filter(plan__code="2017-2020", number=14).exists()
    data = {
        "number": "14",
        "area": str(ImplementationActivity.objects.get(plan__code="2017-2020", number=1).area_id),
        "title": "Digital trade workshop",
        "start_year": "2019",
        "end_year": "2020",
        "proponents": [
            str(pk)
            for pk in Economy.objects.filter(code__in=["CHL", "PE"]).values_list("pk", flat=True)
        ],
    }
    response = client.post("/projects/schedule/2017-2020/activities/new/", data)
    assert response.status_code == 302
    activity = ImplementationActivity.objects.get(plan__code="2017-2020", number=14)
    assert activity.title == "Digital trade workshop"
    assert sorted(activity.proponents.values_list("code", flat=True)) == ["CHL", "PE"]

    data.update(title="Digital trade workshops", end_year="2021")
    response = client.post("/projects/schedule/2017-2020/activities/14/", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.end_year) == ("Digital trade workshops", 2021)
    assert activity.history.count() == 2

    response = client.post("/projects/schedule/2017-2020/activities/14/delete/")
    assert response.status_code == 302
    assert not ImplementationActivity.objects.filter(plan__code="2017-2020", number=14).exists()


def test_activity_errors_are_shown_next_to_the_fields_and_nothing_is_saved(director):
    before = list(ImplementationActivity.objects.values_list("pk", "title", "end_year"))
    response = client_for(director).post(
        "/projects/schedule/2017-2020/activities/1/",
        {"number": "2", "title": "", "start_year": "2020", "end_year": "2018"},
    )
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text
    assert "The schedule has an activity 2 already." in text
    assert "This field is required." in text
    assert "The activity cannot end before it starts." in text
    assert list(ImplementationActivity.objects.values_list("pk", "title", "end_year")) == before


def test_meetings(delegate_pe):
    make_meeting(58, practices=2, dialogues=1)
    client = client_for(delegate_pe)
    response = client.get("/projects/meetings/")
    assert "58th SMEWG meeting" in response.text
    assert "11–12 September 2024" in response.text
    assert '<td data-label="Best practices shared" class="num">2</td>' in response.text
    response = client.get("/projects/meetings/58/")
    assert "58th SMEWG meeting, Pucallpa, Peru" in response.text
    assert "Practice 1" in response.text
    assert "Dialogue 0" in response.text
    assert client.get("/projects/meetings/57/").status_code == 404


def test_the_navigation_leads_to_projects(delegate_chl):
    response = client_for(delegate_chl).get("/projects/")
    assert '<a href="/projects/" aria-current="page">Projects</a>' in response.text

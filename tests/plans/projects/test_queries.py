"""The project pages run a fixed number of queries, whatever the number of projects, scores,
meetings and initiatives."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import ApecProject, Economy, Meeting, ProposalScore
from reporting.reports import services as reporting_services
from tests.conftest import client_for
from tests.plans.projects.factories import (
    make_meeting,
    make_project,
    make_round,
    report_initiative,
    score,
)

pytestmark = pytest.mark.django_db

# Every page starts with: session, user, the user's role and economy.
DIRECTOR_PAGES = {
    # + plans, areas, economies (the filters' choices), the count for the pages, the projects
    # (with proponent and plan), their areas
    "/projects/": 9,
    # + the same with the filters applied
    "/projects/?plan=2025-2028&year=2026&area=2025-2028:1&economy=PE&funding=apec": 9,
    # + the project (with proponent and plan), its co-sponsors, participating economies, areas,
    # objectives (with area), broader priorities, the initiatives naming it
    "/projects/sme-01-2025a/": 10,
    # + plans, then the portfolio: funding by status, areas, proponents
    "/projects/portfolio/?plan=2025-2028&start=2025&end=2028": 7,
    # + the plan, its activities (with area) and their proponents
    "/projects/schedule/2017-2020/": 6,
    # + the round (with plan), the proposals ranked (with proponent), their areas
    "/projects/rounds/2026/1/": 6,
    # + the same, for the spreadsheet
    "/projects/rounds/2026/1/ranking.xlsx": 6,
    # + the rounds with their counts of proposals
    "/projects/rounds/": 4,
    # + the meetings with their counts
    "/projects/meetings/": 4,
    # + the meeting (with host), its best practices (with economy and area), who adopted them,
    # its dialogues
    "/projects/meetings/58/": 7,
}
DELEGATE_PAGES = {
    # + the round, the proposals (with proponent), their areas, the economy's own scores
    "/projects/rounds/2026/1/": 7,
    # + the round, the economy, the proposals, their areas and broader priorities, the
    # economy's scores
    "/projects/rounds/2026/1/score/": 9,
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(size: int, round_, users) -> None:
    """`size` more projects, initiatives naming SME 01 2025A, scores and meeting records."""
    start = 10 + size * 10
    for n in range(start, start + size):
        make_project(f"SME {n % 100:02d} {2025 + n % 3}A", areas=(1, 2), co_sponsors=("PE",))
    for user, code in users:
        if not user.delegate.economy.reports.filter(cycle__year=2025).exists():
            report_initiative(user, code, 2025, f"Initiative of {code}", "SME 01 2025A")
        score(user, round_, p1=(4, 4, 4), p2=(3, 3, 3), p3=(5, 5, 5))
    make_meeting(100 + size, practices=size, dialogues=size)
    meeting = Meeting.objects.get(number=58)
    for n in range(size):
        meeting.best_practices.create(economy=users[0][0].delegate.economy, title=f"More {n}")
        meeting.dialogues.create(title=f"More {size}-{n}", partner_kind="private", partner="ABAC")


def test_project_pages_do_not_grow_with_the_data(director, delegate_pe):
    make_project("SME 01 2025A", areas=(1, 3), co_sponsors=("PE",))
    round_ = make_round(year=2026, number=1, proposals=3)
    make_meeting(58, practices=1, dialogues=1)
    delegates = [
        (User.objects.get(username=f"delegate-{code.lower()}"), code)
        for code in Economy.objects.values_list("code", flat=True)
    ]
    director_client, delegate_client = client_for(director), client_for(delegate_pe)
    director_client.get("/projects/")
    delegate_client.get("/projects/")

    grow(1, round_, delegates[:1])
    assert {url: count_queries(director_client, url) for url in DIRECTOR_PAGES} == DIRECTOR_PAGES
    assert {url: count_queries(delegate_client, url) for url in DELEGATE_PAGES} == DELEGATE_PAGES

    grow(12, round_, delegates[1:8])
    assert ApecProject.objects.count() == 14
    assert ProposalScore.objects.count() == 3 * 8
    assert Meeting.objects.get(number=58).best_practices.count() == 1 + 1 + 12
    page = director_client.get("/projects/sme-01-2025a/").text
    assert page.count('<td data-label="Report">') == 8
    reporting_services.report_accept(
        report_id=delegates[0][0].delegate.economy.reports.get().pk, user=director
    )
    assert {url: count_queries(director_client, url) for url in DIRECTOR_PAGES} == DIRECTOR_PAGES
    assert {url: count_queries(delegate_client, url) for url in DELEGATE_PAGES} == DELEGATE_PAGES

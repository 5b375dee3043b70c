"""The demo's projects, meetings and open proposal round, and that seeding them twice changes
nothing."""

import pytest

from plans import demo
from plans.models import ApecProject, Meeting, ProposalRound, ProposalScore
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def state() -> tuple:
    return (
        list(ApecProject.objects.order_by("code").values_list("code", "plan__code", "status")),
        list(Meeting.objects.values_list("number", "place", "start_date", "end_date")),
        list(ProposalRound.objects.values_list("year", "number", "is_open")),
        ProposalScore.objects.count(),
    )


def test_demo_projects_are_seeded_once(delegate_chl):
    assert not ApecProject.objects.exists()
    counts = demo.create_demo_projects()
    assert counts == {"projects created": 12, "projects": 12, "meetings": 2, "open rounds": 1}
    first = state()
    assert demo.create_demo_projects()["projects created"] == 0
    assert state() == first

    project = ApecProject.objects.get(code="SME 01 2015A")
    assert (project.plan.code, project.sub_fund) == ("2013-2016", "APEC Support Fund")
    assert ApecProject.objects.get(code="SME 02 2016S").funding == "self"
    pucallpa = Meeting.objects.get(number=58)
    assert (pucallpa.place, pucallpa.economy.code, str(pucallpa.start_date)) == (
        "Pucallpa",
        "PE",
        "2024-09-11",
    )
    round_ = ProposalRound.objects.get(is_open=True)
    assert round_.proposals.count() == 4
    assert ProposalScore.objects.filter(proposal__round=round_).count() == 10

    client = client_for(delegate_chl)
    assert "APEC Business Ethics for SMEs Forum" in client.get("/projects/").text
    assert "Score the proposals for Chile" in client.get("/projects/rounds/2026/1/").text

"""Proposal rounds: each delegate scores as their own economy, until the director closes the
round; the ranking's means and counts; the XLSX download.

Hand-computed ranking of the round below (sum of the three criteria per economy):
    p1  Chile 5+4+4 = 13, Peru 4+4+5 = 13, Australia 3+3+3 = 9  -> mean 35/3 = 11.67, 3 economies
    p2  Chile 3+3+3 = 9                                         -> mean 9, 1 economy
    p3  Peru 5+5+5 = 15, Australia 4+5+3 = 12                   -> mean 13.5, 2 economies
    p4  not scored                                              -> last, 0 economies
So the ranking is p3, p1, p2, p4; p1's mean feasibility is (4+5+3)/3 = 4.
"""

import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from plans.models import ProposalRound, ProposalScore
from tests.conftest import client_for
from tests.plans.projects.factories import make_round, score

pytestmark = pytest.mark.django_db

URL = "/projects/rounds/2026/1/"


@pytest.fixture
def round_(db) -> ProposalRound:
    return make_round(year=2026, number=1, proposals=4)


@pytest.fixture
def scored(round_, delegate_chl, delegate_pe) -> ProposalRound:
    aus = User.objects.get(username="delegate-aus")
    score(delegate_chl, round_, p1=(5, 4, 4), p2=(3, 3, 3))
    score(delegate_pe, round_, p1=(4, 4, 5), p3=(5, 5, 5))
    score(aus, round_, p1=(3, 3, 3), p3=(4, 5, 3))
    return round_


def sheet_data(round_: ProposalRound, **by_number) -> dict:
    data = {}
    for proposal in round_.proposals.all():
        given = by_number.get(f"p{proposal.number}")
        for name, value in zip(
            ("plan_link", "apec_priorities", "feasibility"), given or ("", "", ""), strict=True
        ):
            data[f"p{proposal.number}-{name}"] = str(value)
    return data


def scores_of(code: str) -> dict[int, tuple]:
    return {
        s.proposal.number: (s.plan_link, s.apec_priorities, s.feasibility)
        for s in ProposalScore.objects.filter(economy__code=code).select_related("proposal")
    }


def test_ranking_means_and_counts(scored):
    ranked = list(scored.proposals.ranked())
    assert [p.number for p in ranked] == [3, 1, 2, 4]
    assert [p.economies_scoring for p in ranked] == [2, 3, 1, 0]
    assert [round(p.mean_total, 2) if p.mean_total else None for p in ranked] == [
        13.5,
        11.67,
        9.0,
        None,
    ]
    p1 = ranked[1]
    assert (p1.mean_plan_link, p1.mean_apec_priorities, p1.mean_feasibility) == (4.0, 11 / 3, 4.0)


def test_a_delegate_scores_as_their_own_economy(round_, delegate_chl):
    client = client_for(delegate_chl)
    response = client.get(f"{URL}score/")
    assert response.status_code == 200
    assert "for Chile" in response.text
    assert scores_of("CHL") == {}

    # An economy field in the form is ignored: the economy is the delegate's own.
    data = {**sheet_data(round_, p1=(5, 4, 3), p2=(2, 2, 2)), "economy": "PE"}
    response = client.post(f"{URL}score/", data)
    assert response.status_code == 302
    assert scores_of("CHL") == {1: (5, 4, 3), 2: (2, 2, 2)}
    assert scores_of("PE") == {}
    assert ProposalScore.objects.get(economy__code="CHL", proposal__number=1).scored_by == (
        delegate_chl
    )

    # Editable while the round is open: change one, withdraw another.
    response = client.post(f"{URL}score/", sheet_data(round_, p1=(4, 4, 4)))
    assert response.status_code == 302
    assert scores_of("CHL") == {1: (4, 4, 4)}
    page = client.get(URL).text
    assert "Scores of Chile" in page
    assert "The ranking shows here once the round closes." in page


def test_a_half_scored_proposal_is_refused_with_a_message(round_, delegate_chl):
    data = sheet_data(round_, p1=(5, 4, 3))
    data["p2-plan_link"] = "4"
    response = client_for(delegate_chl).post(f"{URL}score/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Score “Concept note 2” on every criterion, or on none." in response.text
    assert scores_of("CHL") == {}  # nothing half-saved


def test_scores_out_of_range_are_refused(round_, delegate_chl):
    response = client_for(delegate_chl).post(f"{URL}score/", sheet_data(round_, p1=(6, 4, 3)))
    assert response.status_code == 400
    assert scores_of("CHL") == {}


def test_the_secretariat_and_the_chair_do_not_score(round_, director, chair):
    for user in (director, chair):
        response = client_for(user).post(f"{URL}score/", sheet_data(round_, p1=(5, 5, 5)))
        assert response.status_code == 403
    assert not ProposalScore.objects.exists()


def test_only_the_director_closes_the_round_and_a_closed_round_refuses_scores(
    scored, delegate_chl, chair, director
):
    for user in (delegate_chl, chair):
        assert client_for(user).post(f"{URL}close/").status_code == 403
    scored.refresh_from_db()
    assert scored.is_open

    response = client_for(director).post(f"{URL}close/")
    assert response.status_code == 302
    scored.refresh_from_db()
    assert not scored.is_open
    assert scored.closed_by == director
    assert scored.closed_at is not None

    before = scores_of("CHL")
    client = client_for(delegate_chl)
    assert client.get(f"{URL}score/").status_code == 403
    response = client.post(f"{URL}score/", sheet_data(scored, p1=(1, 1, 1)))
    assert response.status_code == 403
    assert scores_of("CHL") == before
    # Once closed, the delegates see the ranking too.
    assert "Ranking" in client.get(URL).text


def test_the_ranking_is_for_the_secretariat_and_the_chair_while_open(scored, chair, delegate_pe):
    assert "Download the ranked list" in client_for(chair).get(URL).text
    page = client_for(delegate_pe).get(URL).text
    assert "Mean score" not in page
    assert client_for(delegate_pe).get(f"{URL}ranking.xlsx").status_code == 403


def test_the_ranked_list_downloads_as_xlsx(scored, director):
    client_for(director).post(f"{URL}close/")
    response = client_for(director).get(f"{URL}ranking.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="smewg-ranking-2026-session-1.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "SMEWG project ranking, Session 1 2026 (2025-2028 plan), closed"
    assert rows[1][:7] == (
        "Rank",
        "No.",
        "Proposal",
        "Proponent",
        "Priority areas addressed",
        "Economies scoring",
        "Mean score (3-15)",
    )
    assert [row[:2] + row[5:7] for row in rows[2:]] == [
        (1, 3, 2, 13.5),
        (2, 1, 3, 11.67),
        (3, 2, 1, 9),
        (None, 4, 0, None),
    ]


def test_a_proposal_title_is_never_written_as_a_formula(scored, director):
    title = '=HYPERLINK("http://x","y")'
    scored.proposals.filter(number=1).update(title=title)
    client_for(director).post(f"{URL}close/")
    sheet = load_workbook(io.BytesIO(client_for(director).get(f"{URL}ranking.xlsx").content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == title]
    assert [cell.data_type for cell in cells] == ["s"]

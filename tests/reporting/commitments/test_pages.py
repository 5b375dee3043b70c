"""The commitments pages as their users walk them: the delegate adds a commitment, the next
year's report shows it prefilled, marking it done moves the area's figures, and the director
reads what is overdue."""

import re

import pytest
from django.urls import reverse

from plans.models import StrategicPlan
from reporting.commitments.figures import commitment_figures
from reporting.commitments.models import Commitment, FollowUp
from tests.conftest import client_for
from tests.reporting.commitments.factories import (
    PROMISE,
    accept,
    accepted_with_commitment,
    delegate_of,
    follow_up,
)
from tests.reporting.factories import make_cycle, start_report

pytestmark = pytest.mark.django_db


def page(year: int = 2026, code: str = "CHL") -> str:
    return reverse("reporting:commitment-list", args=[year, code])


def area_counts(year: int, number: int) -> tuple:
    row = commitment_figures(plan=StrategicPlan.objects.get(code="2025-2028"), year=year).areas[
        number - 1
    ]
    return (row.made, row.done, row.under_way, row.dropped, row.overdue, row.economies_label)


def test_the_delegate_adds_a_commitment_and_is_told_what_is_wrong(delegate_chl):
    report = start_report(delegate_chl, "CHL", 2026)
    objective = report.cycle.plan.areas.get(number=3).objectives.first()
    client = client_for(delegate_chl)
    response = client.post(page(), {"action": "add", "new-text": "", "new-due_year": "2026"})
    assert response.status_code == 400
    assert "Say what your economy will do." in response.text
    assert "Choose the objectives it serves." in response.text
    assert not Commitment.objects.exists()

    response = client.post(
        page(),
        {
            "action": "add",
            "new-text": "Train 500 women entrepreneurs online",
            "new-objectives": [str(objective.pk)],
            "new-due_year": "2028",
        },
    )
    assert response.status_code == 302
    made = Commitment.objects.get()
    assert (made.report, made.due_year, list(made.objectives.all())) == (report, 2028, [objective])
    assert "Train 500 women entrepreneurs online" in client.get(page()).text

    response = client.post(page(), {"action": "remove", "commitment": str(made.pk)})
    assert response.status_code == 302
    assert not Commitment.objects.exists()


def test_a_2025_commitment_appears_prefilled_in_the_2026_report_and_done_moves_the_figures():
    _report_2025, made = accepted_with_commitment("CHL", 2025, due_year=2027, area=2)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, made, "under_way")
    accept(report_2026)
    assert area_counts(2026, 2) == (1, 0, 1, 0, 0, "1 of 21")

    start_report(delegate_of("CHL"), "CHL", 2027)
    client = client_for(delegate_of("CHL"))
    response = client.get(page(2027))
    assert PROMISE in response.text
    assert "Made in the 2025 report, due in 2027" in response.text
    # Last year's word is chosen already.
    chosen = re.findall(
        rf'<input type="radio" name="c{made.pk}-status" value="(\w+)"[^>]* checked', response.text
    )
    assert chosen == ["under_way"]

    response = client.post(page(2027), {"action": "follow-up", f"c{made.pk}-status": "dropped"})
    assert response.status_code == 400
    assert "Say why the commitment was dropped." in response.text

    response = client.post(page(2027), {"action": "follow-up", f"c{made.pk}-status": "done"})
    assert response.status_code == 302
    assert FollowUp.objects.get(report__cycle__year=2027).status == "done"
    assert area_counts(2027, 2) == (1, 0, 1, 0, 1, "1 of 21")  # a draft does not count
    accept(made.follow_ups.get(report__cycle__year=2027).report)
    assert area_counts(2027, 2) == (1, 1, 0, 0, 0, "1 of 21")


def test_an_overdue_commitment_is_listed_for_the_director(director, delegate_chl, chair):
    accepted_with_commitment("CHL", 2025, due_year=2026, text="Publish the SME census")
    make_cycle(2026)  # the figures are as of the latest cycle's year: 2026, when it was due
    url = reverse("reporting:commitment-overdue")
    response = client_for(director).get(url)
    assert response.status_code == 200
    assert "Publish the SME census" in response.text
    assert "<h2>Chile</h2>" in response.text
    assert "Not followed up yet" in response.text
    assert client_for(chair).get(url).status_code == 200
    assert client_for(delegate_chl).get(url).status_code == 403


def test_the_director_reads_the_commitments_but_does_not_change_them(director):
    report, made = accepted_with_commitment("CHL", 2025, due_year=2026)
    client = client_for(director)
    response = client.get(page(2025))
    assert PROMISE in response.text
    assert "Add the commitment" not in response.text
    response = client.post(page(2025), {"action": "remove", "commitment": str(made.pk)})
    assert response.status_code == 403
    assert Commitment.objects.filter(report=report).exists()


def test_the_dashboard_shows_the_commitments_per_area(delegate_pe, settings):
    settings.PAGE_CACHE_SECONDS = 0
    accepted_with_commitment("CHL", 2025, due_year=2027, area=4)
    page_text = client_for(delegate_pe).get(reverse("dashboard:plan", args=["2025-2028"])).text
    table = page_text.split('<section id="commitments">')[1].split("</section>")[0]
    row = re.search(r"<th scope=\"row\">4\. [^<]*</th>(.*?)</tr>", table).group(1)
    assert re.findall(r">([^<>]+)</td>", row) == ["1", "0", "0", "0", "0", "1 of 21"]
    assert "overdue commitments per economy" not in table  # the secretariat's page

"""A report's commitments through the API: the same rules as the page, a 2025 commitment
followed up in the 2026 report, each refusal with its status, the schema describing both
endpoints."""

import pytest

from reporting.commitments.models import Commitment, FollowUp
from tests.reporting.api.conftest import api_for
from tests.reporting.commitments.factories import PROMISE, accepted_with_commitment
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

URL = "/api/reports/2026/CHL/commitments/"


def test_a_delegate_follows_up_a_2025_commitment_and_makes_one(delegate_chl, director):
    _report, made = accepted_with_commitment("CHL", 2025, due_year=2027)
    report = start_report(delegate_chl, "CHL", 2026)
    client = api_for(delegate_chl)
    data = client.get(URL).json()
    assert data["commitments"] == []
    [item] = data["follow_ups"]
    assert (item["commitment"]["text"], item["made_in"], item["status"]) == (PROMISE, 2025, None)

    body = [{"commitment": made.pk, "status": "dropped"}]
    response = client.put(f"{URL}follow-ups/", body, format="json")
    assert response.status_code == 400
    assert "Say why" in str(response.json())
    assert not FollowUp.objects.exists()
    body = [{"commitment": made.pk, "status": "done"}]
    response = client.put(f"{URL}follow-ups/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["follow_ups"][0]["status"] == "done"

    objective = report.cycle.plan.areas.get(number=2).objectives.order_by("number").first()
    body = {"text": "Map every SME lender", "objectives": [objective.pk], "due_year": 2028}
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["commitments"] == [
        {
            "id": Commitment.objects.get(report=report).pk,
            "text": "Map every SME lender",
            "objectives": [f"2.{objective.number}"],
            "due_year": 2028,
        }
    ]
    response = client.post(URL, {**body, "due_year": 2026}, format="json")
    assert response.status_code == 400
    assert api_for(director).get(URL).json()["follow_ups"][0]["status"] == "done"


def test_only_its_delegates_write(delegate_chl, delegate_pe, director):
    _report, made = accepted_with_commitment("CHL", 2025, due_year=2027)
    start_report(delegate_chl, "CHL", 2026)
    body = [{"commitment": made.pk, "status": "done"}]
    assert api_for(delegate_pe).put(f"{URL}follow-ups/", body, format="json").status_code == 404
    assert api_for(director).put(f"{URL}follow-ups/", body, format="json").status_code == 403
    assert api_for(None).put(f"{URL}follow-ups/", body, format="json").status_code == 401
    assert not FollowUp.objects.exists()


def test_the_schema_describes_both_endpoints():
    schema = api_for(None).get("/api/schema/?format=json").json()
    listing = schema["paths"]["/api/reports/{year}/{code}/commitments/"]
    assert {"200", "401", "404"} <= set(listing["get"]["responses"])
    assert {"201", "400", "401", "403", "404"} <= set(listing["post"]["responses"])
    following = schema["paths"]["/api/reports/{year}/{code}/commitments/follow-ups/"]["put"]
    assert {"200", "400", "401", "403", "404"} <= set(following["responses"])

"""The catalogue pages: /, /plans/, /plans/<code>/ and the sign-in page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import MeasureOfProgress, Objective, StrategicPlan
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_home_leads_to_the_plan_in_force(delegate_chl):
    response = client_for(delegate_chl).get("/")
    assert response.status_code == 200
    assert b'href="/plans/2025-2028/"' in response.content
    assert b'href="/reports/"' in response.content
    assert "Delegate of Chile" in response.text  # the header names the role and economy


def test_plan_list(director):
    response = client_for(director).get("/plans/")
    assert response.status_code == 200
    for title in ["2025-2028", "2021-2024", "2017-2020", "2013-2016"]:
        assert f"SMEWG Strategic Plan {title}" in response.text


def test_plan_page_shows_the_plan_as_the_document_does(chair):
    response = client_for(chair).get("/plans/2025-2028/")
    assert response.status_code == 200
    text = response.text
    assert "Program Director" not in text
    assert "Chair" in text
    order = [
        "<h2>Vision</h2>",
        "digitally empowered MSMEs",
        "<h2>Mission</h2>",
        "<h2>Critical success factors</h2>",
        "Priority area 1</span> Start-up, entrepreneurship, and business environment",
        "Rate of business start-up",
        "Priority area 5</span> Bio-circular-green transformation",
        "<h2>General indicators</h2>",
        "<h2>Broader APEC priorities</h2>",
    ]
    positions = [text.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert text.count('<tr>\n        <td data-label="Objectives">') == 1 + 4 + 1 + 1 + 2


def test_unknown_plan_is_404(chair):
    assert client_for(chair).get("/plans/2099-2102/").status_code == 404


def plan_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/plans/2025-2028/").status_code == 200
    return len(queries)


def test_plan_page_runs_a_fixed_number_of_queries(director, django_assert_num_queries):
    client = client_for(director)
    client.get("/plans/2025-2028/")  # warm the session
    # session, user, plan, broader priorities, areas, objectives, actions (with forum),
    # measures, indicator groups, indicators, activities (with area), identity (groups and
    # economy). The 2025-2028 plan has no activities yet, so no query for their proponents.
    with django_assert_num_queries(12):
        client.get("/plans/2025-2028/")

    plan = StrategicPlan.objects.get(code="2025-2028")
    area = plan.areas.first()
    for number in range(100, 160):
        Objective.objects.create(area=area, row=9, number=number, text=f"Objective {number}")
        MeasureOfProgress.objects.create(area=area, row=9, number=number, text=f"Measure {number}")
    with django_assert_num_queries(12):
        response = client.get("/plans/2025-2028/")
    assert "Objective 159" in response.text

    # The 2017-2020 plan has a schedule: one more query, for the activities' proponents.
    with django_assert_num_queries(13):
        response = client.get("/plans/2017-2020/")
    assert "Malaysia, The Philippines, Chinese Taipei" in response.text


def test_plan_list_runs_a_fixed_number_of_queries(director, django_assert_num_queries):
    client = client_for(director)
    # session, user, plans with their counts, identity
    with django_assert_num_queries(4):
        client.get("/plans/")


def test_narrative_text_is_escaped(director):
    plan = StrategicPlan.objects.get(code="2025-2028")
    plan.vision = "<script>alert(1)</script>"
    plan.save()
    response = client_for(director).get("/plans/2025-2028/")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_login_page_and_sign_in(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Sign in" in response.text
    response = client.post(
        "/accounts/login/", {"username": "chair", "password": "tests-only-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_is_shown_in_an_error_summary(client):
    response = client.post("/accounts/login/", {"username": "chair", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Please enter a correct username and password" in response.text


def test_sign_out_is_a_post(chair):
    client = client_for(chair)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302

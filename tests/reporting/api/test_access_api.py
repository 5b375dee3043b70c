"""Another economy's drafts stay out of reach through every endpoint; roles as on the pages."""

import pytest

from reporting.models import ReportSection
from tests.reporting.api.conftest import api_for
from tests.reporting.factories import make_cycle, start_report

pytestmark = pytest.mark.django_db

CHL = "/api/reports/2026/CHL/"


@pytest.fixture
def chl_draft(delegate_chl):
    report = start_report(delegate_chl)
    api_for(delegate_chl).put(
        f"{CHL}sections/1/",
        {"version": 0, "initiatives": [{"title": "Chile's secret draft initiative"}]},
        format="json",
    )
    return report


def test_a_delegate_cannot_read_or_write_another_economys_draft(chl_draft, delegate_pe):
    pe = api_for(delegate_pe)
    before = ReportSection.objects.get(report=chl_draft, area__number=1).version

    listed = pe.get("/api/reports/", {"economy": "CHL"})
    assert listed.status_code == 200
    assert listed.json()["count"] == 0
    assert all(r["economy"] == "PE" for r in pe.get("/api/reports/").json()["results"])
    for url in (CHL, f"{CHL}sections/1/", f"{CHL}sections/general/"):
        assert pe.get(url).status_code == 404, url
    writes = [
        ("put", f"{CHL}sections/1/", {"version": before, "initiatives": []}),
        ("post", f"{CHL}submit/", {}),
        ("post", f"{CHL}return/", {"comment": "x"}),
        ("post", f"{CHL}accept/", {}),
        ("post", "/api/reports/", {"year": 2026, "economy": "CHL"}),
    ]
    for method, url, body in writes:
        response = getattr(pe, method)(url, body, format="json")
        assert response.status_code == 404, (url, response.status_code)
        assert "secret" not in response.content.decode()

    # Drafts never reach the roll-ups, and a delegate cannot ask for submitted reports either.
    dashboard = pe.get("/api/dashboard/2025-2028/", {"statuses": "submitted"})
    assert dashboard.status_code == 200
    assert dashboard.json()["window"]["statuses"] == ["accepted"]
    assert dashboard.json()["areas"][0]["initiatives"] == 0
    assert "secret" not in dashboard.content.decode()

    chl_draft.refresh_from_db()
    assert chl_draft.initiatives.get().title == "Chile's secret draft initiative"
    assert ReportSection.objects.get(report=chl_draft, area__number=1).version == before


def test_the_secretariat_reads_every_report_but_writes_none(chl_draft, director, chair):
    for user in (director, chair):
        client = api_for(user)
        assert client.get(CHL).status_code == 200
        assert client.get("/api/reports/", {"economy": "CHL"}).json()["count"] == 1
        put = client.put(f"{CHL}sections/1/", {"version": 1}, format="json")
        assert put.status_code == 403
        assert client.post(f"{CHL}submit/").status_code == 403
        started = client.post("/api/reports/", {"year": 2026, "economy": "PE"}, format="json")
        assert started.status_code == 403
    assert api_for(chair).post(f"{CHL}accept/").status_code == 403


def test_anonymous_requests_are_401_except_the_root_schema_and_docs(chl_draft):
    anonymous = api_for(None)
    for url in ("/api/reports/", CHL, "/api/plans/", "/api/economies/", "/api/cycles/"):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
    for url in ("/api/", "/api/schema/", "/api/docs/"):
        assert anonymous.get(url).status_code == 200, url
    assert anonymous.get("/api/nowhere/").json() == {"detail": "No such API endpoint."}


def test_a_closed_cycle_refuses_a_new_report_with_409(delegate_chl):
    make_cycle(2025, is_open=False)
    response = api_for(delegate_chl).post(
        "/api/reports/", {"year": 2025, "economy": "CHL"}, format="json"
    )
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]


def test_a_page_that_is_not_a_number_is_404(director):
    client = api_for(director)
    assert client.get("/api/economies/", {"page": 1}).json()["count"] == 21
    for page in ("", "last", "2", "x"):
        assert client.get("/api/economies/", {"page": page}).status_code == 404, page

"""Reports through the API: the same forms, services and access rules as the pages."""

from decimal import Decimal

import pytest
from django.core import mail

from plans.models import StrategicPlan
from reporting.models import EconomyReport, Initiative, MeasureEntry, ReportSection, ReportStatus
from reporting.reports.scoring import SCORE_METHOD
from reporting.rollups.areas import area_rollups
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for, complete_body
from tests.reporting.factories import make_cycle, start_report

pytestmark = pytest.mark.django_db

REPORT = "/api/reports/2026/CHL/"


def section_url(slug: str) -> str:
    return f"{REPORT}sections/{slug}/"


@pytest.fixture
def chl(delegate_chl):
    make_cycle(2026)
    return api_for(delegate_chl)


def test_a_full_report_sent_through_the_api_shows_on_the_page_and_in_the_rollups(
    chl, delegate_chl, director, django_capture_on_commit_callbacks
):
    assert not EconomyReport.objects.filter(economy__code="CHL", cycle__year=2026).exists()
    created = chl.post("/api/reports/", {"year": 2026, "economy": "CHL"}, format="json")
    assert created.status_code == 201, created.json()
    assert created["Location"].endswith(REPORT)
    report = created.json()
    assert report["status"] == "draft"
    assert [s["slug"] for s in report["sections"]] == ["1", "2", "3", "4", "5", "general"]
    # Starting again is harmless: the same report.
    again = chl.post("/api/reports/", {"year": 2026, "economy": "CHL"}, format="json")
    assert again.status_code == 200

    for section in report["sections"][:-1]:
        extra = {}
        if section["slug"] == "1":
            extra["initiatives"] = [
                {
                    "title": "Start-up One-Stop Registration Portal",
                    "kind": "project",
                    "objectives": [1, 2],
                    "target_groups": ["women", "youth"],
                    "broader_priorities": ["putrajaya-vision-2040"],
                    "evidence_url": "https://example.org/portal",
                }
            ]
        body = complete_body(section, **extra)
        if section["slug"] == "1":
            body["entries"][1] |= {"value": "12.5", "unit": "%", "reference_year": 2025}
        response = chl.put(section_url(section["slug"]), body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == "completed"
        assert response.json()["version"] == section["version"] + 1
    general = chl.put(
        section_url("general"),
        {"version": 0, "complete": True, "nothing_to_report": True},
        format="json",
    )
    assert general.status_code == 200, general.json()

    with django_capture_on_commit_callbacks(execute=True):
        submitted = chl.post(f"{REPORT}submit/", format="json")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == "submitted"
    assert len(mail.outbox) == 1  # the director is told, as when the page submits

    # The web page shows what the API sent.
    page = client_for(delegate_chl).get("/reports/2026/CHL/")
    assert page.status_code == 200
    assert "Start-up One-Stop Registration Portal" in page.content.decode()
    assert "Submitted" in page.content.decode()
    entry = MeasureEntry.objects.get(
        report__economy__code="CHL", report__cycle__year=2026, measure__area__number=1,
        measure__number=2,
    )  # fmt: skip
    assert (entry.value, entry.unit, entry.reference_year) == (12.5, "%", 2025)

    # Accepted by the director through the API, the report counts in the roll-ups.
    boss = api_for(director)
    accepted = boss.post(f"{REPORT}accept/", format="json")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "accepted"
    dashboard = boss.get("/api/dashboard/2025-2028/", {"start": 2026, "end": 2026})
    assert dashboard.status_code == 200, dashboard.json()
    area = dashboard.json()["areas"][0]
    assert (area["initiatives"], area["contributing_economies"]) == (1, 1)
    assert area["target_groups"] == {"Women": 1, "Youth": 1}
    # Every measure "progressing": (0 x 1 + 5 x 0.5 + 0 x 0) / 5.
    assert area["score"]["value"] == 0.5
    assert area["score"]["distribution"]["progressing"] == area["score"]["n"] == 5
    assert dashboard.json()["method"] == SCORE_METHOD
    window = Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=2026, end=2026)
    expected = area_rollups(window)[0]
    assert (area["score"]["n"], area["assessing_economies"]) == (expected.score.n, 1) != (0, 0)
    # The dashboard page shows the same count.
    web = client_for(director).get("/dashboard/2025-2028/?start=2026&end=2026")
    assert web.context["areas"][0].initiatives == 1
    measure = boss.get("/api/dashboard/2025-2028/measures/1/2/", {"start": 2026, "end": 2026})
    assert measure.json()["rows"] == [
        {
            "economy": "CHL",
            "values": [
                {
                    "year": 2026,
                    "value": "12.5000",
                    "unit": "%",
                    "assessment": "progressing",
                    "narrative": "",
                    "reference_year": 2025,
                    "unit_problem": "",
                    "change": None,
                    "change_on": None,
                }
            ],
        }
    ]


def test_a_stale_section_write_is_409_with_the_current_version(chl, delegate_chl):
    start_report(delegate_chl)
    section = chl.get(section_url("1")).json()
    first = chl.put(section_url("1"), complete_body(section), format="json")
    assert first.status_code == 200
    assert first.json()["version"] == section["version"] + 1

    # A second program, still holding the version it read, writes something else.
    stale = complete_body(section, assessment="achieved")
    response = chl.put(section_url("1"), stale, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == section["version"] + 1
    assert response.json()["updated_by"]
    assert set(
        MeasureEntry.objects.filter(
            report__economy__code="CHL", measure__area__number=1
        ).values_list("assessment", flat=True)
    ) == {"progressing"}


def test_a_version_the_section_never_had_is_409_not_a_server_error(chl, delegate_chl):
    start_report(delegate_chl)
    section = chl.get(section_url("1")).json()
    response = chl.put(section_url("1"), complete_body(section) | {"version": 7}, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == section["version"]
    assert "updated_by" not in response.json()  # nobody has saved the section yet


def test_invalid_data_is_400_with_field_paths_and_nothing_is_written(chl, delegate_chl):
    report = start_report(delegate_chl)
    section = chl.get(section_url("1")).json()
    body = complete_body(
        section,
        initiatives=[{"title": "Portal", "kind": "project", "objectives": [1, 99]}],
    )
    body["entries"][1]["value"] = "150"  # measure 1.2 is a rate: 0 to 100
    body["entries"][2]["value"] = 12  # a JSON number where a decimal string belongs
    body["entries"].pop()  # measure 1.5 left out: a complete section needs its assessment
    response = chl.put(section_url("1"), body, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"entries[2].value"}

    del body["entries"][2]["value"]
    response = chl.put(section_url("1"), body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["entries[1].value"] == ["Enter a percentage between 0 and 100."]
    assert errors["initiatives[0].objectives"] == ["No objective of this area “99”."]
    assert any(message.startswith("Measure 1.5: ") for message in errors["entries"])

    section_row = report.sections.get(area__number=1)
    assert section_row.version == section["version"]
    assert section_row.state == ReportSection.State.NOT_STARTED
    assert not report.initiatives.exists()
    assert not report.entries.exclude(assessment="").exists()


def test_initiatives_sent_again_by_id_are_kept_and_those_left_out_deleted(chl, delegate_chl):
    report = start_report(delegate_chl)
    section = chl.get(section_url("2")).json()
    two = [{"title": "Credit guarantees", "kind": "program"}, {"title": "Fintech sandbox"}]
    saved = chl.put(section_url("2"), {"version": 0, "initiatives": two}, format="json").json()
    assert saved["state"] == "in_progress"
    first, second = saved["initiatives"]
    changed = {**first, "title": "Credit guarantees for MSMEs", "objectives": [1]}
    result = chl.put(
        section_url("2"), {"version": saved["version"], "initiatives": [changed]}, format="json"
    )
    assert result.status_code == 200, result.json()
    assert [(i["id"], i["title"], i["objectives"]) for i in result.json()["initiatives"]] == [
        (first["id"], "Credit guarantees for MSMEs", [1])
    ]
    assert not Initiative.objects.filter(pk=second["id"]).exists()
    assert section["version"] == 0

    # Another section's initiative cannot be named here.
    other = chl.put(
        section_url("3"), {"version": 0, "initiatives": [{"id": first["id"]}]}, format="json"
    )
    assert other.status_code == 400
    assert "initiatives[0].id" in other.json()["errors"]
    assert report.initiatives.get().area.number == 2


def test_general_section_records_by_their_plan_names(chl, delegate_chl):
    start_report(delegate_chl)
    body = {
        "version": 0,
        "complete": True,
        "best_practices": [{"title": "Mentoring", "direction": "shared", "area": 3}],
        "dialogues": [{"title": "Round table", "partner_kind": "forum", "forum": "NOPE"}],
        "broader_priorities": ["bangkok-goals"],
        "lessons_learned": "Chambers reach more firms.",
    }
    response = chl.put(section_url("general"), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"dialogues[0].forum": ["No forum “NOPE”."]}
    body["dialogues"][0]["forum"] = "EC"
    response = chl.put(section_url("general"), body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["best_practices"][0]["area"] == 3
    assert data["dialogues"][0]["forum"] == "EC"
    assert data["broader_priorities"] == ["bangkok-goals"]
    assert data["lessons_learned"] == "Chambers reach more firms."
    # A priority area's fields do not belong here, and the reverse.
    wrong = chl.put(section_url("1"), {"version": 0, "dialogues": [{}]}, format="json")
    assert wrong.status_code == 400
    assert "dialogues" in wrong.json()["errors"]


def test_submitting_an_incomplete_report_is_400_by_section(chl, delegate_chl):
    report = start_report(delegate_chl)
    response = chl.post(f"{REPORT}submit/", format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {f"sections.{slug}" for slug in ("1", "2", "3", "4", "5", "general")}
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_director_returns_with_comments_and_a_submitted_report_is_read_only(
    chl, delegate_chl, director
):
    report = start_report(delegate_chl)
    for section in chl.get(REPORT).json()["sections"]:
        body = (
            complete_body(section)
            if section["slug"] != "general"
            else {"version": 0, "complete": True, "nothing_to_report": True}
        )
        assert chl.put(section_url(section["slug"]), body, format="json").status_code == 200
    assert chl.post(f"{REPORT}submit/").status_code == 200

    locked = chl.put(section_url("1"), {"version": 1}, format="json")
    assert locked.status_code == 403
    boss = api_for(director)
    assert boss.post(f"{REPORT}return/", {"comment": " "}, format="json").status_code == 400
    unknown = boss.post(
        f"{REPORT}return/",
        {"comment": "Add sources", "section_comments": {"9": "x"}},
        format="json",
    )
    assert unknown.json()["errors"] == {"section_comments.9": ["No such section."]}
    returned = boss.post(
        f"{REPORT}return/",
        {"comment": "Add sources", "section_comments": {"1": "Which survey?"}},
        format="json",
    )
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "returned"
    assert returned.json()["sections"][0]["return_comment"] == "Which survey?"
    # Returned is not submitted: accepting it now is a conflict with its status.
    conflict = boss.post(f"{REPORT}accept/")
    assert conflict.status_code == 409
    assert conflict.json()["status"] == "returned"
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_a_unit_the_measure_does_not_allow_is_400_and_nothing_is_written(chl, delegate_chl):
    report = start_report(delegate_chl)
    section = chl.get(section_url("3")).json()
    body = complete_body(section)
    # Measure 3.2, the value of trade: USD million, or USD thousand or billion.
    body["entries"][1] |= {"value": "5", "unit": "EUR million", "reference_year": 2025}
    response = chl.put(section_url("3"), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["entries[1].unit"] == [
        "“EUR million” is not a unit of this measure: enter the value in “USD million”, "
        "“USD thousand” or “USD billion”."
    ]
    assert not report.entries.exclude(assessment="").exists()

    body["entries"][1]["unit"] = "USD thousand"
    body["entries"][1]["value"] = "750"
    response = chl.put(section_url("3"), body, format="json")
    assert response.status_code == 200, response.json()
    entry = report.entries.get(measure__area__number=3, measure__number=2)
    assert (entry.value, entry.unit) == (Decimal("0.75"), "USD million")


def test_the_catalogue_says_which_units_each_measure_takes(chl):
    plan = chl.get("/api/plans/2025-2028/").json()
    trade = next(m for m in plan["areas"][2]["measures"] if m["number"] == 2)
    assert (trade["unit"], trade["allowed_units"]) == (
        "USD million",
        ["USD million", "USD thousand", "USD billion"],
    )


def test_text_sent_through_the_api_is_found_by_search(chl, director):
    """The section PUT goes through the service that keeps the stored search vectors
    (PostgreSQL): an accepted report's initiative sent this way is found."""
    from reporting.reports import services

    report = chl.post("/api/reports/", {"year": 2026, "economy": "CHL"}, format="json").json()
    for section in report["sections"][:-1]:
        extra = {}
        if section["slug"] == "1":
            extra["initiatives"] = [
                {"title": "Kelp farming cooperatives", "kind": "project", "objectives": [1]}
            ]
        assert (
            chl.put(
                section_url(section["slug"]), complete_body(section, **extra), format="json"
            ).status_code
            == 200
        )
    general = {"version": 0, "complete": True, "nothing_to_report": True}
    assert chl.put(section_url("general"), general, format="json").status_code == 200
    assert chl.post(f"{REPORT}submit/", format="json").status_code == 200
    search = "/dashboard/2025-2028/search/?q=kelp&start=2026&end=2026"
    assert "Kelp farming" not in client_for(director).get(search).text  # not yet accepted
    accepted = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
    services.report_accept(report_id=accepted.pk, user=director)
    assert "<h2>1 result</h2>" in client_for(director).get(search).text


def test_an_api_write_keeps_what_the_economy_keeps_for_members(chl, delegate_chl):
    """The API does not carry the members-only flags: a write through it leaves them as the
    section's page set them, so nothing kept for members becomes public."""
    from tests.reporting.public.factories import save_section

    report = start_report(delegate_chl)
    objective = str(report.cycle.plan.areas.get(number=2).objectives.first().pk)
    save_section(
        delegate_chl,
        report,
        "2",
        **{
            "entries-0-narrative": "Kept for members.",
            "entries-0-members_only": "on",
            "initiatives-TOTAL_FORMS": "1",
            "initiatives-0-title": "Fintech sandbox",
            "initiatives-0-objectives": [objective],
            "initiatives-0-members_only": "on",
        },
    )
    save_section(
        delegate_chl, report, "general", lessons_learned="Ours.", lessons_members_only="on"
    )
    two = chl.get(section_url("2")).json()
    general = chl.get(section_url("general")).json()
    body = {
        "version": two["version"],
        "entries": [{"measure": 1, "narrative": "Kept for members."}],
        "initiatives": [{"id": two["initiatives"][0]["id"], "title": "Fintech sandbox"}],
    }
    response = chl.put(section_url("2"), body, format="json")
    assert response.status_code == 200, response.json()
    body = {"version": general["version"], "lessons_learned": "Ours, still."}
    response = chl.put(section_url("general"), body, format="json")
    assert response.status_code == 200, response.json()

    assert MeasureEntry.objects.get(report=report, narrative="Kept for members.").members_only
    assert Initiative.objects.get(report=report).members_only
    report.refresh_from_db()
    assert report.lessons_members_only

"""The source's page for an adopted best practice, the report's page, and the dashboard's
table of who learned from whom."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Economy, MeetingBestPractice, StrategicPlan
from reporting.dashboards import charts
from reporting.models import Adoption, BestPractice
from reporting.rollups.adoptions import Flow, adoption_flows
from reporting.rollups.window import Window
from tests.reporting.adoptions.factories import accept, adopt, adopting_report, submit
from tests.reporting.annual.factories import make_meeting
from tests.reporting.factories import start_report
from tests.reporting.questions.factories import PRACTICE

pytestmark = pytest.mark.django_db


def test_the_flows_count_the_links_by_area(case):
    plan = StrategicPlan.objects.get(code="2025-2028")
    assert set(adoption_flows(Window(plan, 2025, 2025))) == {
        Flow("Peru", "Chile", 1, False, 1),  # the initiative's area
        Flow("Peru", "Chile", None, False, 1),
    }
    with_submitted = adoption_flows(Window(plan, 2025, 2025, include_submitted=True))
    assert Flow("Australia", "Chile", None, False, 1) in with_submitted
    assert adoption_flows(Window(plan, 2025, 2025, area=1)) == [Flow("Peru", "Chile", 1, False, 1)]


def test_the_dashboard_and_the_source_report_show_the_adoption(client, case, delegate_pe, chair):
    client.force_login(delegate_pe)
    page = client.get(reverse("dashboard:plan", args=["2025-2028"])).content.decode()
    assert "Who learned from whom" in page
    assert "Peru ←" in page
    chile = client.get(reverse("reporting:report-detail", args=[2025, "CHL"]))
    assert chile.status_code == 404  # another economy's report page stays its own
    client.force_login(chair)
    page = client.get(reverse("reporting:report-detail", args=[2025, "CHL"])).content.decode()
    assert page.count("Adopted by Peru (2025)") == 2  # the best practice and the initiative
    page = client.get(reverse("reporting:report-detail", args=[2025, "PE"])).content.decode()
    assert f"Chile&#x27;s 2025 report, best practice “{PRACTICE}”" in page
    assert "Its source is not named yet." in page  # "Unsourced"


def test_a_delegate_names_the_source_on_its_page(client, chile, delegate_pe):
    peru = adopting_report("PE", 2026, ["Portal"])
    practice = peru.best_practices.get()
    url = reverse("reporting:adoption-edit", args=[2026, "PE", practice.pk])
    client.force_login(delegate_pe)
    check_page = client.get(reverse("reporting:report-check", args=[2026, "PE"]))
    assert url in check_page.content.decode()
    assert client.get(url).status_code == 200
    draft = start_report(delegate_pe.__class__.objects.get(username="delegate-aus"), "AUS", 2026)
    draft_practice = BestPractice.objects.create(report=draft, title="Draft", direction="shared")
    refused = client.post(url, {"source": f"practice:{draft_practice.pk}", "what_changed": "x"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert Adoption.objects.count() == 0
    source = chile.best_practices.get()
    saved = client.post(url, {"source": f"practice:{source.pk}", "what_changed": "Online."})
    assert saved.status_code == 302
    assert Adoption.objects.get().source_practice == source
    removed = client.post(reverse("reporting:adoption-remove", args=[2026, "PE", practice.pk]))
    assert removed.status_code == 302
    assert Adoption.objects.count() == 0


def test_another_economy_and_a_reader_may_not_name_the_source(client, chile, delegate_chl, chair):
    peru = adopting_report("PE", 2026, ["Portal"])
    url = reverse("reporting:adoption-edit", args=[2026, "PE", peru.best_practices.get().pk])
    client.force_login(delegate_chl)
    assert client.get(url).status_code == 404
    client.force_login(chair)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_dashboard_draws_the_flows_as_a_chart_with_its_text(client, case, delegate_pe):
    """Peru's accepted report adopted Chile's best practice (no area named) and Chile's
    initiative (area 1): one bar "Chile → Peru" of 2, in two segments; Australia's submitted
    report is not counted."""
    client.force_login(delegate_pe)
    page = client.get(reverse("dashboard:plan", args=["2025-2028"])).content.decode()
    chart = page[
        page.index('id="flow-chart-title"') : page.index("</figure>", page.index("flow-chart"))
    ]
    assert "Best practices adopted, from which economy to which, by priority area" in chart
    assert (
        '<desc id="flow-chart-desc">Peru adopted 2 from Chile: 1 in area 1, 1 naming no area</desc>'
        in chart
    )
    assert "Chile → Peru" in chart
    assert "Australia" not in chart
    assert chart.count("<rect x=") == 2
    assert "1. Start-up, entrepreneurship, and business environment: 1" in chart
    assert "No area named: 1" in chart
    # The legend names the areas drawn only.
    assert "<li>" in chart
    assert "2. Scale-up" not in chart


def test_the_flows_chart_scales_each_pair_to_the_largest():
    chart = charts.flow_chart(
        [
            Flow("Peru", "Chile", 1, False, 2),
            Flow("Peru", "Chile", 2, True, 1),
            Flow("Mexico", "Chile", 2, False, 1),
        ],
        {1: "One", 2: "Two"},
    )
    assert [row.label for row in chart.rows] == ["Chile → Mexico", "Chile → Peru"]
    assert [row.total for row in chart.rows] == [1, 3]
    peru = chart.rows[1]
    assert [(s.label, s.value) for s in peru.segments] == [("1. One", 2), ("2. Two", 1)]
    assert sum(s.width for s in peru.segments) == chart.bar_area
    assert chart.rows[0].segments[0].width == round(chart.bar_area / 3, 1)
    assert chart.description == (
        "Mexico adopted 1 from Chile: 1 in area 2; "
        "Peru adopted 3 from Chile: 2 in area 1, 1 in area 2"
    )


def test_the_meeting_page_says_who_adopted_a_best_practice_shared_there(
    client, delegate_pe, delegate_chl, director, django_assert_num_queries
):
    meeting = make_meeting(61, datetime.date(2025, 5, 14))
    shared = MeetingBestPractice.objects.create(
        meeting=meeting, economy=Economy.objects.get(code="CHL"), title="Digital one-stop shop"
    )
    MeetingBestPractice.objects.create(
        meeting=meeting, economy=Economy.objects.get(code="PE"), title="Not adopted yet"
    )
    peru = adopting_report("PE", 2025, ["Shop"])
    adopt(peru, "Shop", shared, kind="meeting")
    australia = adopting_report("AUS", 2025, ["Shop too"])
    adopt(australia, "Shop too", shared, kind="meeting")
    client.force_login(delegate_chl)
    page = client.get(reverse("projects:meeting-detail", args=[61])).content.decode()
    # Only adoptions in accepted reports are told to others.
    assert "Adopted by" not in page

    accept(submit(peru))
    accept(submit(australia))

    # The session, its user, the user's role, the meeting, its best practices, who adopted
    # them, its dialogues.
    with django_assert_num_queries(7):
        page = client.get(reverse("projects:meeting-detail", args=[61])).content.decode()
    assert page.count("Adopted by Australia (2025), Peru (2025)") == 1

"""Figures the secretariat reported outside the app (plans.results): seed 001's 2024 figures
loaded word for word, shown apart on the 2021-2024 plan's page and dashboard, never mixed with
the app's own figures, kept by the administrator with their history."""

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from plans import demo
from plans.models import ReportedFigure, StrategicPlan
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LABEL = "reported by the program director in 2024; method not stated"
# Seed 001 (the SMEWG's web page, “Current Activities”), on the 58th SMEWG meeting, word for word.
SHARES_SENTENCE = (
    "Were informed by the SMEWG program director that during 2024, 20 projects focused on the "
    "abovementioned Strategic Plan priorities as follows, namely: Entrepreneurship, innovation, "
    "and start-ups (75 percent); SME access to international markets and global value chains "
    "(80 percent); Inclusive capability development towards digitalization (20 percent); access "
    "to finance and alternative financial solutions (25 percent); and government to business "
    "interactions (20 percent)."
)
PERFORMANCE_SENTENCE = (
    "The last section of the report included specifics on how the Strategic Plan performed "
    "during the previous four years for each of the following priorities: first, 85 percent; "
    "second, 77 percent; third, 50 percent; fourth, 28 percent; and fifth, 45 percent."
)
PRIORITIES = [
    "Entrepreneurship, innovation, and start-ups",
    "SME access to international markets and global value chains",
    "Inclusive capability development towards digitalization",
    "access to finance and alternative financial solutions",
    "government to business interactions",
]
SHARES = [75, 80, 20, 25, 20]
PERFORMANCE = [85, 77, 50, 28, 45]
ORDINALS = ["first", "second", "third", "fourth", "fifth"]
# (kind, position, area number, the priority as the source names it, value, unit, sentence)
SEED_001 = [
    ("projects", 1, None, "", 20, "projects", SHARES_SENTENCE),
    *(
        ("project_share", n, n, name, share, "percent", SHARES_SENTENCE)
        for n, (name, share) in enumerate(zip(PRIORITIES, SHARES, strict=True), 1)
    ),
    *(
        ("performance", n, n, ordinal, value, "percent", PERFORMANCE_SENTENCE)
        for n, (ordinal, value) in enumerate(zip(ORDINALS, PERFORMANCE, strict=True), 1)
    ),
]
SOURCE = {
    "year": 2024,
    "reported_by": "the program director",
    "method": "method not stated",
    "source_document": "Small and Medium Enterprises, the SMEWG’s web page, “Current Activities” "
    "(last page update: March 2025)",
    "source_meeting": "58th SMEWG meeting, Pucallpa, Peru",
    "source_date": "11 - 12 September 2024",
}


def seed_001_rows(figures) -> list[tuple]:
    return [
        (
            f.kind,
            f.position,
            f.area.number if f.area else None,
            f.area_as_reported,
            f.value,
            f.unit,
            f.quote,
        )
        for f in figures
    ]


def assert_seed_001_figures() -> None:
    plan = StrategicPlan.objects.get(code="2021-2024")
    figures = list(ReportedFigure.objects.for_plan(plan))
    assert seed_001_rows(figures) == SEED_001
    for figure in figures:
        assert {field: getattr(figure, field) for field in SOURCE} == SOURCE
        assert figure.label == LABEL
        assert figure.area is None or figure.area.plan == plan
    assert ReportedFigure.objects.exclude(plan=plan).count() == 0


def test_the_expected_rows_quote_their_sentences():
    """The test's own table agrees with the sentences it quotes, so a typo in either fails."""
    for kind, _, _, name, value, unit, sentence in SEED_001:
        said = {
            "projects": f"{value} projects",
            "project_share": f"{name} ({value} percent)",
            "performance": f"{name}, {value} percent",
        }[kind]
        assert said in sentence
        assert f"{value} {unit}" in sentence


def test_seed_001s_figures_are_in_the_catalogue_as_reported():
    """The test database holds what `loaddata` of the catalogue fixtures writes."""
    assert_seed_001_figures()


def test_loading_the_fixtures_again_changes_nothing():
    before = list(ReportedFigure.objects.values_list("pk", "value", "quote"))
    demo.load_catalogue()
    assert list(ReportedFigure.objects.values_list("pk", "value", "quote")) == before


def test_loaddata_of_the_fixtures_alone_on_a_fresh_database(tmp_path):
    """`manage.py migrate` then `manage.py loaddata` of the catalogue fixtures, nothing else."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    manage("migrate", "--verbosity", "0")
    manage("loaddata", *demo.CATALOGUE_FIXTURES)
    dumped = json.loads(
        manage("dumpdata", "plans.reportedfigure", "--natural-foreign", "--natural-primary")
    )
    rows = [
        (
            row["fields"]["kind"],
            row["fields"]["position"],
            row["fields"]["area"][1] if row["fields"]["area"] else None,
            row["fields"]["area_as_reported"],
            Decimal(row["fields"]["value"]),
            row["fields"]["unit"],
            row["fields"]["quote"],
        )
        for row in dumped
    ]
    assert sorted(rows, key=str) == sorted(SEED_001, key=str)
    assert all(row["fields"]["plan"] == ["2021-2024"] for row in dumped)
    assert {row["fields"]["method"] for row in dumped} == {"method not stated"}


def panel(html: str) -> str:
    start = html.index('<section id="reported-figures"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("url", ["/plans/2021-2024/", "/dashboard/2021-2024/"])
def test_the_plan_page_and_dashboard_show_them_apart_with_label_and_source(url, delegate_chl):
    html = client_for(delegate_chl).get(url).text
    shown = panel(html)
    assert f"Figures {LABEL}" in shown
    assert SOURCE["source_document"] in shown
    assert "58th SMEWG meeting, Pucallpa, Peru, 11 - 12 September 2024" in shown
    assert "20 projects" in shown
    assert f"“{SHARES_SENTENCE}”" in shown
    assert f"“{PERFORMANCE_SENTENCE}”" in shown
    for n, (name, share, value) in enumerate(zip(PRIORITIES, SHARES, PERFORMANCE, strict=True)):
        row = shown.split(f'<span class="hint">{n + 1}.</span> {name}')[1].split("</tr>")[0]
        assert f"(“{ORDINALS[n]}”)" in row
        assert [cell.split("<")[0] for cell in row.split('<td class="num">')[1:]] == [
            f"{share} %",
            f"{value} %",
        ]
    assert 'href="#reported-figures"' in html  # listed in the page's contents


def test_plans_without_reported_figures_show_no_panel(director):
    for url in ("/plans/2025-2028/", "/dashboard/2025-2028/", "/plans/2017-2020/"):
        html = client_for(director).get(url).text
        assert "reported-figures" not in html, url


def without_panel(html: str) -> str:
    start = html.index('<section id="reported-figures"')
    end = html.index("</section>", start) + len("</section>")
    link = '\n  <li><a href="#reported-figures">Figures reported outside the app</a></li>'
    assert link in html
    return comparable((html[:start] + html[end:]).replace(link, ""))


def comparable(html: str) -> str:
    """The page without what changes on every response (the form's CSRF token, blank lines)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r"\n\s*\n", "\n", html)


def test_the_dashboards_computed_figures_are_unchanged_by_them(director):
    """The 2021-2024 dashboard, page and API, with the reported figures and without: the same
    computed figures, the panel aside."""
    client = client_for(director)
    url = "/dashboard/2021-2024/?start=2021&end=2024"
    with_figures = client.get(url).text
    api_with = client.get("/api/dashboard/2021-2024/?start=2021&end=2024").json()
    portfolio = "/projects/portfolio/?plan=2021-2024&start=2024&end=2024"
    portfolio_with = comparable(client.get(portfolio).text)
    assert "No project" in portfolio_with

    ReportedFigure.objects.all().delete()
    without_figures = client.get(url).text
    assert "reported-figures" not in without_figures
    assert without_panel(with_figures) == comparable(without_figures)
    assert client.get("/api/dashboard/2021-2024/?start=2021&end=2024").json() == api_with
    assert comparable(client.get(portfolio).text) == portfolio_with


def add_in_admin(client, plan: StrategicPlan, **fields) -> object:
    data = {
        "plan": plan.pk,
        "year": 2023,
        "reported_by": "the program director",
        "kind": "project_share",
        "position": 1,
        "area": "",
        "area_as_reported": "",
        "value": "10",
        "unit": "percent",
        "source_document": "Report to the 56th SMEWG meeting",
        "source_meeting": "",
        "source_date": "2023",
        "quote": "Quoted.",
        "method": "method not stated",
        "note": "",
        **fields,
    }
    return client.post("/admin/plans/reportedfigure/add/", data)


def grow(client, plan: StrategicPlan, count: int) -> None:
    """Another year's report for the plan, `count` priorities, through the admin."""
    for position, area in enumerate(plan.areas.all()[:count], 1):
        response = add_in_admin(
            client, plan, position=position, area=area.pk, area_as_reported=area.name
        )
        assert response.status_code == 302, response.context["adminform"].form.errors


def test_the_administrator_keeps_them_with_history_and_checks(administrator):
    client = client_for(administrator)
    plan = StrategicPlan.objects.get(code="2021-2024")
    other_area = StrategicPlan.objects.get(code="2025-2028").areas.get(number=1)
    assert client.get("/admin/plans/reportedfigure/").status_code == 200

    refused = add_in_admin(
        client, plan, area=other_area.pk, area_as_reported="x", value="120", unit="projects"
    )
    errors = refused.context["adminform"].form.errors
    assert errors["area"] == ["The priority area must be one of the plan's."]
    assert errors["unit"] == ["This kind of figure is in percent."]
    refused = add_in_admin(client, plan, kind="projects", unit="projects", area_as_reported="x")
    assert refused.context["adminform"].form.errors["area"] == [
        "A plan-wide figure names no priority."
    ]
    refused = add_in_admin(client, plan, area_as_reported="")
    assert "area_as_reported" in refused.context["adminform"].form.errors
    assert ReportedFigure.objects.filter(year=2023).count() == 0

    grow(client, plan, 1)
    figure = ReportedFigure.objects.get(year=2023)
    assert figure.history.count() == 1
    assert figure.history.get().history_user == administrator


def test_the_panel_is_a_template_tag_any_page_can_use(director):
    """Without the plan's flag (as another page would call it): one query, the same panel."""
    plan = StrategicPlan.objects.get(code="2021-2024")
    html = Template("{% load reported_figures %}{% reported_figures_panel plan 3 %}").render(
        Context({"plan": plan})
    )
    assert '<h3 id="reported-figures-title">' in html
    assert f"<h4>Figures {LABEL}</h4>" in html
    assert f"“{PERFORMANCE_SENTENCE}”" in html


def queries_of(client, url: str, django_assert_num_queries, expected: int) -> str:
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_the_pages_run_a_fixed_number_of_queries(
    director, administrator, django_assert_num_queries
):
    client = client_for(director)
    plan = StrategicPlan.objects.get(code="2021-2024")
    for url in ("/plans/2021-2024/", "/dashboard/2021-2024/"):
        client.get(url)  # warm the session
    # The plan page as for any plan (session, user, plan with the reported-figures flag,
    # broader priorities, areas, objectives, actions, measures, indicator groups, activities,
    # identity), then the reported figures with their areas.
    # The dashboard as for any plan (25), then the reported figures with their areas.
    expected = {"/plans/2021-2024/": 11 + 1, "/dashboard/2021-2024/": 25 + 1}
    small = {
        url: queries_of(client, url, django_assert_num_queries, n) for url, n in expected.items()
    }
    grow(client_for(administrator), plan, 5)
    for url, n in expected.items():
        page = queries_of(client, url, django_assert_num_queries, n)
        assert page.count("<tr>") > small[url].count("<tr>")

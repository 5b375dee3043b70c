"""Hints and error messages are announced: every id that a form page's `aria-describedby` (or
`aria-labelledby`) names is on that page, as it first opens and once its form is refused.

The crawl (tests/test_crawl.py) checks the same on every page it reaches by links; here are the
pages as they answer a refused form, which no link reaches.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from plans.models import ProposalRound
from reporting.models import EconomyReport, ReportingCycle
from reporting.reports import services
from tests.conftest import client_for
from tests.documents import read
from tests.plans.projects.factories import make_matrix_data
from tests.plans.projects.test_ranking import sheet_data
from tests.reporting.factories import fill_report, section_data, start_report

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    role: str
    url: str
    # POST data (or a function of the client and the URL making it); None for a GET.
    data: dict | Callable[[Client, str], dict] | None = None
    status: int = 200
    # An id the page must name in an aria-describedby: the hint or error it must announce.
    announces: str = ""


def section_post(slug: str, **fields: str) -> Callable[[Client, str], dict]:
    def data(_client: Client, _url: str) -> dict:
        report = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
        section = report.sections.get(
            **({"area__isnull": True} if slug == "general" else {"area__number": int(slug)})
        )
        return section_data(section, action="continue", **fields)

    return data


def page_form_with(field: str, value: str) -> Callable[[Client, str], dict]:
    """The page's form as the browser sends it back, with one field changed."""

    def data(client: Client, url: str) -> dict:
        form = client.get(url).context["form"]
        values = {name: form[name].value() for name in form.fields}
        return {name: "" if v is None else v for name, v in values.items()} | {field: value}

    return data


def score_post(_client: Client, _url: str) -> dict:
    data = sheet_data(ProposalRound.objects.get(year=2026, number=1), p1=(5, 4, 3))
    return data | {"p2-plan_link": "4"}


CHL = "/reports/2026/CHL/"
PAGES = [
    Page("anonymous", "/accounts/login/"),
    Page("anonymous", "/accounts/login/", {}, announces="id_username_error"),
    Page("delegate-chl", "/accounts/profile/", announces="id_time_zone_helptext"),
    Page("delegate-chl", "/accounts/profile/", {"time_zone": "Nowhere/City"}, status=400),
    Page("delegate-chl", CHL),
    Page("delegate-chl", f"{CHL}sections/1/", announces="id_entries-0-evidence_helptext"),
    Page(
        "delegate-chl",
        f"{CHL}sections/1/",
        section_post("1", **{"entries-0-narrative": "Typed but not assessed"}),
        announces="id_entries-0-assessment_error",
    ),
    Page("delegate-chl", f"{CHL}sections/general/"),
    Page("delegate-chl", f"{CHL}sections/general/", section_post("general")),
    Page("delegate-chl", f"{CHL}check/"),
    Page("delegate-chl", f"{CHL}check/", {}, status=400, announces="error-summary-title"),
    Page("delegate-chl", f"{CHL}workbook/upload/", announces="id_file_helptext"),
    Page("delegate-chl", f"{CHL}workbook/upload/", {}, announces="id_file_error"),
    Page("delegate-chl", "/projects/rounds/2026/1/score/"),
    Page("delegate-chl", "/projects/rounds/2026/1/score/", score_post, status=400),
    Page("director", "/reports/2026/PE/"),
    Page("director", "/reports/2026/PE/return/"),
    Page("director", "/reports/2026/PE/return/", {"comment": ""}, announces="id_comment_error"),
    Page("director", "/reports/2026/PE/accept/"),
    Page("director", "/reports/2025/AUS/reopen/"),
    Page("director", "/reports/2025/AUS/reopen/", {"comment": "x" * 5001}),
    Page("director", "/reports/queue/"),
    Page("director", "/reports/annual/2025-2028/2026/"),
    Page(
        "director",
        "/reports/annual/2025-2028/2026/",
        page_form_with("area2-comment", "x" * 5001),
        status=400,
        announces="id_area2-comment_error",
    ),
    Page("director", "/reports/annual/2025-2028/2026/freeze/"),
    Page("director", "/reports/annual/2025-2028/2026/freeze/", {}, status=400),
    Page("director", "/projects/?year=twenty", announces="id_year_error"),
    Page("director", "/projects/schedule/2017-2020/activities/new/"),
    Page("director", "/projects/schedule/2017-2020/activities/new/", {}),
    Page("director", "/dashboard/2025-2028/"),
    Page("director", "/dashboard/2025-2028/search/?q=%00", status=400),
    Page("director", "/accounts/lockouts/"),
    Page("director", "/accounts/lockouts/", {}, status=400),
    Page("chair", "/reviews/2025-2028/midterm/"),
    Page(
        "chair",
        "/reviews/2025-2028/midterm/",
        page_form_with("area2-challenges", "x" * 5001),
        status=400,
        announces="id_area2-challenges_error",
    ),
    Page("chair", "/reviews/2025-2028/midterm/finalize/"),
    Page("chair", "/reviews/2025-2028/midterm/passages/"),
]


@pytest.fixture
def reports(delegate_chl, delegate_pe, director) -> None:
    """Chile's 2026 draft, Peru's submitted 2026 report, Australia's accepted 2025 report in
    a closed cycle, and a project, a proposal round and a meeting."""
    start_report(delegate_chl)
    peru = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, peru)
    services.report_submit(report_id=peru.pk, user=delegate_pe)
    australian = User.objects.get(username="delegate-aus")
    australia = start_report(australian, "AUS", 2025)
    fill_report(australian, australia)
    services.report_submit(report_id=australia.pk, user=australian)
    services.report_accept(report_id=australia.pk, user=director)
    cycle = ReportingCycle.objects.get(year=2025)
    services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=False)
    make_matrix_data()


def test_every_id_an_aria_attribute_names_is_on_its_page(reports):
    clients = {
        role: client_for(None if role == "anonymous" else User.objects.get(username=role))
        for role in {page.role for page in PAGES}
    }
    problems = []
    for page in PAGES:
        client = clients[page.role]
        if page.data is None:
            response = client.get(page.url)
        else:
            data = page.data(client, page.url) if callable(page.data) else page.data
            response = client.post(page.url, data)
        what = f"{page.role} {'GET' if page.data is None else 'POST'} {page.url}"
        if response.status_code != page.status:
            problems.append(f"{what}: answered {response.status_code}, not {page.status}")
            continue
        document = read(response.content.decode())
        problems += [f"{what}: {problem}" for problem in document.dangling_references()]
        named = {target for _tag, _attribute, target in document.references}
        if page.announces and page.announces not in named:
            problems.append(f"{what}: nothing names {page.announces!r} in aria-describedby")
    assert not problems, "\n".join(problems)

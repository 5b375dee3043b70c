"""A day's use of the demo, then every page each reader reaches by following links.

The demo data (seed_demo) gets a day's events on a fixed clock: the daily reminders after the
2026 due date, a report returned with comments on a section, an accepted report reopened, a
report accepted and the final review made final. Then, signed in as each role, a crawler
follows every same-site `<a href>` breadth-first (GET only, DEBUG off as in every test) and
asserts that no page answers 5xx, that no link sends its reader to a page that refuses them
(403, 404, 405, or the login page for someone signed in) and that every id an aria attribute
names is on its page.

Left out: the Django admin beyond its index (the admin's own pages), signing out, static
files, the PDFs (WeasyPrint takes seconds in the request), and of the other files made in the
request, all but the first of each kind (see FILES). The number of pages each role visited is
printed for the CI log.
"""

from __future__ import annotations

import datetime
import io
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve, reverse

from plans.models import StrategicPlan
from reporting.models import EconomyReport, Reminder, ReportStatus
from reporting.reports import services
from reporting.reviews.models import ReviewKind
from reporting.reviews.services import review_finalize
from tests.documents import read

pytestmark = pytest.mark.django_db

# A weekday after the 2026 due date (31 October): the cycle is open and its missing reports
# are overdue, so the daily run sends reminders.
THE_DAY = datetime.datetime(2026, 11, 9, 9, 0, tzinfo=datetime.UTC)
# Far above what any role reaches on the demo (the director: about 300 pages); reaching it
# fails the test rather than leaving pages unvisited.
MAX_PAGES = 1000
SITE_HOSTS = {"", "testserver"}
# Files, made where they are asked for by the tests' queue: the first link to each kind (view and
# format) is followed, the others only resolved to a view. The PDFs are never fetched:
# WeasyPrint lays out dozens of pages, seconds each time. Who may download each is the
# permission matrix's (test_access).
FILES = {
    "reporting:workbook-download",
    "reviews:download",
    "annual:download",
    "projects:round-export",
}
SLOW_FORMATS = {"pdf"}


def report(year: int, code: str) -> EconomyReport:
    return EconomyReport.objects.select_related("cycle").get(cycle__year=year, economy__code=code)


def a_day_of_work() -> None:
    """The events of the day, each through its command or service, as the users make them."""
    director, chair = User.objects.get(username="director"), User.objects.get(username="chair")
    call_command("send_reminders", stdout=io.StringIO())

    usa = report(2026, "USA")
    assert usa.status == ReportStatus.SUBMITTED
    commented = usa.sections.get(area__number=2)
    services.report_return(
        report_id=usa.pk,
        user=director,
        comment="Please complete the figures of priority area 2.",
        section_comments={commented.pk: "The 2025 value of measure 2.1 is missing its source."},
    )
    chile_2025 = report(2025, "CHL")
    assert chile_2025.status == ReportStatus.ACCEPTED
    services.report_reopen(
        report_id=chile_2025.pk, user=director, comment="Correct the initiative's dates."
    )
    thailand = report(2026, "THA")
    assert thailand.status == ReportStatus.SUBMITTED
    services.report_accept(report_id=thailand.pk, user=director)
    review_finalize(
        plan=StrategicPlan.objects.get(code="2025-2028"), kind=ReviewKind.FINAL, user=chair
    )


@pytest.fixture(scope="module")
def demo_day(django_db_setup, django_db_blocker):
    """seed_demo and the day's events once for the module, on THE_DAY's clock, in a transaction
    rolled back after the module's last test."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(THE_DAY, tick=True),
        transaction.atomic(),
    ):
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO())
        a_day_of_work()
        yield
        transaction.set_rollback(True)


def test_the_days_events_happened(demo_day):
    assert Reminder.objects.filter(cycle__year=2026, economy__code="RUS", kind="overdue").exists()
    assert report(2026, "USA").status == ReportStatus.RETURNED
    assert report(2026, "USA").sections.exclude(return_comment="").count() == 1
    chile_2025 = report(2025, "CHL")
    assert (chile_2025.status, chile_2025.reopened) == (ReportStatus.RETURNED, True)
    assert report(2026, "THA").status == ReportStatus.ACCEPTED


@dataclass
class Crawl:
    # address -> the page that first linked to it ("" for the start)
    found_on: dict[str, str] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # (view, format) of the files fetched (FILES): one each
    files: set[tuple[str, str]] = field(default_factory=set)

    def problem(self, url: str, what: str) -> None:
        self.problems.append(f"{url} (linked from {self.found_on.get(url) or 'the start'}): {what}")


def is_login_page(location: str) -> bool:
    return urlsplit(location).path == reverse("login")


def same_site(href: str, page: str) -> str | None:
    """The address a link leads to, without its fragment, or None if it leaves the site."""
    url, _fragment = urldefrag(urljoin(page, href))
    parts = urlsplit(url)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in SITE_HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def to_fetch(path: str, crawl: Crawl) -> bool:
    """Whether the crawl fetches a linked address: not signing out (a POST anyway), static
    files, the admin's own pages (its index is fetched), a slow file, or a file of a kind
    fetched once already (FILES). An address that resolves to no view is fetched, so that its
    404 is reported."""
    if path.startswith(("/static/", reverse("logout"))):
        return False
    if path.startswith("/admin/"):
        return urlsplit(path).path == reverse("admin:index")
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return True
    if match.view_name not in FILES:
        return True
    kind = (match.view_name, match.kwargs.get("fmt", ""))
    if kind[1] in SLOW_FORMATS or kind in crawl.files:
        return False
    crawl.files.add(kind)
    return True


def crawl_site(client: Client, *, signed_in: bool, start: str = "/") -> Crawl:
    """Every page reached from `start` by links, breadth-first, and what was wrong with each."""
    crawl = Crawl(found_on={start: ""})
    queue = deque([start])
    while queue:
        if len(crawl.visited) >= MAX_PAGES:
            pytest.fail(
                f"The crawl reached its bound of {MAX_PAGES} pages with {len(queue)} addresses "
                f"still to visit (next: {queue[0]}): raise MAX_PAGES if the site has grown."
            )
        url = queue.popleft()
        crawl.visited.append(url)
        response = client.get(url)
        status = response.status_code
        if status >= 500:
            error = getattr(response, "exc_info", None)
            crawl.problem(url, f"answered {status}" + (f": {error[1]!r}" if error else ""))
            continue
        if status in (301, 302, 303, 307, 308):
            location = response["Location"]
            if signed_in and is_login_page(location):
                crawl.problem(url, f"sends a signed-in reader to the login page ({location})")
                continue
            targets = [location]
        elif status >= 400:
            crawl.problem(url, f"answered {status} to its reader")
            continue
        elif response["Content-Type"].startswith("text/html"):
            document = read(response.content.decode())
            for dangling in document.dangling_references():
                crawl.problem(url, dangling)
            targets = document.links
        else:
            targets = []
        for href in targets:
            target = same_site(href, url)
            if target is None or target in crawl.found_on:
                continue
            crawl.found_on[target] = url
            if to_fetch(target, crawl):
                queue.append(target)
    return crawl


# Pages each reader must reach, so that a crawl that stopped early cannot pass.
MUST_REACH = {
    "anonymous": {"/accounts/login/?next=/"},
    "delegate-chl": {
        "/reports/2026/CHL/",
        "/reports/2026/CHL/check/",
        "/reports/2025/CHL/sections/1/",  # reopened today
        "/projects/sme-06-2025a/",  # names other economies' accepted initiatives
    },
    "delegate-usa": {"/reports/2026/USA/", "/reports/2026/USA/sections/2/"},  # returned today
    "director": {"/reports/2026/RUS/", "/reports/2026/USA/", "/reports/queue/"},
    "chair": {"/reviews/2025-2028/final/", "/reports/2026/THA/"},
    "admin": {"/admin/", "/reports/2026/RUS/"},
}


@pytest.mark.parametrize("username", list(MUST_REACH))
def test_every_page_a_reader_reaches_answers_them(demo_day, username, capsys, settings):
    # Pages kept by the data's version (reporting/ops/page_cache.py) as in production: each
    # shown in the frame around its kept body.
    settings.PAGE_CACHE_SECONDS = 3600
    signed_in = username != "anonymous"
    client = Client(raise_request_exception=False)
    if signed_in:
        client.force_login(User.objects.get(username=username))
    started = time.perf_counter()
    crawl = crawl_site(client, signed_in=signed_in)
    seconds = time.perf_counter() - started
    files = ", ".join(sorted(f"{view} {fmt}".strip() for view, fmt in crawl.files)) or "none"
    with capsys.disabled():
        print(
            f"\n  crawl as {username}: {len(crawl.visited)} pages in {seconds:.1f} s "
            f"(files fetched: {files})"
        )
    assert not crawl.problems, "\n".join(crawl.problems)
    assert MUST_REACH[username] <= set(crawl.visited)

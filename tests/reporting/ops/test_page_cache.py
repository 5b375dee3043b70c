"""The dashboard, the review and the annual report pages kept by the plan's data version
(reporting/ops/page_cache.py): a kept page costs the signed-in floor, a workflow event or a
saved text shows at once, each reader's scope has its own body, and the frame (messages, CSRF
tokens) is the request's own."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plans.accounts.services import preferences_set_time_zone
from plans.models import StrategicPlan
from reporting.annual import services as annual_services
from reporting.ops.page_cache import CSRF_INPUT
from reporting.reviews import services as review_services
from tests.conftest import client_for
from tests.page_forms import page_form
from tests.reporting.rollups.test_flat_cost import reported

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/2025-2028/?start=2025&end=2025"
REVIEW = "/reviews/2025-2028/midterm/"
ANNUAL = "/reports/annual/2025-2028/2025/"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.PAGE_CACHE_SECONDS = 3600


def body(client: Client, url: str) -> str:
    """The page without its CSRF tokens, which are masked anew for each request."""
    return CSRF_INPUT.sub("", client.get(url).text)


def queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("url", [DASHBOARD, REVIEW, ANNUAL])
def test_a_kept_page_costs_the_signed_in_floor(director, url, django_assert_num_queries):
    reported("AUS", 2025, director)
    client = client_for(director)
    built = queries(client, url)
    # session, user, the plan, the data version, the user's roles and economy, the kept body;
    # the dashboard adds the plan's areas (its filters' form), the review (not saved yet: no
    # quotes to count) and the annual report their own row.
    expected = {DASHBOARD: 7, REVIEW: 7, ANNUAL: 7}[url]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    assert len(built) > expected + 5  # built, the figures were read


@pytest.mark.parametrize("url", [DASHBOARD, REVIEW, ANNUAL])
def test_a_workflow_event_shows_at_once(director, url):
    reported("AUS", 2025, director)
    client = client_for(director)
    before = body(client, url)
    assert body(client, url) == before  # kept
    reported("PE", 2025, director)  # accepted: the data version moves
    after = body(client, url)
    assert after != before
    if url == DASHBOARD:
        assert "1 of 21 economies reported" in before
        assert "2 of 21 economies reported" in after


def test_two_scopes_never_share_a_body(director):
    """A delegate's dashboard links their own economy's reports; the director's, every one's;
    another delegate's, their own. Each reads the page in turn after the others kept theirs."""
    reported("AUS", 2025, director)
    reported("PE", 2025, director)
    own = {
        "delegate-aus": "/reports/2025/AUS/",
        "delegate-pe": "/reports/2025/PE/",
    }
    pages = {}
    for username in ("director", "delegate-aus", "delegate-pe", "director", "delegate-aus"):
        pages[username] = client_for(User.objects.get(username=username)).get(DASHBOARD).text
    assert own["delegate-aus"] in pages["director"]
    assert own["delegate-pe"] in pages["director"]
    assert own["delegate-aus"] in pages["delegate-aus"]
    assert own["delegate-pe"] not in pages["delegate-aus"]
    assert own["delegate-pe"] in pages["delegate-pe"]
    assert own["delegate-aus"] not in pages["delegate-pe"]
    assert "Delegate of Australia" in pages["delegate-aus"]  # the frame is the reader's
    assert "Delegate of Peru" in pages["delegate-pe"]


def test_the_review_s_form_is_kept_for_its_writers_alone(director, chair):
    reported("AUS", 2025, director)
    chair_page = client_for(chair).get(REVIEW).text
    delegate = client_for(User.objects.get(username="delegate-aus"))
    delegate_page = delegate.get(REVIEW).text
    assert 'name="executive_summary"' in chair_page
    assert 'name="executive_summary"' not in delegate_page
    assert 'name="executive_summary"' not in delegate.get(REVIEW).text  # kept, still without


def test_a_saved_draft_text_shows_though_the_data_version_stays(director, chair):
    """The review's text and quotes change without the data version moving."""
    reported("AUS", 2025, director)
    client = client_for(chair)
    assert "Steady progress across the region." not in client.get(REVIEW).text
    review_services.review_save(
        plan=StrategicPlan.objects.get(code="2025-2028"),
        kind="midterm",
        user=chair,
        expected_version=0,
        executive_summary="Steady progress across the region.",
        area_texts={},
    )
    assert "Steady progress across the region." in client.get(REVIEW).text
    page = client.get(REVIEW).text
    # The page offers no passages: the passage finder does, and "Use this quote" posts one.
    quote = client.get(f"{REVIEW}passages/").context["passages"][0]["value"]
    added = client.post(f"{REVIEW}quotes/", {"quote": quote})
    assert added.status_code == 302
    after = client.get(REVIEW).text
    assert "Remove<span" in after
    assert after != page


def test_a_kept_form_carries_the_reader_s_own_csrf_token(chair):
    """Kept by one session, posted from another, with the CSRF check on: the token in the kept
    body is the reader's own."""
    first = client_for(chair)
    first.get(REVIEW)
    second = Client(enforce_csrf_checks=True)
    second.force_login(chair)
    page = second.get(REVIEW).text
    form = page_form(page, field_name="executive_summary")
    tokens = {value for name, value in form.fields if name == "csrfmiddlewaretoken"}
    assert len(tokens) == 1
    assert tokens != {""}
    assert second.post(REVIEW, form.body(), content_type=FORM).status_code == 302


def test_messages_are_the_request_s_own(chair):
    """A message shows once, on the kept page too, and is not kept with it."""
    client = client_for(chair)
    client.get(REVIEW)
    page = client.get(REVIEW).text
    form = page_form(page, field_name="executive_summary")
    saved = client.post(REVIEW, form.body(), content_type=FORM)
    assert saved.status_code == 302
    assert "Review saved." in client.get(REVIEW).text
    assert "Review saved." not in client.get(REVIEW).text


def test_a_kept_page_shows_each_reader_their_own_time_zone(director):
    """Two readers of one scope, one in Lima: each reads the frozen report's time in their zone,
    whoever kept the body first."""
    reported("AUS", 2025, director)
    plan = StrategicPlan.objects.get(code="2025-2028")
    with time_machine.travel(dt.datetime(2026, 3, 2, 3, 30, tzinfo=dt.UTC), tick=False):
        annual_services.annual_report_freeze(
            plan=plan, year=2025, user=director, presented_at="At the 60th meeting"
        )
    colleague = User.objects.create_user("director-lima")
    colleague.groups.set(director.groups.all())
    preferences_set_time_zone(user=colleague, time_zone="America/Lima")
    in_utc = body(client_for(director), ANNUAL)
    in_lima = body(client_for(colleague), ANNUAL)
    assert "Data as of <time" in in_utc
    assert "2 March 2026, 03:30 UTC</time>" in in_utc
    assert "1 March 2026, 22:30 UTC-05 (Lima)</time>" in in_lima
    assert "UTC-05" not in body(client_for(director), ANNUAL)  # read again, from the cache

"""A review's files made in the task worker: the download button's prepare and status requests,
the task that makes a file, the drafts' files made after each save, and only the current draft
file of each format kept.

The data is the small hand-computed dataset of test_rollups (accepted 2025-2026: Chile, Peru).
"""

import json

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from plans.models import Economy, StrategicPlan
from reporting.documents import formats, stored
from reporting.documents.stored import digest_of, kept_name
from reporting.models import EconomyReport, ReportingCycle
from reporting.reports import services
from reporting.reviews import services as review_services
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.exports import FORMATS, export_review
from reporting.reviews.models import Review
from tests.conftest import client_for, run_worker
from tests.reporting.factories import start_report
from tests.reporting.reviews.test_exports import accepted_report
from tests.reporting.rollups.test_figures import build_dataset

pytestmark = pytest.mark.django_db

REVIEW = "/reviews/2025-2028/midterm/"


def review() -> Review:
    return Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "midterm")


def content_key(found: Review) -> tuple[str, dict | None]:
    return stored.content_key(REVIEW_DOCUMENT, found)


def content_digest(found: Review) -> str:
    return stored.content_digest(REVIEW_DOCUMENT, found)


def storage_name(found: Review, digest: str, fmt: str, *, final: bool) -> str:
    return kept_name(REVIEW_DOCUMENT.root(found), digest, fmt, final=final)


def make_file(found: Review, fmt: str) -> str:
    """What the task worker does: the file of the review's current content made and kept."""
    return stored.make_files(REVIEW_DOCUMENT, found, [formats.format_of("review", fmt)])


def current_digest() -> str:
    return digest_of(content_key(review())[0])


def draft_name(fmt: str, digest: str | None = None) -> str:
    return storage_name(review(), digest or current_digest(), fmt, final=False)


def draft_files() -> set[str]:
    return set(default_storage.listdir("reviews/2025-2028/midterm/draft")[1])


def prepare(client, fmt: str):
    return client.post(f"{REVIEW}download/{fmt}/prepare/")


def accept_australia(director) -> None:
    """Australia's submitted 2025 report is accepted: the review's content changes."""
    australia = EconomyReport.objects.get(economy__code="AUS", cycle__year=2025)
    services.report_accept(report_id=australia.pk, user=director)


@pytest.fixture
def data():
    build_dataset()


@pytest.mark.usefixtures("data", "database_queue")
def test_the_button_queues_the_file_once_and_downloads_it_when_made(chair, director):
    client = client_for(chair)
    digest = current_digest()
    response = prepare(client, "pdf")
    assert response.status_code == 202
    assert response.json() == {
        "status": "preparing",
        "message": "Preparing the PDF…",
        "status_url": f"{REVIEW}download/pdf/{digest}/status/",
        "download_url": f"{REVIEW}download/pdf/{digest}/",
    }
    assert DBTaskResult.objects.count() == 1
    # The same content asked again, by anyone: nothing new is queued.
    assert prepare(client, "pdf").status_code == 202
    assert prepare(client_for(director), "pdf").json()["status"] == "preparing"
    assert DBTaskResult.objects.count() == 1
    status = client.get(f"{REVIEW}download/pdf/{digest}/status/")
    assert (status.status_code, status.json()["status"]) == (202, "preparing")
    assert client.get(f"{REVIEW}download/pdf/{digest}/").status_code == 404  # not made yet
    assert not default_storage.exists(draft_name("pdf"))

    run_worker()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]
    assert default_storage.exists(draft_name("pdf"))
    status = client.get(f"{REVIEW}download/pdf/{digest}/status/")
    assert (status.status_code, status.json()["status"]) == (200, "ready")
    assert status.json()["message"] == "The PDF is ready."
    download = client.get(f"{REVIEW}download/pdf/{digest}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        'attachment; filename="smewg-2025-2028-midterm-review.pdf"'
    )
    assert download.content == export_review(review(), "pdf").content
    # Made: asked again, it is ready at once, and nothing is queued.
    assert prepare(client, "pdf").json()["status"] == "ready"
    assert DBTaskResult.objects.count() == 1


@pytest.mark.usefixtures("data", "database_queue")
def test_a_content_changed_meanwhile_is_told_and_the_current_file_made(chair, director):
    client = client_for(chair)
    asked = prepare(client, "csv").json()
    accept_australia(director)
    run_worker()
    status = client.get(asked["status_url"]).json()
    assert status["status"] == "changed"  # the page's script then follows the plain link
    assert status["message"] == "Downloading the CSV file…"
    assert default_storage.exists(draft_name("csv"))  # the current content's
    assert client.get(asked["download_url"]).status_code == 404


@pytest.mark.usefixtures("data")
def test_a_failed_task_is_told(chair, monkeypatch):
    def broken(kind, content, fmt, *, stem):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setattr("reporting.documents.stored.render_export", broken)
    response = prepare(client_for(chair), "pdf")  # the tests' queue runs the task at once
    assert response.json()["status"] == "failed"
    assert client_for(chair).get(response.json()["status_url"]).json()["status"] == "failed"


@pytest.mark.usefixtures("data")
def test_without_javascript_the_link_downloads_what_the_worker_made(chair):
    """The tests' queue runs a task where it is queued: the link's task has made the file."""
    assert not default_storage.exists(draft_name("pdf"))
    response = client_for(chair).get(f"{REVIEW}download/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response.content == export_review(review(), "pdf").content
    assert default_storage.exists(draft_name("pdf"))  # kept for the next download


def again_link(page: str, label: str) -> str:
    [again] = [
        line.split('href="')[1].split('"')[0]
        for line in page.splitlines()
        if f"Download the {label}" in line
    ]
    return again


@pytest.mark.usefixtures("data", "database_queue")
@pytest.mark.parametrize(
    ("fmt", "label"), [("pdf", "PDF"), ("docx", "Word file"), ("csv", "CSV file")]
)
def test_without_javascript_a_file_not_made_yet_is_queued_and_a_page_says_so(chair, fmt, label):
    client = client_for(chair)
    response = client.get(f"{REVIEW}download/{fmt}/")
    # Not made in the request, whatever the format: queued, and a page that asks again by
    # itself (no script needed) with a button to ask at once.
    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    page = response.text
    assert f"<h1>Preparing the {label}</h1>" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    again = again_link(page, label)
    assert again == f"{REVIEW}download/{fmt}/"
    assert not default_storage.exists(draft_name(fmt))
    assert DBTaskResult.objects.count() == 1
    # Asked again before the worker has made it: the same page, nothing more queued.
    assert client.get(again).status_code == 202
    assert DBTaskResult.objects.count() == 1
    run_worker()
    response = client.get(again)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="smewg-2025-2028-midterm-review.{fmt}"'
    )
    assert response.content == export_review(review(), fmt).content


@pytest.mark.usefixtures("data", "database_queue")
def test_without_javascript_a_worker_too_slow_is_never_replaced_by_the_request(chair):
    client = client_for(chair)
    assert client.get(f"{REVIEW}download/pdf/").status_code == 202
    # Long after (the mark of the task asked for has lapsed: a worker down, or far behind),
    # the request asks the worker again and still makes nothing itself.
    cache.clear()
    response = client.get(f"{REVIEW}download/pdf/")
    assert response.status_code == 202
    assert not default_storage.exists(draft_name("pdf"))
    assert DBTaskResult.objects.count() == 2


@pytest.mark.usefixtures("data", "database_queue")
def test_a_failed_file_is_told_on_the_plain_links_page(chair, monkeypatch):
    def broken(kind, content, fmt, *, stem):
        raise RuntimeError("WeasyPrint ran out of memory")

    client = client_for(chair)
    assert client.get(f"{REVIEW}download/pdf/").status_code == 202
    monkeypatch.setattr("reporting.documents.stored.render_export", broken)
    run_worker()  # the task fails
    response = client.get(f"{REVIEW}download/pdf/")
    assert response.status_code == 202
    assert "The last attempt to make the PDF of the mid-term review failed." in response.text


@pytest.mark.usefixtures("data", "database_queue")
def test_saving_the_text_or_a_quote_queues_the_drafts_files(
    chair, director, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_save(
            plan=review().plan,
            kind="midterm",
            user=chair,
            expected_version=0,
            executive_summary="Steady progress.",
            area_texts={},
        )
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {
        "document": "review",
        "reference": {"plan": "2025-2028", "kind": "midterm"},
        "formats": list(FORMATS),
    }
    run_worker()
    digest = current_digest()
    assert draft_files() == {f"{digest}.{fmt}" for fmt in FORMATS}
    # Every download is now the kept file.
    with default_storage.open(draft_name("docx"), "wb") as kept:
        kept.write(b"kept")
    assert client_for(chair).get(f"{REVIEW}download/docx/").content == b"kept"

    japan = accepted_report("JPN", 2025, director, general={"lessons_learned": "Coach."})
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_add_quote(
            plan=review().plan, kind="midterm", user=chair, source="lesson", source_id=japan.pk
        )
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_remove_quote(
            review_id=review().pk, user=chair, quote_id=review().quotes.get().pk
        )
    assert DBTaskResult.objects.filter(status="READY").count() == 2


@pytest.mark.usefixtures("data")
def test_only_the_current_draft_file_of_each_format_is_kept_and_finals_stay(
    chair, director, django_capture_on_commit_callbacks
):
    first = current_digest()
    make_file(review(), "csv")
    make_file(review(), "json")
    assert draft_files() == {f"{first}.csv", f"{first}.json"}

    accept_australia(director)
    second = current_digest()
    assert second != first
    make_file(review(), "csv")
    # The older CSV is gone; the JSON stays until a newer JSON is kept.
    assert draft_files() == {f"{second}.csv", f"{first}.json"}

    with django_capture_on_commit_callbacks(execute=True):
        final = review_services.review_finalize(plan=review().plan, kind="midterm", user=chair)
    final_digest = digest_of(final.frozen_content)
    finals = [f"{final_digest}.{fmt}" for fmt in FORMATS]
    assert sorted(default_storage.listdir("reviews/2025-2028/midterm/final")[1]) == sorted(finals)

    review_services.review_reopen(review_id=final.pk, user=chair, reason="A late report.")
    review_services.review_save(
        plan=review().plan,
        kind="midterm",
        user=chair,
        expected_version=review().version,
        executive_summary="Changed after reopening.",
        area_texts={},
    )
    third = current_digest()
    make_file(review(), "csv")
    make_file(review(), "json")
    assert draft_files() == {f"{third}.csv", f"{third}.json"}
    # The final review's files stay.
    assert sorted(default_storage.listdir("reviews/2025-2028/midterm/final")[1]) == sorted(finals)


def test_a_file_removed_while_being_read_is_asked_of_the_worker_again(chair, monkeypatch):
    """A newer draft file may replace the one a download found a moment before: the request
    asks for it again (the tests' queue makes it at once) and never fails."""
    make_file(review(), "csv")
    monkeypatch.setattr(default_storage, "open", _vanished)
    response = client_for(chair).get(f"{REVIEW}download/csv/")
    assert response.status_code == 202
    assert "<h1>Preparing the CSV file</h1>" in response.text


def _vanished(name, mode="rb"):
    raise FileNotFoundError(name)


@pytest.mark.usefixtures("data")
def test_the_endpoints_make_a_fixed_number_of_queries(chair):
    client = client_for(chair)
    digest = prepare(client, "csv").json()  # made at once by the tests' queue
    assert digest["status"] == "ready"
    # Session and user (2), the throttle's count (1), the plan and the review (2), the plan's
    # data version (1) and the digest in the cache (1); a review not saved yet has no quotes to
    # count. Nothing more when the file is kept.
    with CaptureQueriesContext(connection) as captured:
        assert prepare(client, "csv").json()["status"] == "ready"
    assert len(captured) == 7
    # Session and user, the plan and the review: the kept file is found in the storage.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(digest["status_url"]).json()["status"] == "ready"
    assert len(captured) == 4
    with CaptureQueriesContext(connection) as captured:
        assert client.get(digest["download_url"]).status_code == 200
    assert len(captured) == 4


@pytest.mark.usefixtures("data")
@pytest.mark.parametrize(
    "url",
    [
        f"{REVIEW}download/odt/prepare/",
        f"{REVIEW}download/pdf/{'0' * 63}/status/",
        f"{REVIEW}download/pdf/{'G' * 64}/",
    ],
)
def test_unknown_formats_and_digests_are_404(chair, url):
    client = client_for(chair)
    response = client.post(url) if url.endswith("prepare/") else client.get(url)
    assert response.status_code == 404


def test_the_status_is_json_a_script_reads(chair):
    response = client_for(chair).get(f"{REVIEW}download/csv/{'0' * 64}/status/")
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["status"] == "unknown"


# The digest kept in the cache: the content's as long as nothing it depends on changed.


def kept_digest() -> str:
    """The digest the download button is given, checked against the content's own."""
    kept = content_digest(review())
    assert kept == current_digest(), "the cache holds the digest of another content"
    return kept


@pytest.mark.usefixtures("data")
def test_the_kept_digest_changes_with_every_change_of_the_content(chair, director, administrator):
    seen = [kept_digest()]

    def changed() -> None:
        digest = kept_digest()
        assert digest not in seen
        seen.append(digest)

    assert kept_digest() == seen[-1]  # nothing changed: the same digest
    accept_australia(director)
    changed()
    # A report started: one draft more in the participation figures.
    start_report(User.objects.get(username="delegate-nz"), "NZ", 2026)
    changed()
    review_services.review_save(
        plan=review().plan,
        kind="midterm",
        user=chair,
        expected_version=0,
        executive_summary="Steady progress.",
        area_texts={},
    )
    changed()
    japan = accepted_report("JPN", 2025, director, general={"lessons_learned": "Coach."})
    changed()
    quote = review_services.review_add_quote(
        plan=review().plan, kind="midterm", user=chair, source="lesson", source_id=japan.pk
    )
    changed()
    review_services.review_remove_quote(review_id=review().pk, user=chair, quote_id=quote.pk)
    # The content before the quote again: its digest again (worked out anew, not kept).
    assert kept_digest() == seen[-2]
    # The catalogue, in the admin: an economy renamed (every review lists the economies).
    admin = client_for(administrator)
    chile_economy = Economy.objects.get(code="CHL")
    renamed = admin.post(
        f"/admin/plans/economy/{chile_economy.pk}/change/",
        {"code": "CHL", "name": chile_economy.name, "short_name": "Chile (renamed)", "position": 3},
    )
    assert renamed.status_code == 302
    changed()
    # A cycle's due date, in the admin: which reports were on time.
    cycle = ReportingCycle.objects.get(year=2025)
    moved = admin.post(
        f"/admin/reporting/reportingcycle/{cycle.pk}/change/",
        {
            "opens": "2025-01-15",
            "due": "2025-01-20",
            "closes": "2025-12-15",
            "time_zone": cycle.time_zone,
            "is_open": "",
        },
    )
    assert moved.status_code == 302, moved.context["adminform"].form.errors
    changed()
    assert kept_digest() == seen[-1]


@pytest.mark.usefixtures("data")
def test_preparing_an_unchanged_review_reads_a_few_rows_not_the_data(chair, director):
    review_services.review_save(
        plan=review().plan,
        kind="midterm",
        user=chair,
        expected_version=0,
        executive_summary="Steady progress.",
        area_texts={},
    )
    client = client_for(chair)
    assert prepare(client, "csv").json()["status"] == "ready"  # made at once by the tests' queue
    # Session and user (2), the throttle's count (1), the plan and the review (2), the review's
    # quotes and the plan's data version (2), the digest in the cache (1): the kept file is
    # found in the storage. Nothing of the data.
    with CaptureQueriesContext(connection) as captured:
        assert prepare(client, "csv").json()["status"] == "ready"
    assert len(captured) == 8, "\n".join(query["sql"][:120] for query in captured)
    # A report accepted: the data version moved, the content is built again, once.
    accept_australia(director)
    changed = prepare(client, "csv").json()
    assert changed["status"] == "ready"
    assert changed["download_url"] != prepare(client, "pdf").json()["download_url"]
    with CaptureQueriesContext(connection) as captured:
        assert prepare(client, "csv").json() == changed
    assert len(captured) == 8


@pytest.mark.usefixtures("data")
def test_the_button_is_throttled_on_its_own(settings, chair, director):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "review-prepare": "2/min",
        },
    }
    client = client_for(chair)
    for _ in range(2):
        assert prepare(client, "csv").status_code == 200
    refused = prepare(client, "csv")
    assert refused.status_code == 429
    assert refused.json()["status"] == "throttled"
    assert refused.json()["message"].startswith("Too many downloads at once: try again in ")
    assert int(refused["Retry-After"]) > 0
    # Another person, and the plain link (its own limit), still download.
    assert prepare(client_for(director), "csv").status_code == 200
    assert client.get(f"{REVIEW}download/csv/").status_code == 200

"""`manage.py bench`: a synthetic dataset at the demo's size and at ten times it, and the time and
SQL queries of each dashboard page, the director's queue, each role's home page, and of a
section's save at the cap of initiatives through
Django's test client; and on the `seed_demo` data,
each file of the mid-term review: a changed draft made in the request, a draft whose file the
task worker made, and once final.

The dataset is written with bulk inserts (no history, no e-mail): it is there to be read.
"""

from __future__ import annotations

import datetime
import random
import statistics
import string
import tempfile
import time
from dataclasses import dataclass
from itertools import islice, product
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from plans import demo
from plans.models import Economy, MeasureOfProgress, Objective, StrategicPlan, TargetGroup
from reporting.annual.services import (
    annual_report_freeze,
    annual_report_publish,
    annual_report_save,
)
from reporting.documents.formats import REVIEW, formats_of
from reporting.documents.stored import content_digest, make_files, stored_file
from reporting.documents.tasks import request_file
from reporting.public.files import prepare_public_data
from reporting.reports.caps import INITIATIVE_PREFIX, MAX_ROWS
from reporting.reports.demo import create_demo_reports
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportingCycle,
    ReportStatus,
)
from reporting.reports.search import refresh_search_vectors
from reporting.reports.sections import SectionForms, section_write
from reporting.reports.services import report_start
from reporting.reports.summaries import rollups_rebuild
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.models import Review, ReviewKind
from reporting.reviews.services import review_finalize
from reporting.workbook.check import form_data

PLAN = "2025-2028"
INITIATIVES_PER_AREA = 5
# The section save is timed on this economy's report of this year, its first area's section
# filled up to the cap of initiatives.
SAVE_ECONOMY = "CHL"
SAVE_YEAR = 2026
# The year whose accepted reports are released and whose annual report is published, for the
# public pages.
PUBLIC_YEAR = 2025
# Words the synthetic narratives are made of; the search benchmark looks for two of them.
WORDS = (
    "export coaching digital skills women entrepreneurs credit guarantee green loans start-up "
    "registration portal broadband rural clusters incubators venture capital e-commerce "
    "training mentoring trade fairs circular economy informal survey"
)


WORD_LIST = WORDS.split(" ")


def pages(plan: str = PLAN) -> dict[str, tuple[str, str]]:
    """Each page timed: (the user who reads it, its address)."""
    base = f"/dashboard/{plan}/"
    director = {
        "dashboard": base,
        "dashboard, whole plan, submitted too": f"{base}?start=2025&end=2028&statuses=submitted",
        "dashboard, one area": f"{base}?area=3",
        "dashboard, one economy": f"{base}?economy=CHL",
        "measure": f"{base}measures/1/2/",
        "search": f"{base}search/?q=export+coaching",
        "review, draft": f"/reviews/{plan}/midterm/",
        "annual report, draft": f"/reports/annual/{plan}/2026/",
        "queue": "/reports/queue/",
        "queue, accepted": "/reports/queue/?status=accepted",
        "queue, one economy": "/reports/queue/?economy=chile",
        "home, director": "/",
    }
    # The public site, read by an anonymous reader ("").
    year = PUBLIC_YEAR
    public = {
        "public home": "/public/",
        "public documents": "/public/documents/",
        "public document": f"/public/documents/{plan}/{year}/",
        "public economy": f"/public/economies/{SAVE_ECONOMY}/",
        "public report": f"/public/reports/{year}/{SAVE_ECONOMY}/",
        "public feed": "/public/feed.atom",
        "public reports": "/public/reports/",
        "public sitemap": "/public/sitemap.xml",
        "public sitemap, a page": "/public/sitemap-1.xml",
        "public data, measure entries": "/public/data/measure-entries.csv",
    }
    return {
        **{name: ("director", url) for name, url in director.items()},
        "home, chair": ("chair", "/"),
        "home, delegate": (f"delegate-{SAVE_ECONOMY.lower()}", "/"),
        **{name: ("", url) for name, url in public.items()},
    }


def publish_for_bench() -> dict[str, float]:
    """The public site's data: every accepted report of PUBLIC_YEAR released (in bulk, as the
    data was made) and the director's annual report of that year made final and published
    through the services; then the public data files made, as the task worker does after a
    publication, timed (seconds of the clock and of CPU)."""
    director = User.objects.get(username="director")
    plan = StrategicPlan.objects.get(code=PLAN)
    EconomyReport.objects.filter(cycle__year=PUBLIC_YEAR, status=ReportStatus.ACCEPTED).update(
        released_at=timezone.now(), released_by=director
    )
    annual_report_save(
        plan=plan,
        year=PUBLIC_YEAR,
        user=director,
        expected_version=0,
        introduction=_sentence(random.Random(PUBLIC_YEAR), 40),
        comments={},
    )
    report = annual_report_freeze(
        plan=plan, year=PUBLIC_YEAR, user=director, meeting=None, presented_at="Bench meeting"
    )
    annual_report_publish(report_id=report.pk, user=director)
    started, started_cpu = time.perf_counter(), time.process_time()
    prepare_public_data.call()
    return {
        "public_data_files_s": round(time.perf_counter() - started, 1),
        "public_data_files_cpu_s": round(time.process_time() - started_cpu, 1),
    }


def _codes(count: int) -> list[str]:
    """Codes for synthetic economies: ZAA, ZAB, ... ZZZ, then ZAAA, ... (no real economy starts
    with Z): 676 of three letters, enough for 33x; four letters for 100x."""
    letters = string.ascii_uppercase
    codes = ("Z" + "".join(tail) for size in (2, 3) for tail in product(letters, repeat=size))
    return list(islice(codes, count))


def _submitted(rng: random.Random, year: int) -> datetime.datetime:
    """A submission at noon UTC some day from August to November of the year."""
    day = datetime.date(year, rng.randint(8, 11), rng.randint(1, 28))
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _sentence(rng: random.Random, length: int = 14) -> str:
    return " ".join(rng.choice(WORD_LIST) for _ in range(length)).capitalize() + "."


@transaction.atomic
def build_dataset(*, scale: int, seed: int = 2026) -> dict[str, float]:
    """21 x scale economies, each with a report for every year of the plan, every measure
    answered, INITIATIVES_PER_AREA initiatives per area, and general-indicator records."""
    rng = random.Random(seed)
    demo.load_catalogue()
    demo.create_demo_accounts(password="bench-only")  # noqa: S106 - a throwaway database
    author = User.objects.get(username="director")
    plan = StrategicPlan.objects.get(code=PLAN)
    real = list(Economy.objects.all())
    extra = [
        Economy(code=code, name=f"Synthetic economy {code}", short_name=code, position=100 + i)
        for i, code in enumerate(_codes(len(real) * (scale - 1)))
    ]
    Economy.objects.bulk_create(extra)
    economies = real + extra
    cycles = [
        ReportingCycle.objects.update_or_create(
            year=year,
            defaults={
                "plan": plan,
                "opens": f"{year}-01-15",
                "due": f"{year}-10-31",
                "closes": f"{year}-12-15",
                "is_open": year == 2026,
            },
        )[0]
        for year in plan.years
    ]
    statuses = [ReportStatus.ACCEPTED] * 17 + [ReportStatus.SUBMITTED] * 2 + [ReportStatus.DRAFT]
    written = [
        EconomyReport(
            cycle=cycle,
            economy=economy,
            status=rng.choice(statuses),
            created_by=author,
            submitted_at=(submitted := _submitted(rng, cycle.year)),
            first_submitted_at=submitted,
            first_submitted_on=submitted.date(),  # the cycles here count days in UTC
            lessons_learned=_sentence(rng),
        )
        for cycle, economy in product(cycles, economies)
    ]
    # The report whose section's save is timed is started below, as a delegate starts one.
    reports = EconomyReport.objects.bulk_create(
        [r for r in written if (r.cycle.year, r.economy.code) != (SAVE_YEAR, SAVE_ECONOMY)],
        batch_size=2000,
    )
    measures = list(MeasureOfProgress.objects.filter(area__plan=plan))
    assessments = [Assessment.PROGRESSING] * 4 + [
        Assessment.ACHIEVED,
        Assessment.NOT_STARTED,
        Assessment.NO_DATA,
        Assessment.NOT_APPLICABLE,
    ]
    MeasureEntry.objects.bulk_create(
        (
            MeasureEntry(
                report=report,
                measure=measure,
                value=round(rng.uniform(1, 95), 2),
                unit=measure.unit,
                reference_year=report.cycle.year,
                assessment=rng.choice(assessments),
                narrative=_sentence(rng, 24),
            )
            for report, measure in product(reports, measures)
        ),
        batch_size=5000,
    )
    objectives: dict[int, list[Objective]] = {}
    for objective in Objective.objects.filter(area__plan=plan):
        objectives.setdefault(objective.area_id, []).append(objective)
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                report=report,
                area_id=area_id,
                title=_sentence(rng, 4)[:-1],
                description=_sentence(rng, 30),
                kind=rng.choice(Initiative.Kind.values),
                lessons_learned=_sentence(rng, 12),
            )
            for report in reports
            for area_id in objectives
            for _ in range(INITIATIVES_PER_AREA)
        ),
        batch_size=5000,
    )
    groups = list(TargetGroup.objects.all())
    Initiative.objectives.through.objects.bulk_create(
        (
            Initiative.objectives.through(initiative_id=i.pk, objective_id=o.pk)
            for i in initiatives
            for o in rng.sample(objectives[i.area_id], min(2, len(objectives[i.area_id])))
            # Leave the last objective of each area uncovered now and then: gaps to show.
            if o is not objectives[i.area_id][-1] or rng.random() < 0.01
        ),
        batch_size=5000,
    )
    Initiative.target_groups.through.objects.bulk_create(
        (
            Initiative.target_groups.through(initiative_id=i.pk, targetgroup_id=g.pk)
            for i in initiatives
            for g in rng.sample(groups, 2)
        ),
        batch_size=5000,
    )
    BestPractice.objects.bulk_create(
        BestPractice(report=r, title=_sentence(rng, 5), direction=rng.choice(["shared", "adopted"]))
        for r in reports
    )
    DialogueSession.objects.bulk_create(
        DialogueSession(report=r, title=_sentence(rng, 5), partner_kind="private") for r in reports
    )
    ApecActivity.objects.bulk_create(
        ApecActivity(
            report=r,
            title=_sentence(rng, 5),
            kind=rng.choice(ApecActivity.Kind.values),
            lessons_learned=_sentence(rng, 10),
        )
        for r in reports
    )
    refresh_search_vectors([report.pk for report in reports])
    report_start(
        cycle=next(cycle for cycle in cycles if cycle.year == SAVE_YEAR),
        economy=next(economy for economy in economies if economy.code == SAVE_ECONOMY),
        user=User.objects.get(username=f"delegate-{SAVE_ECONOMY.lower()}"),
    )
    # Written in bulk, around the workflow: the summaries are computed once, as after an import.
    started = time.perf_counter()
    rollups_rebuild(plan=plan)
    rebuilt = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Planner statistics, as a live server's autovacuum would have gathered them.
            cursor.execute("ANALYZE")
    return {
        "economies": len(economies),
        "reports": len(reports),
        "measure_entries": len(reports) * len(measures),
        "initiatives": len(initiatives),
        "rebuild_rollups_s": round(rebuilt, 1),
    }


@dataclass
class Timing:
    p50_ms: float
    p95_ms: float
    queries: int
    # The median CPU time of this process (`bench --cpu`): the page's Python and, on SQLite,
    # its SQL, without the waits that other work on a shared machine adds to the clock's time.
    cpu_p50_ms: float | None = None


# The pages whose body is kept by the plan's data version (reporting/ops/page_cache.py), and
# the public pages, kept whole until an act changes them (reporting/public/cache.py).
KEPT_PAGES = (
    "dashboard",
    "dashboard, whole plan, submitted too",
    "dashboard, one area",
    "dashboard, one economy",
    "review, draft",
    "annual report, draft",
    "public home",
    "public documents",
    "public document",
    "public economy",
    "public report",
    "public feed",
    "public reports",
    "public sitemap",
    "public sitemap, a page",
    "public data, measure entries",
)


def time_pages(*, requests: int, cpu: bool = False, kept: bool = False) -> dict[str, Timing]:
    """Every page built on each request (no body kept, as after each change of the data); with
    `kept`, the pages whose body is kept, read again while the data stays the same, named
    "<page>, kept"."""
    seconds = 3600 if kept else 0
    with override_settings(PAGE_CACHE_SECONDS=seconds, PUBLIC_CACHE_SECONDS=seconds):
        return _time_pages(requests=requests, cpu=cpu, only=KEPT_PAGES if kept else None)


def _time_pages(*, requests: int, cpu: bool, only: tuple[str, ...] | None) -> dict[str, Timing]:
    clients: dict[str, Client] = {}
    results = {}
    for name, (username, url) in pages().items():
        if only is not None and name not in only:
            continue
        if only is not None:
            name = f"{name}, kept"
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        for _ in range(2):  # warm caches: templates, the session, the database's buffers
            assert client.get(url, secure=True).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            client.get(url, secure=True)
        # Read now: the next request's request_started signal empties the connection's log.
        queries = len(captured)
        durations, cpu_times = [], []
        for _ in range(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            durations.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - started_cpu) * 1000)
        results[name] = _timing(durations, queries)
        if cpu:
            results[name].cpu_p50_ms = round(statistics.median(cpu_times), 1)
    return results


def time_section_save(*, requests: int, cpu: bool = False) -> dict[str, Timing]:
    """A delegate's save of an area's section that holds the cap of initiatives, posted to the
    section page through the test client, two ways: every initiative changed (its title), and
    one. Each request posts the page as it stands, at the section's current version; only the
    request is timed."""
    cap = MAX_ROWS[INITIATIVE_PREFIX]
    report = EconomyReport.objects.get(cycle__year=SAVE_YEAR, economy__code=SAVE_ECONOMY)
    section = report.sections.select_related("area").get(position=1)
    assert section.area is not None
    section.report = report
    delegate = User.objects.get(username=f"delegate-{SAVE_ECONOMY.lower()}")
    _fill_section(section, delegate, cap)
    client = Client()
    client.force_login(delegate)
    url = f"/reports/{SAVE_YEAR}/{SAVE_ECONOMY}/sections/{section.area.number}/"
    edits = {
        f"section save, {cap} initiatives changed": range(cap),
        f"section save, 1 of {cap} initiatives changed": range(1),
    }
    results = {}
    for name, changed in edits.items():

        def post(run: int, changed=changed) -> tuple[float, float, int]:
            """(ms, CPU ms, queries) of one save."""
            section.refresh_from_db()
            data = {**form_data(SectionForms(section)), "action": "save"}
            for index in changed:
                data[f"{INITIATIVE_PREFIX}-{index}-title"] = f"Initiative {index}, version {run}"
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.post(url, data, secure=True)
                elapsed, elapsed_cpu = (
                    time.perf_counter() - started,
                    time.process_time() - started_cpu,
                )
            assert response.status_code == 302, response.status_code
            return elapsed * 1000, elapsed_cpu * 1000, len(captured)

        post(0)  # warm: templates, the session, the database's buffers
        runs = [post(run) for run in range(1, requests + 1)]
        results[name] = _timing([run[0] for run in runs], runs[0][2])
        if cpu:
            results[name].cpu_p50_ms = round(statistics.median(run[1] for run in runs), 1)
    return results


def _fill_section(section, user: User, count: int) -> None:
    """The section's initiatives up to `count`, through its forms and service."""
    data = form_data(SectionForms(section, add_blank=False))
    have = int(data[f"{INITIATIVE_PREFIX}-TOTAL_FORMS"])
    objectives = [str(pk) for pk in section.area.objectives.values_list("pk", flat=True)[:2]]
    groups = [str(pk) for pk in TargetGroup.objects.values_list("pk", flat=True)[:2]]
    for index in range(have, count):
        prefix = f"{INITIATIVE_PREFIX}-{index}-"
        data.update(
            {
                f"{prefix}title": f"Initiative {index}",
                f"{prefix}kind": Initiative.Kind.PROGRAM,
                f"{prefix}description": "Coaching and credit guarantees for small exporters.",
                f"{prefix}objectives": objectives,
                f"{prefix}target_groups": groups,
                f"{prefix}lessons_learned": "Firms stay when the coach is local.",
            }
        )
    data[f"{INITIATIVE_PREFIX}-TOTAL_FORMS"] = str(count)
    section_write(section=section, user=user, data=data, complete=False)


def _timing(durations: list[float], queries: int) -> Timing:
    durations = sorted(durations)
    return Timing(
        p50_ms=round(statistics.median(durations), 1),
        p95_ms=round(durations[max(0, round(0.95 * len(durations)) - 1)], 1),
        queries=queries,
    )


def build_demo_dataset() -> dict[str, int]:
    """The `seed_demo` data (catalogue, accounts, the demo reports through the forms and the
    workflow, projects and meetings): the review's files are timed at the demo's size."""
    demo.load_catalogue()
    demo.create_demo_accounts(password="bench-only")  # noqa: S106 - a throwaway database
    reports = create_demo_reports()
    demo.create_demo_projects()
    return {"reports": len(reports)}


def time_exports(*, runs: int) -> dict[str, dict[str, Timing]]:
    """Each file of the plan's mid-term review, three ways (in a throwaway storage):

    - draft_made: a draft whose content changed since its files were made: its content built,
      its file made and kept, as the task worker does;
    - draft_plain_link: the same draft's plain link (no JavaScript) through the test client:
      the file queued and the page saying it is being prepared (the tests' queue makes it at
      once, in the request: this times the asking, and the making with it);
    - draft_prepared: the same draft once the task worker has made its file (after a save, or
      asked by the button): the button's two requests, asking (its content built to name the
      file, found kept) and downloading the kept file;
    - final: the review made final (its files made then), each download read from storage."""
    plan = StrategicPlan.objects.get(code=PLAN)

    def review() -> Review:
        return Review.objects.for_page(plan, ReviewKind.MIDTERM)

    def timed(export, before=lambda fmt: None) -> dict[str, Timing]:
        results = {}
        for fmt in (found.key for found in formats_of(REVIEW)):
            before(fmt)
            export(fmt)  # warm: the format's library, its fonts and templates; a kept file
            before(fmt)
            with CaptureQueriesContext(connection) as captured:
                export(fmt)
            queries = len(captured)
            durations = []
            for _ in range(runs):
                before(fmt)
                started = time.perf_counter()
                export(fmt)
                durations.append((time.perf_counter() - started) * 1000)
            results[fmt] = _timing(durations, queries)
        return results

    def forget(fmt: str) -> None:
        """As after a change of content: no file kept for the current one."""
        folder = f"{REVIEW_DOCUMENT.root(review())}/draft"
        if default_storage.exists(folder):
            for name in default_storage.listdir(folder)[1]:
                default_storage.delete(f"{folder}/{name}")

    def prepared(fmt: str) -> bytes:
        current = review()
        status, digest = request_file(REVIEW_DOCUMENT, current, formats[fmt])
        assert status == "ready", status
        export = stored_file(REVIEW_DOCUMENT, current, digest, formats[fmt])
        assert export is not None
        return export.content

    def kept(fmt: str) -> bytes:
        current = review()
        digest = content_digest(REVIEW_DOCUMENT, current)
        export = stored_file(REVIEW_DOCUMENT, current, digest, formats[fmt])
        assert export is not None
        return export.content

    formats = {found.key: found for found in formats_of(REVIEW)}
    client = Client()
    client.force_login(User.objects.get(username="chair"))

    def plain_link(fmt: str) -> None:
        response = client.get(f"/reviews/{PLAN}/{ReviewKind.MIDTERM}/download/{fmt}/")
        assert response.status_code in (200, 202), response.status_code

    def not_asked(fmt: str) -> None:
        """No file kept, and none asked of the worker."""
        forget(fmt)
        cache.clear()

    # Timing, not the limit per person on files made in the request.
    unlimited = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]),
            "review-export": None,
        },
    }
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media, REST_FRAMEWORK=unlimited),
    ):
        made = timed(lambda fmt: make_files(REVIEW_DOCUMENT, review(), [formats[fmt]]), forget)
        link = timed(plain_link, before=not_asked)
        make_files(REVIEW_DOCUMENT, review(), list(formats.values()))
        ready = timed(prepared)
        chair = User.objects.get(username="chair")
        final = review_finalize(plan=plan, kind=ReviewKind.MIDTERM, user=chair)
        make_files(REVIEW_DOCUMENT, final, list(formats.values()))  # what the queued task does
        final_files = timed(kept)
    return {
        "draft_made": made,
        "draft_plain_link": link,
        "draft_prepared": ready,
        "final": final_files,
    }

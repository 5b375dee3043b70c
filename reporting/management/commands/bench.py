import contextlib
import json
import resource
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import (
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from plans.models import StrategicPlan
from reporting.benchmark import (
    PLAN,
    build_dataset,
    build_demo_dataset,
    publish_for_bench,
    time_exports,
    time_pages,
    time_section_save,
)
from reporting.rollups import check

# Exports take a second or so each: a few runs are enough for their median.
EXPORT_RUNS = 5


@contextlib.contextmanager
def throwaway_database() -> Iterator[None]:
    """A fresh database (test_<name>, or in memory for SQLite), dropped after. Creating it,
    Django runs createcachetable at its default verbosity, which reports the cache table that
    migrate made: stdout is kept for the JSON alone."""
    with contextlib.redirect_stdout(sys.stderr):
        names = setup_databases(
            verbosity=0,
            interactive=False,
            # django-stubs types aliases as a mapping; Django's runner passes a set.
            aliases={"default"},  # type: ignore[arg-type]
        )
    try:
        yield
    finally:
        teardown_databases(names, verbosity=0)


class Command(BaseCommand):
    help = (
        "Time each dashboard page, the measure page, search, the queue, each role's home page and "
        "a section's save at the cap of "
        "initiatives on a synthetic dataset in a separate, throwaway database, at the demo's "
        "size and at ten times it, and each file "
        "of the mid-term review on the seed_demo data: a changed draft made in the request, a "
        "draft made by the task worker, and final. Prints one JSON object: per page and file, "
        "p50 and p95 in ms and the number of SQL queries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scales",
            default="1,10",
            help="Sizes, in multiples of 21 economies (empty: no page timed).",
        )
        parser.add_argument("--requests", type=int, default=25, help="Timed requests per page.")
        parser.add_argument(
            "--cpu",
            action="store_true",
            help="Also the median CPU time of each page in this process, and its 10x/1x ratio.",
        )
        parser.add_argument(
            "--export-runs",
            type=int,
            default=EXPORT_RUNS,
            help="Timed runs of each review file in each state (0: none).",
        )

    def handle(self, *args, scales: str, requests: int, export_runs: int, cpu: bool, **options):
        # As the test runner does: production-like settings, a test host, mail kept in memory.
        settings.DEBUG = False
        setup_test_environment()
        if connection.vendor != "sqlite":  # SQLite benchmarks in memory
            # Its own database, so that a test run on the same server is not disturbed: named
            # after the configured one, so that two checkouts on one server do not share it.
            connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
        result: dict[str, Any] = {
            "database": connection.vendor,
            "requests_per_page": requests,
            "sizes": {},
        }
        for scale in [int(s) for s in scales.split(",") if s]:
            # A fresh database per size, dropped after.
            # The files kept (the public data's) in a folder of their own, removed after.
            with (
                throwaway_database(),
                tempfile.TemporaryDirectory() as media,
                override_settings(MEDIA_ROOT=media),
            ):
                counts = {**build_dataset(scale=scale), **publish_for_bench()}
                timings = time_pages(requests=requests, cpu=cpu)
                timings.update(time_pages(requests=requests, cpu=cpu, kept=True))
                # After the pages: it adds initiatives to a draft, which no page counts.
                timings.update(time_section_save(requests=requests, cpu=cpu))
                # check_rollups on the bench data: the pages timed read summaries that agree
                # with a direct computation.
                differences = check.differences(StrategicPlan.objects.get(code=PLAN))
                if differences:
                    raise CommandError("\n".join(["Roll-up summaries differ:", *differences]))
            result["sizes"][f"{scale}x"] = {
                **counts,
                "check_rollups": "agree",
                # The process's peak resident memory so far (kB on Linux), after this size.
                "peak_memory_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
                ),
                "pages": {
                    name: {key: value for key, value in asdict(timing).items() if value is not None}
                    for name, timing in timings.items()
                },
            }
        sizes = result["sizes"]
        if "1x" in sizes and "10x" in sizes:
            # The median is steadier than the tail on a shared machine.
            result["ratio_10x_1x_p50"] = {
                name: round(page["p50_ms"] / sizes["1x"]["pages"][name]["p50_ms"], 2)
                for name, page in sizes["10x"]["pages"].items()
            }
            if cpu:
                result["ratio_10x_1x_cpu_p50"] = {
                    name: round(page["cpu_p50_ms"] / sizes["1x"]["pages"][name]["cpu_p50_ms"], 2)
                    for name, page in sizes["10x"]["pages"].items()
                }
        if export_runs:
            result["review_files"] = self.time_review_files(export_runs)
        self.stdout.write(json.dumps(result, indent=1))

    def time_review_files(self, runs: int) -> dict[str, Any]:
        """On the demo's data, in a database of its own."""
        with throwaway_database():
            counts = build_demo_dataset()
            timings = time_exports(runs=runs)
        return {
            "data": f"seed_demo: {counts['reports']} reports",
            "runs": runs,
            **{
                state: {fmt: asdict(timing) for fmt, timing in formats.items()}
                for state, formats in timings.items()
            },
        }

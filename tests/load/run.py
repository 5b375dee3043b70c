"""Load, failure and recovery tests against gunicorn on PostgreSQL, on loopback only.

    .venv/bin/python tests/load/run.py --all            # what CI runs: every part below
    .venv/bin/python tests/load/run.py --load [--users 50 --spawn-rate 10 --duration 60]
    .venv/bin/python tests/load/run.py --two-instances --chaos --backup --slow-clients

The demo data is seeded once (migrate, seed_demo) into `smewg_load_seed`; each part works on a
copy of it (CREATE DATABASE ... TEMPLATE, seconds), so the parts do not disturb one another:

- --load: Locust, headless, against gunicorn (DEBUG off) on `smewg_load`: delegates saving
  sections through the pages, the director on the dashboard, queue, a measure and search, the
  Chair on the review. Asserts no failed request (no 5xx, no connection error, no unexpected
  answer) and no lost write; reports throughput and p50/p95/p99 per endpoint, and the CPU time
  of the client, the server and PostgreSQL.
- --two-instances: two gunicorn instances on two ports, one database: a session started on one
  is valid on the other, and delegates editing the sections of one report through both at once
  lose nothing.
- --chaos: (a) gunicorn workers killed with SIGKILL while delegates save: nothing half-written,
  every save answered as saved is in the database, the workers come back; (b) every section of a
  report saved at the moment it is submitted: no 5xx, the report stays submitted; (c) the mail
  server down during a submit: the delegate still gets the success page and the mail goes out
  once the server is back; the task worker killed (d) sending an e-mail and (e) making a PDF:
  each task is taken up again once its lease runs out and done once; (f) the database
  restarting under the worker: it stays up and runs the next task.
- --backup: pg_dump -Fc of the load database (after the load test when it ran), pg_restore into
  a new database; every table's row count and the dashboard's pages are equal.
- --slow-clients: six clients sending a byte a second, through nginx (Debian's, unprivileged, the
  directives of docs/deployment.md) in front of gunicorn: /healthz answers within 1 s of its
  normal time; and straight to gunicorn, where it waits for them (reported, not asserted).

Prints one JSON summary and exits non-zero if any assertion failed. Databases are dropped at
the end (--keep keeps them); logs stay in the printed work directory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import backup
import chaos
import harness
import instances
import slow_clients
from harness import Gunicorn, editable_slots, slot_state

HERE = Path(__file__).resolve().parent
SEED_DB = harness.db_name("seed")
LOAD_DB = harness.db_name("")
EXISTS = "SELECT 1 FROM pg_database WHERE datname = %s"


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# --load ---------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value that `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def endpoint_figures(samples: list, since: float = 0.0, until: float | None = None) -> dict:
    """Requests, failures, requests per second and p50/p95/p99 (ms) per endpoint and in all,
    of the requests that started at or after `since` (and before `until`)."""
    chosen = [
        sample for sample in samples if sample[0] >= since and (until is None or sample[0] < until)
    ]
    if not chosen:
        return {}
    span = max(max(s[0] + s[2] / 1000 for s in chosen) - min(s[0] for s in chosen), 1e-3)
    names = sorted({s[1] for s in chosen})
    figures = {}
    for name in [*names, "all"]:
        rows = [s for s in chosen if name in {"all", s[1]}]
        times = [s[2] for s in rows]
        figures[name] = {
            "requests": len(rows),
            "failures": sum(not s[3] for s in rows),
            "per_second": round(len(rows) / span, 1),
            "p50_ms": round(percentile(times, 0.50)),
            "p95_ms": round(percentile(times, 0.95)),
            "p99_ms": round(percentile(times, 0.99)),
            "max_ms": round(max(times)),
        }
    return figures


def run_load(args, workdir: Path) -> dict:
    harness.create_database(LOAD_DB, template=SEED_DB)
    slots = editable_slots(LOAD_DB)
    delegates = min(args.delegates, len(slots), args.users)
    readers = args.users - delegates
    directors = (readers * 3 + 4) // 5  # 6 of 10: the director, the rest the Chair
    chairs = readers - directors
    slots = slots[:delegates]
    by_key = {slot.key: slot for slot in slots}
    before = {slot.key: slot_state(LOAD_DB, slot) for slot in slots}
    slots_file = workdir / "load-slots.json"
    harness.write_json(
        slots_file,
        [
            {
                "key": s.key,
                "path": s.path,
                "username": s.username,
                "field_name": s.field_name,
            }
            for s in slots
        ],
    )
    result_file = workdir / "load-result.json"
    server = Gunicorn(LOAD_DB, workdir / "load-gunicorn.log", workers=args.workers).start()
    env = {
        **os.environ,
        "LOAD_SLOTS": str(slots_file),
        "LOAD_RESULT": str(result_file),
        "LOAD_RUN": f"load-{int(time.time())}",
        "LOAD_DELEGATES": str(delegates),
        "LOAD_DIRECTORS": str(directors),
        "LOAD_CHAIRS": str(chairs),
        "LOAD_WAIT_MIN": str(args.wait_min),
        "LOAD_WAIT_MAX": str(args.wait_max),
    }
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        server.base,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "20",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    server_cpu = server.cpu_seconds()
    busy = machine_busy()
    load_before = round(os.getloadavg()[0], 1)
    started, start_wall = time.monotonic(), time.time()
    with (workdir / "locust.log").open("wb") as log:
        client = subprocess.Popen(command, cwd=harness.ROOT, env=env, stdout=log, stderr=log)
        try:
            _pid, status, usage = os.wait4(client.pid, 0)
        except BaseException:
            client.kill()
            raise
        client.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    busy_after = machine_busy()
    server_cpu = server.cpu_seconds() - server_cpu
    server.stop()
    if not result_file.exists():
        return {
            "passed": False,
            "error": f"Locust wrote no result (exit {client.returncode}); see {workdir}",
        }
    result = json.loads(result_file.read_text())
    checked = harness.check_ledger(LOAD_DB, by_key, before, result["ledger"])
    failed = result["stats"].get("Aggregated", {}).get("failures", 0)
    everyone_in = max(result["signed_in"], default=0.0)
    client_cpu = usage.ru_utime + usage.ru_stime
    report = {
        "users": {"delegates": delegates, "director": directors, "chair": chairs},
        "think_time_s": [args.wait_min, args.wait_max],
        "gunicorn_workers": args.workers,
        "seconds": round(elapsed, 1),
        "load_average_1min": [load_before, round(os.getloadavg()[0], 1)],
        "endpoints": endpoint_figures(result["samples"]),
        # Two phases: while users sign in (every password checked, the costliest request the
        # app serves, beside the pages of those already in), and the steady state from the
        # moment the last user finished signing in.
        "endpoints_during_sign_in": endpoint_figures(result["samples"], until=everyone_in)
        if everyone_in
        else {},
        "endpoints_after_sign_in": endpoint_figures(result["samples"], since=everyone_in),
        "seconds_until_all_signed_in": round(everyone_in - start_wall, 1) if everyone_in else None,
        "errors": result["errors"],
        "saves": checked["saves"],
        "lost_writes": checked["lost"] + checked["missing"],
        "torn_writes": checked["torn"],
        "cpu_seconds": {
            "client_locust": round(client_cpu, 1),
            "client_share_of_machine": round(client_cpu / max(elapsed * os.cpu_count(), 1), 2),
            "gunicorn": round(server_cpu, 1),
            "machine_busy_share": round(
                (busy_after[0] - busy[0]) / max(busy_after[1] - busy[1], 1), 2
            ),
        },
        "server_errors": server.tracebacks(),
    }
    report["passed"] = (
        failed == 0
        and not report["lost_writes"]
        and not report["torn_writes"]
        and checked["saves"]["ok"] > 0
        and client.returncode in (0, 1)
    )
    return report


def run_backup(args, workdir: Path) -> dict:
    """The drill on the load database as the load test left it, or a fresh copy of the seed."""
    if not harness.query("postgres", EXISTS, (LOAD_DB,)):
        harness.create_database(LOAD_DB, template=SEED_DB)
    return backup.run(args, workdir, LOAD_DB)


# The entry point ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every part")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--two-instances", action="store_true")
    parser.add_argument("--chaos", action="store_true")
    parser.add_argument("--backup", action="store_true")
    parser.add_argument("--slow-clients", action="store_true")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--delegates", type=int, default=40, help="of the users (at most 48)")
    parser.add_argument("--wait-min", type=float, default=1, help="think time, seconds")
    parser.add_argument("--wait-max", type=float, default=3)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--reuse-seed",
        action="store_true",
        help=f"use {SEED_DB} if an earlier run left it, and leave it for the next",
    )
    args = parser.parse_args()
    parts = [
        p
        for p in ("load", "two_instances", "chaos", "backup", "slow_clients")
        if args.all or getattr(args, p)
    ]
    if not parts:
        parser.error(
            "choose a part (--load, --two-instances, --chaos, --backup, --slow-clients) or --all"
        )
    if args.users > 200 or args.duration > 600:
        parser.error("bounded: at most 200 users and 600 seconds")

    workdir = Path(tempfile.mkdtemp(prefix="smewg-load-"))
    summary: dict = {"workdir": str(workdir), "parts": {}}
    started = time.monotonic()
    try:
        if args.reuse_seed and harness.query("postgres", EXISTS, (SEED_DB,)):
            summary["seed_seconds"] = 0
        else:
            summary["seed_seconds"] = round(harness.seed(SEED_DB), 1)
        summary["collectstatic_ran"] = harness.collectstatic(SEED_DB)
        runners = {
            "load": run_load,
            "two_instances": lambda args, workdir: instances.run(args, workdir, SEED_DB),
            "chaos": lambda args, workdir: chaos.run(args, workdir, SEED_DB),
            "backup": run_backup,
            "slow_clients": lambda args, workdir: slow_clients.run(args, workdir, SEED_DB),
        }
        for part in parts:
            part_started = time.monotonic()
            try:
                outcome = runners[part](args, workdir)
            except Exception as error:  # a harness failure is a failed part, not a crash
                outcome = {"passed": False, "error": f"{type(error).__name__}: {error}"}
            outcome["part_seconds"] = round(time.monotonic() - part_started, 1)
            summary["parts"][part] = outcome
    finally:
        if not args.keep:
            harness.drop_database(LOAD_DB)
            if not args.reuse_seed:
                harness.drop_database(SEED_DB)
    summary["total_seconds"] = round(time.monotonic() - started, 1)
    summary["passed"] = all(part.get("passed") for part in summary["parts"].values())
    harness.write_json(workdir / "summary.json", summary)
    print(json.dumps(summary, indent=2))
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())

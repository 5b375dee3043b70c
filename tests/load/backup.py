"""The backup drill (run.py --backup): pg_dump -Fc of the load database, pg_restore into a new
database, then every table's row count and the dashboard's pages compared between the two.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import harness

RESTORED = harness.db_name("restored")
PAGES_SCRIPT = Path(__file__).resolve().parent / "dashboard_pages.py"


def _pg(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [harness.pg_tool(command[0]), *command[1:]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def row_counts(dbname: str) -> dict[str, int]:
    tables = harness.query(
        dbname,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    return {
        name: harness.query(dbname, f'SELECT count(*) FROM "{name}"')[0][0]  # noqa: S608
        for (name,) in tables
    }


def dashboard_pages(dbname: str) -> dict[str, str]:
    """Each dashboard page's digest, rendered by Django's test client against `dbname`."""
    done = subprocess.run(
        [harness.PYTHON, str(PAGES_SCRIPT)],
        cwd=harness.ROOT,
        env=harness.server_env(dbname, DEBUG="1", ALLOWED_HOSTS="testserver"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Rendering the dashboard failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def run(args, workdir: Path, source: str) -> dict:
    dump = workdir / f"{source}.dump"
    connection = ["-h", harness.PG_HOST, "-p", harness.PG_PORT, "-U", harness.PG_USER]
    dumped = _pg("pg_dump", "-Fc", *connection, "-f", str(dump), source)
    if dumped.returncode != 0:
        return {"passed": False, "error": f"pg_dump failed: {dumped.stderr[-2000:]}"}
    harness.create_database(RESTORED)
    try:
        restored = _pg("pg_restore", "--no-owner", "--exit-on-error", *connection, "-d", RESTORED,
                       str(dump))  # fmt: skip
        if restored.returncode != 0:
            return {"passed": False, "error": f"pg_restore failed: {restored.stderr[-2000:]}"}
        # Counted before the pages are rendered: signing in to render them adds a session row.
        counts = row_counts(source), row_counts(RESTORED)
        pages = dashboard_pages(source), dashboard_pages(RESTORED)
    finally:
        if not args.keep:
            harness.drop_database(RESTORED)
    differing_tables = {
        name: [counts[0].get(name), counts[1].get(name)]
        for name in sorted(set(counts[0]) | set(counts[1]))
        if counts[0].get(name) != counts[1].get(name)
    }
    differing_figures = [
        url for url in pages[0] if pages[0][url]["figures"] != pages[1][url]["figures"]
    ]
    differing_pages = [url for url in pages[0] if pages[0][url]["page"] != pages[1][url]["page"]]
    return {
        "passed": bool(counts[0]) and not differing_tables and not differing_figures,
        "dump_bytes": dump.stat().st_size,
        "tables": len(counts[0]),
        "rows": sum(counts[0].values()),
        "tables_differing": differing_tables,
        "dashboard_pages_compared": len(pages[0]),
        "dashboard_tables_compared": sum(page["tables"] for page in pages[0].values()),
        "dashboard_figures_differing": differing_figures,
        # Not asserted: excerpts and hits that tie in their order follow the physical row order.
        "whole_pages_differing": differing_pages,
    }

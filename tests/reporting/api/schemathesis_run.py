"""Fuzz the API against its own OpenAPI schema with Schemathesis, on a live server.

    .venv/bin/python tests/reporting/api/schemathesis_run.py [--max-examples N]

A throwaway SQLite database gets the demo data (`seed_demo`: reports in every state);
`manage.py runserver` serves it on a free port of 127.0.0.1; Schemathesis reads /api/schema/
and runs every operation three times: anonymous, as Chile's delegate and as the program director
(each with an API token). Every default check applies: no 5xx, every status, content type and
body as the schema documents them, invalid data refused, valid data accepted (see
schemathesis.toml beside this file for the rules the schema cannot state). Prints the number of
operations and test cases of each run; exits non-zero if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SCHEMATHESIS = str(Path(PYTHON).with_name("schemathesis"))
USERS = {"anonymous": None, "delegate": "delegate-chl", "director": "director"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The test server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The test server did not answer {url} within {seconds} s.")


def fuzz(name: str, schema_url: str, token: str | None, args, workdir: Path) -> dict:
    report = workdir / f"{name}.json"
    command = [
        SCHEMATHESIS,
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        schema_url,
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    if token:
        command += ["--header", f"Authorization: Token {token}"]
    print(f"\n==> Schemathesis as {name}", flush=True)
    started = time.monotonic()
    # In the throwaway directory: Schemathesis keeps a cache folder where it runs.
    done = subprocess.run(command, cwd=workdir, check=False, text=True, capture_output=True)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        print(output)
    tail = "\n".join(output.strip().splitlines()[-12:])
    print(tail if done.returncode == 0 else "", flush=True)
    summary = {
        "identity": name,
        "ok": done.returncode == 0,
        "seconds": round(time.monotonic() - started, 1),
        **counts(report),
    }
    print(json.dumps(summary), flush=True)
    return summary


def counts(report: Path) -> dict:
    """Operations tested and test cases run, from Schemathesis' JSON report."""
    if not report.exists():
        return {}
    data = json.loads(report.read_text())
    return {
        "operations": data["operations"]["tested"],
        "cases": data["test_cases"]["generated"],
        "failures": data["test_cases"]["unique_failures"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="smewg-fuzz-") as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'api.sqlite3'}",
            "DEBUG": "1",
            "PYTHONUNBUFFERED": "1",
            # The fuzzer writes far faster than any program should: no rate limit here.
            "THROTTLE_API_WRITE": "1000000/min",
        }
        env.pop("SMEWG_REQUIRE_BROWSER_TESTS", None)
        print("==> A demo database for the test server", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo")
        tokens = {}
        for name, username in USERS.items():
            if username:
                printed = manage(env, "issue_api_token", username)
                tokens[name] = re.search(r"Generated token (\w+)", printed).group(1)

        port = free_port()
        log = (workdir / "server.log").open("w")
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            schema_url = f"http://127.0.0.1:{port}/api/schema/?format=json"
            wait_for(schema_url, server)
            results = [fuzz(name, schema_url, tokens.get(name), args, workdir) for name in USERS]
        finally:
            server.terminate()
            server.wait(timeout=10)
            log.close()
        errors = [
            line
            for line in (workdir / "server.log").read_text().splitlines()
            if '" 5' in line or "Traceback" in line
        ]
        if errors:
            print("Server errors:\n" + "\n".join(errors[:40]))
    total_operations = sum(r.get("operations") or 0 for r in results)
    total_cases = sum(r.get("cases") or 0 for r in results)
    print(
        f"\nSchemathesis: {len(results)} runs, {total_operations} operations, "
        f"{total_cases} test cases; "
        + ("all checks passed." if all(r["ok"] for r in results) else "FAILURES above.")
    )
    return 0 if all(r["ok"] for r in results) and not errors else 1


if __name__ == "__main__":
    sys.exit(main())

"""The production server starts from gunicorn.conf.py and answers the health check."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_of(environment: dict[str, str]) -> dict[str, str]:
    done = subprocess.run(
        [GUNICORN, "--print-config"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 50, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in done.stdout.splitlines())
    }


def test_settings_come_from_the_environment():
    default = settings_of({})
    assert int(default["workers"]) == 2 * os.cpu_count() + 1
    assert default["bind"] == "['127.0.0.1:8000']"
    assert (default["timeout"], default["graceful_timeout"]) == ("60", "30")
    assert (default["max_requests"], default["max_requests_jitter"]) == ("1000", "100")
    assert default["accesslog"] == "-"
    # Sync workers, which only a buffering proxy may reach (see gunicorn.conf.py).
    assert default["worker_class"] == "sync"

    changed = settings_of({"GUNICORN_WORKERS": "3", "GUNICORN_BIND": "10.0.0.5:9000"})
    assert changed["workers"] == "3"
    assert changed["bind"] == "['10.0.0.5:9000']"


def test_serves_the_health_check(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # SELECT 1 needs no tables: an empty SQLite file will do.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [GUNICORN], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "smoke-1"}
        )
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 30
        while True:
            try:
                with direct.open(request, timeout=5) as response:
                    assert response.status == 200
                    assert response.headers["X-Request-ID"] == "smoke-1"
                    break
            except urllib.error.HTTPError:
                raise
            except urllib.error.URLError:  # not listening yet
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("gunicorn did not answer")
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=40)
    assert server.returncode == 0
    assert '"GET /healthz HTTP/1.1" 200' in output
    assert "request_id=smoke-1" in output

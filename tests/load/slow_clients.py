"""Slow clients (run.py --slow-clients): six clients sending a byte a second, against the
documented deployment (docs/deployment.md: nginx in front of gunicorn) and against gunicorn
alone.

gunicorn runs as in the other parts (production settings, 5 sync workers) on its own copy of
the demo database. nginx is Debian's (`apt-get install -y nginx`), run as an unprivileged
process (as `nobody` when the script runs as root) with a config written into the work
directory: the deployment guide's own directives, those of its TLS server block less the TLS
ones (so the test follows the guide), on a loopback port, in front of that gunicorn.

Three of the six clients send their request's header a byte a second, three send a whole header
and then the body a byte a second. Asserted: while they are connected, /healthz through nginx
answers within 1 s of its normal time (measured just before). Reported, not asserted: the same
six straight to gunicorn, and how long /healthz then takes (bounded at DIRECT_WAIT seconds).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

import harness
from harness import Gunicorn

DB = harness.db_name("slow")
DEPLOYMENT_GUIDE = harness.ROOT / "docs" / "deployment.md"
CLIENTS = 6
SETTLE = 3  # seconds for the six to connect and start trickling
PROBES = 10  # /healthz requests per measure
TOLERANCE = 1.0  # seconds over the normal time
DIRECT_WAIT = 15  # seconds a probe straight to gunicorn waits at most
BODY = 120  # bytes of the slow bodies: longer than the run, so they never finish
# What the guide's TLS server block holds that a loopback test cannot use.
TLS_ONLY = ("listen", "http2", "server_name", "ssl_")


def run(args, workdir: Path, seed_db: str) -> dict:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        return {"passed": False, "error": "nginx is not installed: apt-get install -y nginx"}
    harness.create_database(DB, template=seed_db)
    server = Gunicorn(DB, workdir / "slow-gunicorn.log", workers=5).start()
    proxy = None
    try:
        proxy = Nginx(binary, workdir / "nginx", upstream=server.port).start()
        through_nginx = _measure(proxy.base, wait=DIRECT_WAIT)
        straight = _measure(server.base, wait=DIRECT_WAIT)
    finally:
        if proxy is not None:
            proxy.stop()
        server.stop()
        if not args.keep:
            harness.drop_database(DB)
    normal, busy = through_nginx["normal_ms"], through_nginx["with_slow_clients_ms"]
    return {
        "passed": bool(busy)
        and through_nginx["all_answered"]
        and max(busy) <= statistics.median(normal) + TOLERANCE * 1000,
        "nginx": proxy.version if proxy else None,
        "slow_clients": f"{CLIENTS}: 3 send the header, 3 the body, a byte a second",
        "healthz_through_nginx": through_nginx,
        # Not asserted: the failure nginx prevents, shown.
        "healthz_straight_to_gunicorn": straight,
        "server_errors": server.tracebacks(),
    }


class Nginx:
    """nginx on a loopback port, in front of gunicorn, with the guide's server directives."""

    def __init__(self, binary: str, folder: Path, upstream: int):
        self.binary = binary
        self.folder = folder
        self.upstream = upstream
        self.port = harness.free_port()
        self.process: subprocess.Popen | None = None
        self.version = subprocess.run(
            [binary, "-v"], capture_output=True, text=True, timeout=30, check=False
        ).stderr.strip()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20) -> Nginx:
        self.folder.mkdir(parents=True)
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / "temp" / temp).mkdir(parents=True)
        config = self.folder / "nginx.conf"
        config.write_text(self.config())
        command = [self.binary, "-p", f"{self.folder}/", "-c", str(config), "-e", "stderr"]
        if os.geteuid() == 0:
            # Never as root: nginx, its files and its port belong to an unprivileged user.
            nobody = pwd.getpwnam("nobody")
            for path in [self.folder, *self.folder.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            self.folder.parent.chmod(0o711)  # nobody may reach its folder, not list the others
            command = ["runuser", "-u", "nobody", "--", *command]
        self._log = (self.folder.parent / "nginx-error.log").open("ab")
        self.process = subprocess.Popen(
            command, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped at start; see {self._log.name}")
            if _healthz(self.base, wait=2)[0] == 200:
                return self
            time.sleep(0.2)
        raise RuntimeError(f"nginx did not answer within {timeout} s; see {self._log.name}")

    def config(self) -> str:
        directives = "\n".join(f"        {line}" for line in guide_server_directives())
        return f"""# Written by tests/load/slow_clients.py: docs/deployment.md's directives.
daemon off;
worker_processes 1;
pid nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log access.log;
    client_body_temp_path temp/body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    upstream smewg_app {{
        server 127.0.0.1:{self.upstream};
    }}
    server {{
        listen 127.0.0.1:{self.port};
        server_name 127.0.0.1;
{directives}
    }}
}}
"""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            # To its own process group (runuser, nginx's master and worker): QUIT is nginx's
            # graceful stop.
            os.killpg(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


def guide_server_directives() -> list[str]:
    """The lines of the deployment guide's nginx server block that serves the app (the one that
    listens for TLS), less the TLS lines: the buffering, the timeouts, the body's cap, the
    location."""
    text = DEPLOYMENT_GUIDE.read_text(encoding="utf-8")
    block = text.split("```nginx\n", 1)[1].split("\n```", 1)[0]
    servers = re.split(r"^server \{$", block, flags=re.MULTILINE)[1:]
    [app] = [server for server in servers if "listen 443" in server]
    body = app[: app.rindex("}")]  # the server block's own closing brace
    return [
        line.removeprefix("    ")  # the block's own indent; the location's stays
        for line in body.splitlines()
        if line.strip() and not line.strip().startswith(TLS_ONLY)
    ]


# The clients -----------------------------------------------------------------------------------


class SlowClient(threading.Thread):
    """One connection sending its request a byte a second until told to stop; it notes when
    the server gave up on it (closed the connection, or answered)."""

    def __init__(self, base: str, *, slow_header: bool, stop: threading.Event):
        super().__init__(daemon=True)
        host, port = base.removeprefix("http://").split(":")
        self.address = (host, int(port))
        self.slow_header = slow_header
        self.stop_event = stop
        self.sent = 0
        self.answer = ""
        self.closed_after: float | None = None

    def run(self) -> None:
        # A CSRF cookie of its own making: without one, Django refuses the sign-in form before
        # reading its body; with one, the CSRF check reads the body for the form's token.
        header = (
            "POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Cookie: csrftoken={'c' * 32}\r\nContent-Length: {BODY}\r\n\r\n"
        ).encode()
        started = time.monotonic()
        try:
            with socket.create_connection(self.address, timeout=5) as connection:
                connection.settimeout(1)
                if not self.slow_header:
                    connection.sendall(header)
                trickle = header if self.slow_header else b"u" * BODY
                for byte in trickle:
                    if self.stop_event.is_set():
                        return
                    connection.sendall(bytes([byte]))
                    self.sent += 1
                    try:
                        got = connection.recv(200)
                    except TimeoutError:  # nothing yet: the server is still waiting
                        continue
                    self.answer = got.decode(errors="replace").split("\r\n", 1)[0]
                    self.closed_after = round(time.monotonic() - started, 1)
                    return
        except OSError as error:
            self.answer = type(error).__name__
            self.closed_after = round(time.monotonic() - started, 1)


def _healthz(base: str, *, wait: float) -> tuple[int | None, float]:
    """Status and seconds of one GET /healthz (None: no answer within `wait`)."""
    host, port = base.removeprefix("http://").split(":")
    started = time.monotonic()
    try:
        with socket.create_connection((host, int(port)), timeout=wait) as connection:
            connection.sendall(
                b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            first = connection.recv(64)
        status = int(first.split(b" ", 2)[1]) if first.startswith(b"HTTP/1.") else None
    except (OSError, ValueError):
        status = None
    return status, time.monotonic() - started


def _measure(base: str, *, wait: float) -> dict:
    """/healthz alone, then with the six slow clients connected."""
    normal = [_healthz(base, wait=wait) for _ in range(PROBES)]
    stop = threading.Event()
    clients = [SlowClient(base, slow_header=index < 3, stop=stop) for index in range(CLIENTS)]
    for client in clients:
        client.start()
    time.sleep(SETTLE)
    busy = []
    try:
        for _probe in range(PROBES):
            status, seconds = _healthz(base, wait=wait)
            busy.append((status, seconds))
            if status is None:  # one probe that waited `wait` seconds tells enough
                break
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)
    return {
        "normal_ms": [round(seconds * 1000) for _status, seconds in normal],
        "with_slow_clients_ms": [round(seconds * 1000) for status, seconds in busy if status],
        "all_answered": all(status == 200 for status, _seconds in normal + busy),
        "no_answer_within_s": next((wait for status, _ in busy if status is None), None),
        "slow_clients": [
            {
                "sends": "header" if client.slow_header else "body",
                "bytes_sent": client.sent,
                "server_gave_up_after_s": client.closed_after,
                "answer": client.answer,
            }
            for client in clients
        ],
    }

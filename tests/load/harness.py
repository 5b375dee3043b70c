"""What the load, two-instance, chaos and backup runs share: throwaway PostgreSQL databases,
gunicorn on loopback, a browser-like client that reads and posts the pages' own forms, and the
check that every save that was answered as a success is in the database, whole.

The quick start's test (tests/reporting/ops/test_quick_start.py) uses it too, on a SQLite file:
wherever a function takes a database, that is a PostgreSQL database's name or the path of a
SQLite file (ending in .sqlite3).

Every request goes to 127.0.0.1; every wait and loop here has a bound.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PG_BIN = Path("/usr/lib/postgresql/15/bin")
# The server: LOAD_PG_HOST, _PORT and _USER, else those of a PostgreSQL DATABASE_URL (as CI
# sets it for its throwaway cluster), else 127.0.0.1:5432 as postgres.
_URL = urlsplit(os.environ.get("DATABASE_URL", ""))
_URL = _URL if _URL.scheme.startswith("postgres") else urlsplit("postgres://postgres@127.0.0.1")
PG_HOST = os.environ.get("LOAD_PG_HOST", _URL.hostname or "127.0.0.1")
PG_PORT = os.environ.get("LOAD_PG_PORT", str(_URL.port or 5432))
PG_USER = os.environ.get("LOAD_PG_USER", _URL.username or "postgres")
PASSWORD = os.environ.get("DEMO_PASSWORD", "apec-demo")
YEAR = 2026
PLAN = "2025-2028"
EDITABLE = ("draft", "returned")
# One key for every instance of a run, as in a deployment: sessions and CSRF tokens are signed
# with it, so instances with different keys would not know each other's users.
SECRET_KEY = secrets.token_urlsafe(50)
# Every database a run makes is named with this prefix, so that two runs on one server (two
# checkouts, say) keep out of each other's way.
DB_PREFIX = os.environ.get("LOAD_DB_PREFIX", "smewg_load")


def db_name(part: str) -> str:
    """The name of one of the run's throwaway databases, e.g. smewg_load_chaos."""
    return f"{DB_PREFIX}_{part}" if part else DB_PREFIX


# PostgreSQL ---------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    return shutil.which(name) or str(PG_BIN / name)


def is_sqlite(database: str) -> bool:
    return database.endswith(".sqlite3")


def database_url(name: str) -> str:
    if is_sqlite(name):
        return f"sqlite:///{name}"
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def connect(name: str):
    connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name)
    connection.autocommit = True
    return connection


def execute(sql: str) -> None:
    """A statement outside a transaction (CREATE and DROP DATABASE refuse to run in one)."""
    admin = connect("postgres")
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql)
    finally:
        admin.close()


def drop_database(name: str) -> None:
    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(name: str, template: str | None = None) -> None:
    """A fresh database, dropped first if a run before left it; a copy of `template` if given
    (a file-level copy: seconds instead of the half minute that seeding takes)."""
    drop_database(name)
    execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def query(dbname: str, sql: str, params=()) -> list[tuple]:
    """Rows of one statement, written with psycopg2's %s placeholders for either database."""
    if is_sqlite(dbname):
        lite = sqlite3.connect(dbname, timeout=30)
        try:
            return lite.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            lite.close()
    connection = connect(dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


# The app --------------------------------------------------------------------------------------


def server_env(dbname: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) for plain HTTP on loopback: no HTTPS redirect, cookies
    without the Secure flag (a client over http:// would not send them back)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(dbname),
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The director and the Chair sign in with their password alone here: these runs measure
        # the pages and the workflow under load, and the second step is tested on its own
        # (tests/plans/accounts/test_two_factor.py and the browser journey).
        "TWO_FACTOR_REQUIRED": "0",
        # No mail server in these runs (the chaos run's SMTP step brings its own).
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def seed(dbname: str) -> float:
    """migrate and seed_demo (which refuses to run with DEBUG off) into a fresh database."""
    started = time.monotonic()
    create_database(dbname)
    env = server_env(dbname, DEBUG="1")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo")
    return time.monotonic() - started


def collectstatic(dbname: str) -> bool:
    """The static files' manifest, which the pages need with DEBUG off. Skipped when the one
    in staticfiles/ is newer than every file in static/ (collecting and compressing takes 40 s
    of CPU here, and these runs never download a static file). Says whether it ran."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if manifest.exists():
        newest = max(
            (path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file()),
            default=0,
        )
        if manifest.stat().st_mtime > newest:
            return False
    manage(server_env(dbname), "collectstatic", "--no-input", "-v", "0", timeout=600)
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@functools.cache
def gunicorn_help(executable: str) -> str:
    return subprocess.run(
        [executable, "--help"], capture_output=True, text=True, timeout=60, check=False
    ).stdout


@dataclass
class Gunicorn:
    """One gunicorn instance on a loopback port. Options go on the command line, so that they
    win over a gunicorn.conf.py, which is read (-c) when the repository has one."""

    dbname: str
    log: Path
    workers: int = 5
    port: int = field(default_factory=free_port)
    env_extra: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Gunicorn:
        command = [str(Path(PYTHON).with_name("gunicorn"))]
        if (ROOT / "gunicorn.conf.py").exists():
            command += ["-c", str(ROOT / "gunicorn.conf.py")]
        command += [
            "smewg.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--error-logfile",
            "-",
        ]
        if "--no-control-socket" in gunicorn_help(command[0]):
            # gunicorn 24+ opens a control socket at one fixed path per user: every instance of
            # a run (and any other gunicorn on the machine) would take it from the one before.
            command.append("--no-control-socket")
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env(self.dbname, **self.env_extra),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log}")
            if len(self.worker_pids()) >= self.workers and self.answers():
                return self
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def answers(self) -> bool:
        return answers(self.port)

    def worker_pids(self) -> list[int]:
        """The master's children: its workers."""
        if self.process is None:
            return []
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def cpu_seconds(self) -> float:
        """User and system CPU of the master and its live workers so far."""
        if self.process is None:
            return 0.0
        total = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log_file.close()

    def tracebacks(self) -> list[dict]:
        return log_tracebacks(self.log)


def answers(port: int) -> bool:
    """Whether a server on the loopback port answers HTTP."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"GET /accounts/login/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.")
    except OSError:
        return False


def log_tracebacks(log: Path) -> list[dict]:
    """The distinct errors in a server's log (Django logs every 500 with its traceback):
    the frames in the project's own code, the exception, and how often it came."""
    text = log.read_text(errors="replace") if log.exists() else ""
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):  # a JSON log line carries its traceback in exc_info
            with contextlib.suppress(ValueError, AttributeError):
                lines.extend(str(json.loads(line).get("exc_info") or "").splitlines())
            lines.append("")
        else:
            lines.append(line)
    blocks, current = [], None
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            current = []
        elif current is not None:
            if line.startswith((" ", "\t")):
                current.append(line.strip())
            else:
                blocks.append((current, line))
                current = None
    found: dict[tuple, dict] = {}
    for frames, error in blocks:
        ours = [
            f"{frame.split(str(ROOT) + '/')[1]}"
            for frame in frames
            if frame.startswith("File ") and f"{ROOT}/" in frame and "/.venv/" not in frame
        ]
        if not ours or error.split(":")[0].endswith(("PermissionDenied", "Http404")):
            # The inner half of a chained exception (its outer half has our frames), or a
            # 403 or 404, which Django logs with its traceback too.
            continue
        key = (tuple(ours), error)
        found.setdefault(key, {"frames": ours, "error": error, "count": 0})["count"] += 1
    return list(found.values())


@dataclass
class Manage:
    """A long-running `manage.py` command (the dev server, the task worker) in a process group
    of its own, its output in `log`."""

    args: list[str]
    env: dict
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> Manage:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [PYTHON, "manage.py", *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as the kernel's out-of-memory killer or a pulled plug would."""
        self._signal(signal.SIGKILL, wait=10)

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM (a task worker finishes the task in hand), SIGKILL after `timeout`."""
        if not self._signal(signal.SIGTERM, wait=timeout):
            self.kill()

    def _signal(self, sig: int, wait: float) -> bool:
        if self.process is None:
            return True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=wait)
            return True
        except subprocess.TimeoutExpired:
            return False

    def tracebacks(self) -> list[dict]:
        return log_tracebacks(self.log)


def dev_server(env: dict, log: Path, timeout: float = 60) -> tuple[Manage, str]:
    """`manage.py runserver` as the quick start runs it (threaded), on a free loopback port, once
    it answers; and its address."""
    port = free_port()
    server = Manage(["runserver", "--noreload", f"127.0.0.1:{port}"], env, log).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.running():
            raise RuntimeError(f"runserver stopped at start; see {log}")
        if answers(port):
            return server, f"http://127.0.0.1:{port}"
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"runserver did not answer within {timeout} s; see {log}")


# A browser's view of the pages ----------------------------------------------------------------


@dataclass
class Form:
    attrs: dict
    fields: list = field(default_factory=list)  # [name, value] in page order
    buttons: list = field(default_factory=list)  # (name, value) of the submit buttons
    files: list = field(default_factory=list)  # names of the file inputs, in page order

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def set(self, name: str, value: str) -> None:
        for pair in self.fields:
            if pair[0] == name:
                pair[1] = value
                return
        raise KeyError(f"The form has no field {name!r}.")

    def tick(self, name: str) -> None:
        """Check a box the page shows unchecked (a browser then sends it as "on")."""
        if self.get(name) is None:
            self.fields.append([name, "on"])

    def body(self, button: tuple[str, str] | None = None) -> str:
        """What a browser posts: the successful controls, and the button clicked."""
        pairs = [tuple(pair) for pair in self.fields]
        if button is not None:
            if button not in self.buttons:
                raise KeyError(f"The form has no button {button!r}.")
            pairs.append(button)
        return urlencode(pairs)


class FormParser(HTMLParser):
    """The forms of a page as a browser submits them: text inputs and hidden fields with their
    values, checked boxes only, each select's selected options (or its first), textareas (less
    the newline after the tag, which browsers drop), the submit buttons, and the file inputs'
    names (a browser sends a part for each, empty when no file is chosen)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: list | None = None
        self._select: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = Form(a)
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._form.fields.append([name, a.get("value", "on")])
            elif kind in {"submit", "image"}:
                self._form.buttons.append((name, a.get("value", "")))
            elif kind == "file":
                self._form.files.append(name)
            elif kind not in {"button", "reset"}:
                self._form.fields.append([name, a.get("value", "")])
        elif tag == "button" and name and a.get("type", "submit").lower() == "submit":
            self._form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, value = self._textarea
            self._form.fields.append([name, value[1:] if value.startswith("\n") else value])
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            options = self._select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self._form.fields.append([self._select["name"], value])
            self._select = None


def parse_forms(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, *, field_name: str | None = None) -> Form:
    """The page's form that holds `field_name`, or (without one) the first form that posts to
    the page itself: not the header's sign-out form."""
    for form in parse_forms(html):
        if field_name is None and not form.attrs.get("action"):
            return form
        if field_name is not None and form.get(field_name) is not None:
            return form
    raise LookupError(f"No form on the page has a field {field_name!r}.")


class Browser:
    """One person's browser, for the runs that drive the pages from threads: a cookie jar that
    two instances on two ports share (cookies are per host, not per port), no redirects
    followed, so that each answer can be checked."""

    def __init__(self, base: str, timeout: float = 30):
        import requests  # Locust's dependency; imported here so that locustfile stays light

        self.base = base
        self.timeout = timeout
        self.session = requests.Session()

    def get(self, path: str, base: str | None = None):
        return self.session.get(
            (base or self.base) + path, allow_redirects=False, timeout=self.timeout
        )

    def post(self, path: str, body: str, base: str | None = None):
        return self.session.post(
            (base or self.base) + path,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
            timeout=self.timeout,
        )

    def login(self, username: str, base: str | None = None, password: str = PASSWORD) -> None:
        page = self.get("/accounts/login/", base)
        page.raise_for_status()
        form = find_form(page.text, field_name="username")
        form.set("username", username)
        form.set("password", password)
        answer = self.post("/accounts/login/", form.body(), base)
        if answer.status_code != 302:
            raise RuntimeError(f"Signing in as {username} answered {answer.status_code}.")

    def save(
        self,
        slot: Slot,
        marker: str,
        *,
        action: str = "save",
        base=None,
        post_base=None,
        before_post: Callable[[], object] | None = None,
    ):
        """Open the section, set its field to `marker`, press a button (after `before_post`,
        say a barrier where several people press at once). Returns the attempt: marker,
        outcome (ok, refused, error, unknown) and the answer's status."""
        attempt = {"marker": marker, "outcome": "unknown", "status": None}
        try:
            page = self.get(slot.path, base)
        except OSError as error:
            return {**attempt, "outcome": "not-sent", "status": type(error).__name__}
        if page.status_code != 200:
            outcome = "error" if page.status_code >= 500 else "not-sent"
            return {**attempt, "outcome": outcome, "status": page.status_code}
        form = find_form(page.text, field_name=slot.field_name)
        form.set(slot.field_name, marker)
        attempt["version"] = form.get("version")
        if before_post is not None:
            before_post()
        try:
            answer = self.post(slot.path, form.body(("action", action)), post_base or base)
        except OSError as error:  # requests' connection errors are OSErrors
            attempt["status"] = type(error).__name__
            return attempt
        attempt["status"] = answer.status_code
        location = answer.headers.get("Location", "")
        saved_to = slot.path if action == "save" else slot.path.split("sections/")[0]
        if answer.status_code >= 500:
            attempt["outcome"] = "error"
        elif answer.status_code == 302 and location == saved_to and action == "save":
            attempt["outcome"] = "ok"
        elif answer.status_code == 302 and location == saved_to:
            # "Save and continue" goes to the report both when it saved and when the report
            # could no longer change: the message on the next page tells which, as it tells
            # the delegate.
            try:
                after = self.get(location, post_base or base)
            except OSError as error:
                attempt["status"] = f"302, then {type(error).__name__}"
                return attempt
            attempt["outcome"] = "ok" if "” is complete." in after.text else "refused"
        else:
            attempt["outcome"] = "refused"
        attempt["location"] = location
        return attempt

    def submit(self, code: str, *, before_post: Callable[[], object] | None = None) -> dict:
        """Open the report's check page and press its button (after `before_post`). Returns
        the outcome: ok (sent to the confirmation page), refused (the check page again, with
        what is missing), error (a 5xx) or unknown (no answer); the status, and what the page
        said was missing."""
        check_path = f"/reports/{YEAR}/{code}/check/"
        attempt: dict = {"outcome": "unknown", "status": None}
        page = self.get(check_path)
        if page.status_code != 200:
            outcome = "error" if page.status_code >= 500 else "not-sent"
            return {**attempt, "outcome": outcome, "status": page.status_code}
        form = find_form(page.text)
        if before_post is not None:
            before_post()
        try:
            answer = self.post(check_path, form.body(form.buttons[0] if form.buttons else None))
        except OSError as error:
            return {**attempt, "status": type(error).__name__}
        attempt["status"] = answer.status_code
        if answer.status_code >= 500:
            attempt["outcome"] = "error"
        elif answer.headers.get("Location") == f"/reports/{YEAR}/{code}/submitted/":
            attempt["outcome"] = "ok"
        else:
            attempt["outcome"] = "refused"
            attempt["missing"] = re.findall(r'/sections/[^"]*">([^<]*)</a></li>', answer.text)
        return attempt

    def return_report(self, code: str, comment: str) -> int:
        """The director returns a submitted report with a general comment, through the page
        that says what will happen; the status of the last answer."""
        return_path = f"/reports/{YEAR}/{code}/return/"
        page = self.get(return_path)
        if page.status_code != 200:
            return page.status_code
        form = find_form(page.text, field_name="comment")
        form.set("comment", comment)
        answer = self.post(return_path, form.body())
        if answer.status_code == 200 and 'name="confirm"' in answer.text:
            confirm = find_form(answer.text, field_name="comment")
            answer = self.post(return_path, confirm.body(("confirm", "yes")))
        return answer.status_code


# The reports the runs write -------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One section of one editable report, and the text field a run writes its markers to:
    the first measure's narrative on an area section, the lessons learned on the general one."""

    code: str
    slug: str
    section_id: int
    report_id: int

    @property
    def username(self) -> str:
        return f"delegate-{self.code.lower()}"

    @property
    def path(self) -> str:
        return f"/reports/{YEAR}/{self.code}/sections/{self.slug}/"

    @property
    def field_name(self) -> str:
        return "lessons_learned" if self.slug == "general" else "entries-0-narrative"

    @property
    def key(self) -> str:
        return f"{self.code}/{self.slug}"


def editable_slots(dbname: str, codes: tuple[str, ...] | None = None) -> list[Slot]:
    """Every section of the year's draft and returned reports, section by section across the
    economies (the first slots spread over as many reports as there are)."""
    rows = query(
        dbname,
        """
        SELECT e.code, a.number, s.id, r.id, s.position, e.position
        FROM reporting_reportsection s
        JOIN reporting_economyreport r ON r.id = s.report_id
        JOIN reporting_reportingcycle c ON c.id = r.cycle_id
        JOIN plans_economy e ON e.id = r.economy_id
        LEFT JOIN plans_priorityarea a ON a.id = s.area_id
        WHERE c.year = %s AND r.status IN (%s, %s)
        ORDER BY s.position, e.position
        """,
        (YEAR, *EDITABLE),
    )
    slots = [
        Slot(code, str(number) if number is not None else "general", section_id, report_id)
        for code, number, section_id, report_id, _position, _economy in rows
    ]
    return [slot for slot in slots if codes is None or slot.code in codes]


def slot_state(dbname: str, slot: Slot) -> dict:
    """The section's version, the marker field's value now, and every value the field has had
    (from the audit history, which each save writes in its transaction)."""
    (version,) = query(
        dbname, "SELECT version FROM reporting_reportsection WHERE id = %s", (slot.section_id,)
    )[0]
    if slot.slug == "general":
        value = query(
            dbname,
            "SELECT lessons_learned FROM reporting_economyreport WHERE id = %s",
            (slot.report_id,),
        )[0][0]
        history = query(
            dbname,
            "SELECT lessons_learned FROM reporting_historicaleconomyreport WHERE id = %s "
            "ORDER BY history_id",
            (slot.report_id,),
        )
    else:
        entry_sql = """
            SELECT m.id FROM reporting_measureentry m
            JOIN plans_measureofprogress p ON p.id = m.measure_id
            JOIN plans_priorityarea a ON a.id = p.area_id
            WHERE m.report_id = %s AND a.number = %s ORDER BY p.number LIMIT 1
        """
        (entry_id,) = query(dbname, entry_sql, (slot.report_id, int(slot.slug)))[0]
        value = query(
            dbname, "SELECT narrative FROM reporting_measureentry WHERE id = %s", (entry_id,)
        )[0][0]
        history = query(
            dbname,
            "SELECT narrative FROM reporting_historicalmeasureentry WHERE id = %s "
            "ORDER BY history_id",
            (entry_id,),
        )
    return {"version": version, "value": value, "history": [row[0] for row in history]}


def check_ledger(dbname: str, slots: dict[str, Slot], before: dict, ledger: dict) -> dict:
    """Each slot was written by one client alone, which kept the outcome of every save:
    ok (answered as saved), refused (answered, not saved), unknown (no answer: a connection
    reset, a killed worker) or error (a 5xx).

    - lost: the field does not hold the marker of the last save answered ok, nor of a later
      save without an answer (which may have committed before the answer was lost);
    - missing: a save answered ok whose marker never reached the database;
    - torn: the section's version and its field did not move together (every committed save
      writes a new marker and adds one to the version in one transaction)."""
    lost, missing, torn = [], [], []
    saves = {"ok": 0, "refused": 0, "unknown": 0, "error": 0}
    for key, attempts in ledger.items():
        slot = slots[key]
        state = slot_state(dbname, slot)
        start = before[key]
        # The values the field took since the start, one per change (a submit or a return
        # also writes the report's history, with the field as it was).
        written, previous = [], start["value"]
        for value in state["history"][len(start["history"]) :]:
            if value != previous:
                written.append(value)
            previous = value
        markers = {attempt["marker"] for attempt in attempts}
        for attempt in attempts:
            saves[attempt["outcome"]] = saves.get(attempt["outcome"], 0) + 1
        ok = [index for index, attempt in enumerate(attempts) if attempt["outcome"] == "ok"]
        allowed = set()
        if ok:
            allowed.add(attempts[ok[-1]]["marker"])
        else:
            allowed.add(start["value"])
        after_last_ok = attempts[ok[-1] + 1 :] if ok else attempts
        allowed.update(a["marker"] for a in after_last_ok if a["outcome"] in {"unknown", "error"})
        if state["value"] not in allowed:
            lost.append({"slot": key, "in_database": state["value"], "expected": sorted(allowed)})
        for index in ok:
            if attempts[index]["marker"] not in written:
                missing.append({"slot": key, "marker": attempts[index]["marker"]})
        ours = [value for value in written if value in markers]
        if len(ours) != state["version"] - start["version"] or len(ours) != len(written):
            torn.append(
                {
                    "slot": key,
                    "versions_added": state["version"] - start["version"],
                    "markers_written": len(ours),
                    "other_writes": len(written) - len(ours),
                }
            )
    return {"saves": saves, "lost": lost, "missing": missing, "torn": torn}


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, default=str))

"""The simulated users of the load test (run by tests/load/run.py, which sets the environment).

- Delegates save report sections through the pages, as a browser does: open the section, change
  one text field to a unique marker, press "Save draft", expect the redirect back to the
  section. Each delegate owns one (economy, section) slot, so that afterwards the database must
  hold the marker of its last save that was answered as saved.
- The program director reads the dashboard, the queue, a measure and search.
- The Chair reads the mid-term review and the dashboard.

Everyone signs in through the login form. Any answer but the expected one is a failure.
"""

from __future__ import annotations

import json
import os
import sys
import time
from itertools import count
from pathlib import Path

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PASSWORD, PLAN, find_form, write_json

SLOTS = json.loads(Path(os.environ["LOAD_SLOTS"]).read_text())
RUN = os.environ.get("LOAD_RUN", "run")
WAIT = (float(os.environ.get("LOAD_WAIT_MIN", "1")), float(os.environ.get("LOAD_WAIT_MAX", "3")))
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
LEDGER: dict[str, list] = {}
SAMPLES: list[tuple] = []  # (start time, endpoint, ms, ok): run.py computes the percentiles
SIGNED_IN: list[float] = []  # when each user finished signing in
_next_slot = count()


class SignedIn(FastHttpUser):
    abstract = True
    wait_time = between(*WAIT)
    username = ""

    def on_start(self) -> None:
        with self.client.get(
            "/accounts/login/", name="login page", catch_response=True, allow_redirects=False
        ) as page:
            if page.status_code != 200:
                page.failure(f"login page answered {page.status_code}")
                self.stop()
                return
            form = find_form(page.text, field_name="username")
        form.set("username", self.username)
        form.set("password", PASSWORD)
        with self.client.post(
            "/accounts/login/",
            name="login",
            data=form.body(),
            headers=FORM,
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login as {self.username} answered {answer.status_code}")
                self.stop()
        SIGNED_IN.append(time.time())

    def page(self, path: str, name: str) -> str | None:
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as page:
            if page.status_code != 200:
                page.failure(f"{path} answered {page.status_code}")
                return None
            return page.text


class Delegate(SignedIn):
    fixed_count = int(os.environ.get("LOAD_DELEGATES", "40"))

    def on_start(self) -> None:
        index = next(_next_slot)
        if index >= len(SLOTS):
            raise RuntimeError("More delegates than slots: each needs a slot of its own.")
        self.slot = SLOTS[index]
        self.username = self.slot["username"]
        self.saves = LEDGER.setdefault(self.slot["key"], [])
        self.sequence = count(1)
        super().on_start()

    @task
    def save_section(self) -> None:
        path = self.slot["path"]
        html = self.page(path, "section page")
        if html is None:
            return
        form = find_form(html, field_name=self.slot["field_name"])
        marker = f"{RUN} {self.slot['key']} save {next(self.sequence)}"
        form.set(self.slot["field_name"], marker)
        attempt = {"marker": marker, "version": form.get("version"), "outcome": "unknown"}
        self.saves.append(attempt)
        with self.client.post(
            path,
            name="section save",
            data=form.body(("action", "save")),
            headers=FORM,
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            status = answer.status_code
            if status == 302 and answer.headers.get("Location") == path:
                attempt["outcome"] = "ok"
            elif status >= 500 or status == 0:
                attempt["outcome"] = "error" if status else "unknown"
                answer.failure(f"save answered {status}")
            else:
                attempt["outcome"] = "refused"
                answer.failure(f"save answered {status} {answer.headers.get('Location')}")


class Director(SignedIn):
    fixed_count = int(os.environ.get("LOAD_DIRECTORS", "6"))
    username = "director"

    @task(3)
    def dashboard(self) -> None:
        self.page(f"/dashboard/{PLAN}/", "dashboard")

    @task(2)
    def queue(self) -> None:
        self.page("/reports/queue/", "queue")

    @task(1)
    def measure(self) -> None:
        self.page(f"/dashboard/{PLAN}/measures/1/1/", "measure page")

    @task(1)
    def search(self) -> None:
        self.page(f"/dashboard/{PLAN}/search/?q=export", "search")


class Chair(SignedIn):
    fixed_count = int(os.environ.get("LOAD_CHAIRS", "4"))
    username = "chair"

    @task(3)
    def review(self) -> None:
        self.page(f"/reviews/{PLAN}/midterm/", "review")

    @task(1)
    def dashboard(self) -> None:
        self.page(f"/dashboard/{PLAN}/", "dashboard")


@events.request.add_listener
def sample(request_type, name, response_time, exception, start_time=None, **_kwargs) -> None:
    SAMPLES.append((start_time or time.time(), name, response_time, exception is None))


@events.quitting.add_listener
def dump(environment, **_kwargs) -> None:
    """The saves each delegate made, and the figures per endpoint, for run.py to check."""
    stats = {}
    for entry in [*environment.stats.entries.values(), environment.stats.total]:
        if not entry.num_requests:
            continue
        stats[entry.name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "per_second": round(entry.total_rps, 2),
            "p50_ms": entry.get_response_time_percentile(0.50),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "max_ms": round(entry.max_response_time or 0),
        }
    errors = [
        {"name": error.name, "error": str(error.error), "count": error.occurrences}
        for error in environment.stats.errors.values()
    ]
    write_json(
        Path(os.environ["LOAD_RESULT"]),
        {
            "stats": stats,
            "errors": errors,
            "ledger": LEDGER,
            "samples": SAMPLES,
            "signed_in": SIGNED_IN,
        },
    )

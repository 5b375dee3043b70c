"""Faults while people work (run.py --chaos), each against gunicorn on its own copy of the
demo database.

(a) Workers killed mid-save: a delegate per editable report saves one section over and over
    while gunicorn workers are killed with SIGKILL. Afterwards every save answered as saved is
    in the database, no section is half-written (its version and its field moved together),
    no transaction is left open, and the master has replaced every worker.
(b) Every section of a report saved ("Save and continue") at the moment a colleague submits it,
    several rounds (the director returns it between rounds): no 5xx, and the report stays
    submitted with the submit's time.
The task worker's faults, on a database of their own, with the app, a mail server the drill
starts and stops, and `manage.py db_worker` (with a 4-second task lease):

(c) The mail server down during a submit: the delegate gets the success page, and the mail goes
    out once the server is back.
(d) The worker killed (SIGKILL) while it sends a "returned" e-mail to a mail server that does not
    answer: a new worker takes the task up once its lease runs out, and the e-mail arrives once.
(e) The worker killed while it makes a review's PDF: taken up again, the PDF is kept once and
    the Chair's link downloads it.
(f) The database restarting under the worker (every connection ended, new ones refused for a
    few seconds): the worker waits it out, stays up, and sends the e-mail of a submit made
    afterwards.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socketserver
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import harness
from harness import Browser, Gunicorn, editable_slots, slot_state

DB = harness.db_name("chaos")
KILLS = 6
KILL_EVERY = 1.5  # seconds
SAVE_LIMIT = 80  # saves per delegate, at most
SUBMIT_CODE = "PHL"  # returned and complete: it can be submitted
SUBMIT_ROUNDS = 5
MAIL_CODE = "PE"  # returned and complete too
MAIL_DB = harness.db_name("mail")
TASKS = "django_tasks_database_dbtaskresult"
LEASE_SECONDS = 4
OUTAGE_SECONDS = 3


def run(args, workdir: Path, seed_db: str) -> dict:
    harness.create_database(DB, template=seed_db)
    try:
        server = Gunicorn(DB, workdir / "chaos-gunicorn.log", workers=3).start()
        try:
            killed = _step(_killed_workers, server)
            submit = _step(_saves_and_submit, server)
        finally:
            server.stop()
        server_errors = server.tracebacks()
        worker = _step(_task_worker_faults, workdir, seed_db, args.keep)
    finally:
        if not args.keep:
            harness.drop_database(DB)
    steps = [killed, submit, *(step for step in worker.values() if isinstance(step, dict))]
    return {
        "passed": all(step["passed"] for step in steps)
        and worker.get("passed", True)
        and worker.get("worker_errors") == [],
        "workers_killed_mid_save": killed,
        "saves_during_submit": submit,
        **worker,
        "server_errors": server_errors,
    }


def _step(function, *args) -> dict:
    """One step's result; a step that breaks fails alone, and the others still report."""
    try:
        return function(*args)
    except Exception as error:
        return {"passed": False, "error": f"{type(error).__name__}: {error}"}


# (a) ------------------------------------------------------------------------------------------


def _killed_workers(server: Gunicorn) -> dict:
    # One section of each editable report, a different section on each, so that the saves do
    # not meet on one report (that is (b)'s and the load test's subject).
    # Not the reports (b) and (c) submit: a draft save leaves a section "in progress".
    every = [s for s in editable_slots(DB) if s.code not in {SUBMIT_CODE, MAIL_CODE}]
    codes = list(dict.fromkeys(slot.code for slot in every))
    sections = ["1", "2", "3", "4", "5", "general"]
    slots = [
        next(s for s in every if s.code == code and s.slug == sections[index % len(sections)])
        for index, code in enumerate(codes)
    ]
    before = {slot.key: slot_state(DB, slot) for slot in slots}
    ledger: dict[str, list] = {slot.key: [] for slot in slots}
    stop = threading.Event()
    signed_in = threading.Barrier(len(slots) + 1, timeout=120)

    def delegate(slot) -> None:
        me = Browser(server.base, timeout=15)
        me.login(slot.username)
        signed_in.wait()
        for number in range(SAVE_LIMIT):
            if stop.is_set():
                return
            ledger[slot.key].append(me.save(slot, f"chaos {slot.key} {number}"))

    threads = [threading.Thread(target=delegate, args=(slot,), daemon=True) for slot in slots]
    for thread in threads:
        thread.start()
    signed_in.wait()  # the kills are for the saves, not the sign-ins
    time.sleep(1)
    kills = []
    for _kill in range(KILLS):
        # Best, a worker inside a save's transaction; failing that, any worker.
        victim, mid_transaction = _worker_in_transaction(server, seconds=3), True
        if victim is None:
            workers = server.worker_pids()
            victim, mid_transaction = (secrets.choice(workers) if workers else None), False
        if victim is not None:
            try:
                os.kill(victim, signal.SIGKILL)
                kills.append(mid_transaction)
            except ProcessLookupError:
                pass
        time.sleep(KILL_EVERY)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(server.worker_pids()) < server.workers:
        time.sleep(0.5)
    workers_back = len(server.worker_pids()) >= server.workers and server.answers()
    time.sleep(1)
    open_transactions = harness.query(
        DB,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND state LIKE 'idle in transaction%%'",
        (DB,),
    )[0][0]
    checked = harness.check_ledger(DB, {slot.key: slot for slot in slots}, before, ledger)
    return {
        "passed": bool(kills)
        and workers_back
        and open_transactions == 0
        and checked["saves"].get("error", 0) == 0
        and checked["saves"]["ok"] > 0
        and not checked["lost"]
        and not checked["missing"]
        and not checked["torn"]
        and not any(thread.is_alive() for thread in threads),
        "delegates": len(slots),
        "workers_killed": len(kills),
        "killed_inside_a_transaction": sum(kills),
        "workers_back": workers_back,
        "saves": checked["saves"],
        "open_transactions_after": open_transactions,
        "lost_writes": checked["lost"] + checked["missing"],
        "torn_writes": checked["torn"],
        "errors": [
            {"slot": key, **attempt}
            for key, attempts in ledger.items()
            for attempt in attempts
            if attempt["outcome"] == "error"
        ][:10],
    }


def _worker_in_transaction(server: Gunicorn, seconds: float) -> int | None:
    """A worker whose PostgreSQL session is inside a transaction now (a save, on this
    workload), found through the client port PostgreSQL reports and the worker's sockets."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ports = {
            port
            for (port,) in harness.query(
                DB,
                "SELECT client_port FROM pg_stat_activity WHERE datname = %s "
                "AND xact_start IS NOT NULL AND pid <> pg_backend_pid() "
                "AND query ~* '^(UPDATE|INSERT|DELETE)'",
                (DB,),
            )
        }
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) in ports:
                    inodes.add(f"socket:[{fields[9]}]")
        for pid in server.worker_pids() if inodes else []:
            try:
                links = {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}
            except OSError:
                continue
            if links & inodes:
                return pid
        time.sleep(0.01)
    return None


# (b) ------------------------------------------------------------------------------------------


def _report_status(code: str) -> tuple[str, datetime | None]:
    return harness.query(
        DB,
        "SELECT r.status, r.submitted_at FROM reporting_economyreport r "
        "JOIN plans_economy e ON e.id = r.economy_id "
        "JOIN reporting_reportingcycle c ON c.id = r.cycle_id WHERE e.code = %s AND c.year = %s",
        (code, harness.YEAR),
    )[0]


def _saves_and_submit(server: Gunicorn) -> dict:
    slots = editable_slots(DB, codes=(SUBMIT_CODE,))
    username = slots[0].username
    check_path = f"/reports/{harness.YEAR}/{SUBMIT_CODE}/check/"
    delegates = {slot.key: Browser(server.base) for slot in slots}
    for browser in delegates.values():
        browser.login(username)
    submitter = Browser(server.base)
    submitter.login(username)
    director = Browser(server.base)
    director.login("director")
    # The returned report's commented sections are addressed first, as its delegate would: the
    # race below is between saves and the submit, not with the one save that makes it
    # submittable.
    _address_comments(submitter, check_path)
    before = {slot.key: slot_state(DB, slot) for slot in slots}
    ledger: dict[str, list] = {slot.key: [] for slot in slots}
    rounds = []
    for number in range(SUBMIT_ROUNDS):
        started = datetime.now(UTC)
        barrier = threading.Barrier(len(slots) + 1, timeout=60)
        answers: dict = {}

        def save(slot, number=number, barrier=barrier) -> None:
            browser = delegates[slot.key]
            page = browser.get(slot.path)
            form = harness.find_form(page.text, field_name=slot.field_name)
            marker = f"submit-race {slot.key} {number}"
            form.set(slot.field_name, marker)
            if 'name="comments_addressed"' in page.text:
                # A section returned with a comment counts as complete only once the delegate
                # says the comments are addressed, as a person ticks the box on the page.
                form.tick("comments_addressed")
            attempt = {"marker": marker, "outcome": "unknown", "status": None}
            ledger[slot.key].append(attempt)
            barrier.wait()
            answer = browser.post(slot.path, form.body(("action", "continue")))
            attempt["status"] = answer.status_code
            if answer.status_code >= 500:
                attempt["outcome"] = "error"
            elif answer.status_code == 302:
                after = browser.get(answer.headers["Location"])
                complete = "\u201d is complete." in after.text
                attempt["outcome"] = "ok" if complete else "refused"
            else:
                attempt["outcome"] = "refused"

        def submit(barrier=barrier, answers=answers) -> None:
            answers["submit"] = submitter.submit(SUBMIT_CODE, before_post=barrier.wait)

        threads = [threading.Thread(target=save, args=(slot,), daemon=True) for slot in slots]
        threads.append(threading.Thread(target=submit, daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        time.sleep(0.2)  # let the last refused saves' transactions end
        status, submitted_at = _report_status(SUBMIT_CODE)
        submitted = answers.get("submit", {})
        round_ = {
            "submit_answer": [submitted.get("outcome"), submitted.get("status")],
            # What the page said was missing, when it refused.
            "submit_refused_for": submitted.get("missing", [])[:5] or None,
            "saves": [ledger[slot.key][-1]["outcome"] for slot in slots],
            "save_statuses": [ledger[slot.key][-1]["status"] for slot in slots],
            "status_after": status,
            "submitted_at_is_this_rounds": bool(submitted_at and submitted_at >= started),
        }
        round_["passed"] = (
            submitted.get("outcome") == "ok"
            and status == "submitted"
            and round_["submitted_at_is_this_rounds"]
            and "error" not in round_["saves"]
        )
        rounds.append(round_)
        # The director returns it, so that the next round starts from a returned report.
        director.return_report(SUBMIT_CODE, f"Round {number} of the submit race: check again.")
        if _report_status(SUBMIT_CODE)[0] != "returned":
            round_["passed"] = False
            round_["return"] = "the director could not return the report"
            break
    checked = harness.check_ledger(DB, {slot.key: slot for slot in slots}, before, ledger)
    return {
        "passed": all(r["passed"] for r in rounds)
        and not checked["lost"]
        and not checked["missing"]
        and not checked["torn"],
        "report": f"{harness.YEAR} {SUBMIT_CODE}: {len(slots)} sections saved as it is submitted",
        "rounds": rounds,
        "saves": checked["saves"],
        "lost_writes": checked["lost"] + checked["missing"],
        "torn_writes": checked["torn"],
    }


# (c) ------------------------------------------------------------------------------------------


class MailServer(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take messages and keep them: a mail server that can come back. With
    `stall()`, the next connection is held without a greeting until `release()`: a silent
    server, for a worker to be killed while it waits on it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int):
        self.messages: list[str] = []
        self._hold = threading.Event()
        self.stalled = threading.Event()  # a connection is being held
        self._released = threading.Event()
        super().__init__(("127.0.0.1", port), MailHandler)
        threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        ).start()

    def stall(self) -> None:
        self._hold.set()

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self.release()
        self.shutdown()
        self.server_close()


class MailHandler(socketserver.StreamRequestHandler):
    timeout = 10

    def handle(self) -> None:
        if self.server._hold.is_set():
            self.server._hold.clear()
            self.server.stalled.set()
            self.server._released.wait(60)
            return
        try:
            self._converse()
        except OSError:  # the client went away mid-conversation
            return

    def _converse(self) -> None:
        self.wfile.write(b"220 127.0.0.1 ESMTP drill\r\n")
        lines, in_data = [], False
        for _line in range(10_000):
            line = self.rfile.readline(65_537)
            if not line:
                return
            if in_data:
                if line.rstrip(b"\r\n") == b".":
                    self.server.messages.append(b"".join(lines).decode(errors="replace"))
                    lines, in_data = [], False
                    self.wfile.write(b"250 OK\r\n")
                else:
                    lines.append(line)
                continue
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 127.0.0.1\r\n")
            elif command == b"DATA":
                in_data = True
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


@dataclass
class Queue:
    """The task worker's world in the drills (c) to (f): the app on its own database, a mail
    server's port, the worker (restarted as a drill needs), and the people."""

    workdir: Path
    smtp_port: int
    env: dict
    server: Gunicorn
    worker: harness.Manage | None = None
    workers_started: int = 0

    def start_worker(self) -> harness.Manage:
        self.workers_started += 1
        log = self.workdir / f"task-worker-{self.workers_started}.log"
        self.worker = harness.Manage(
            ["db_worker", "--interval", "0.5", "--no-startup-delay"], self.env, log
        ).start()
        return self.worker

    def tasks(self, path_end: str) -> list[tuple]:
        """(id, status, worker_ids, claims) of the queue's tasks whose function ends so."""
        return harness.query(
            MAIL_DB,
            f"SELECT t.id, t.status, t.worker_ids::text, l.claims FROM {TASKS} t "  # noqa: S608
            "LEFT JOIN reporting_tasklease l ON l.task_id = t.id "
            "WHERE t.task_path LIKE %s ORDER BY t.enqueued_at",
            (f"%{path_end}",),
        )

    def wait_for(self, check, seconds: float):
        """The first true value of `check()`, asked every 0.2 s for at most `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(0.2)
        return check()


def _task_worker_faults(workdir: Path, seed_db: str, keep: bool) -> dict:
    """On a database of its own: the submits of (b) queue mail too, which must not count."""
    harness.create_database(MAIL_DB, template=seed_db)
    smtp_port = harness.free_port()
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "3",
        # The reviews' kept files, shared by the app and the worker as in a deployment.
        "MEDIA_ROOT": str(workdir / "media"),
        # A short lease, so that a dead worker's task is taken up again within seconds.
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    server = Gunicorn(MAIL_DB, workdir / "mail-gunicorn.log", workers=2, env_extra=env).start()
    queue = Queue(workdir, smtp_port, harness.server_env(MAIL_DB, **env), server)
    queue.start_worker()
    try:
        steps = {
            "mail_server_down": _step(_submit_while_mail_is_down, queue),
            "worker_killed_sending_mail": _step(_worker_killed_sending_mail, queue),
            "worker_killed_making_a_pdf": _step(_worker_killed_making_a_pdf, queue),
            "database_restarts_under_the_worker": _step(_database_restarts, queue),
        }
    finally:
        if queue.worker is not None:
            queue.worker.stop()
        server.stop()
        if not keep:
            harness.drop_database(MAIL_DB)
    logs = sorted(workdir.glob("task-worker-*.log"))
    # Every refused attempt of (c) is logged with its traceback, as it should be; nothing else.
    steps["worker_errors"] = [
        error
        for log in logs
        for error in harness.log_tracebacks(log)
        if not error["error"].startswith("ConnectionRefusedError")
    ]
    return steps


def _address_comments(browser: Browser, check_path: str) -> None:
    """What a delegate does first with a returned report: on each section the check page lists,
    tick "comments addressed" and save and continue."""
    check = browser.get(check_path).text
    for path in dict.fromkeys(re.findall(r'href="([^"]*/sections/[^"]*)"', check)):
        page = browser.get(path).text
        if 'name="comments_addressed"' not in page:
            continue
        form = harness.find_form(page, field_name="version")
        form.tick("comments_addressed")
        browser.post(path, form.body(("action", "continue")))


# (c) ------------------------------------------------------------------------------------------


def _submit_while_mail_is_down(queue: Queue) -> dict:
    check_path = f"/reports/{harness.YEAR}/{MAIL_CODE}/check/"
    delegate = Browser(queue.server.base)
    delegate.login(f"delegate-{MAIL_CODE.lower()}")
    _address_comments(delegate, check_path)
    submit = delegate.submit(MAIL_CODE)
    success_page = delegate.get(f"/reports/{harness.YEAR}/{MAIL_CODE}/submitted/").status_code
    result = {"submit": submit, "success_page": success_page}
    # The worker tries while the server is down (a failed attempt is recorded) ...
    failed = queue.wait_for(
        lambda: [row for row in queue.tasks("send_email") if row[1] == "FAILED"], 30
    )
    result["failed_attempts_while_down"] = len(failed)
    # ... then the server comes back. The retry waits a minute or more; the drill brings it
    # forward rather than wait.
    mail = MailServer(queue.smtp_port)
    try:
        harness.query(
            MAIL_DB,
            f"UPDATE {TASKS} SET run_after = now() WHERE status = 'READY' RETURNING id",  # noqa: S608
        )
        queue.wait_for(lambda: mail.messages, 60)
    finally:
        mail.close()
    result["messages_delivered_after"] = len(mail.messages)
    result["passed"] = submit["outcome"] == "ok" and success_page == 200 and len(mail.messages) >= 1
    return result


# (d), (e) -------------------------------------------------------------------------------------


def _taken_up_again(queue: Queue, path_end: str, task_id, killed_at: float) -> dict:
    """After the kill: a new worker, and how long until the task is taken again and done."""
    queue.start_worker()
    again = queue.wait_for(
        lambda: any(row[0] == task_id and (row[3] or 0) >= 2 for row in queue.tasks(path_end)),
        LEASE_SECONDS * 3 + 30,
    )
    taken_up = time.monotonic() - killed_at
    done = again and queue.wait_for(
        lambda: any(row[0] == task_id and row[1] == "SUCCESSFUL" for row in queue.tasks(path_end)),
        120,
    )
    return {
        "seconds_to_take_up_again": round(taken_up, 1) if again else None,
        "seconds_to_finish": round(time.monotonic() - killed_at, 1) if done else None,
        "task_after": next(
            (
                {"status": row[1], "workers": json.loads(row[2]), "claims": row[3]}
                for row in queue.tasks(path_end)
                if row[0] == task_id
            ),
            None,
        ),
    }


def _worker_killed_sending_mail(queue: Queue) -> dict:
    """The director returns the report: the worker sends the "returned" e-mail to a mail server
    that does not answer, and is killed (SIGKILL) while it waits. Another worker takes the task
    up once its lease runs out; the e-mail arrives once."""
    director = Browser(queue.server.base)
    director.login("director")
    mail = MailServer(queue.smtp_port)
    mail.stall()
    try:
        returned = director.return_report(MAIL_CODE, "The drill returns the report: check it.")
        stalled = mail.stalled.wait(30)
        running = [row for row in queue.tasks("send_email") if row[1] == "RUNNING"]
        assert queue.worker is not None
        queue.worker.kill()
        killed_at = time.monotonic()
        mail.release()
        if not (stalled and len(running) == 1):
            return {"passed": False, "return": returned, "stalled": stalled, "running": running}
        task_id = running[0][0]
        after = _taken_up_again(queue, "send_email", task_id, killed_at)
        queue.wait_for(lambda: mail.messages, 10)
        time.sleep(1)  # a second delivery, were there one, would come now
    finally:
        mail.close()
    returned_mails = [m for m in mail.messages if "was returned with comments" in m]
    task = after["task_after"] or {}
    return {
        "passed": returned == 302
        and task.get("status") == "SUCCESSFUL"
        and len(task.get("workers", [])) == 2
        and len(returned_mails) == 1
        and len(mail.messages) == 1,
        "return_answer": returned,
        "killed_while_the_mail_server_held_the_connection": stalled,
        **after,
        "returned_emails_received": len(returned_mails),
    }


def _worker_killed_making_a_pdf(queue: Queue) -> dict:
    """The Chair asks for the mid-term review's PDF; the worker making it is killed. Another
    takes the task up once its lease runs out; the PDF is kept once and downloads."""
    chair = Browser(queue.server.base, timeout=120)
    chair.login("chair")
    link = f"/reviews/{harness.PLAN}/midterm/download/pdf/"
    folder = Path(queue.env["MEDIA_ROOT"]) / "reviews" / harness.PLAN / "midterm" / "draft"
    asked = chair.get(link)
    running = queue.wait_for(
        lambda: [row for row in queue.tasks("prepare_document_files") if row[1] == "RUNNING"], 30
    )
    time.sleep(1)  # into WeasyPrint's layout, which takes seconds
    assert queue.worker is not None
    queue.worker.kill()
    killed_at = time.monotonic()
    kept_at_kill = sorted(folder.glob("*.pdf")) if folder.exists() else []
    if asked.status_code != 202 or len(running) != 1:
        return {"passed": False, "asked": asked.status_code, "running": running}
    still_running = [row for row in queue.tasks("prepare_document_files") if row[1] == "RUNNING"]
    after = _taken_up_again(queue, "prepare_document_files", running[0][0], killed_at)
    kept = sorted(folder.glob("*.pdf")) if folder.exists() else []
    download = chair.get(link)
    task = after["task_after"] or {}
    return {
        "passed": not kept_at_kill
        and len(still_running) == 1
        and task.get("status") == "SUCCESSFUL"
        and len(task.get("workers", [])) == 2
        and len(kept) == 1
        and download.status_code == 200
        and download.content.startswith(b"%PDF"),
        "asked": asked.status_code,
        "killed_mid_task": not kept_at_kill and len(still_running) == 1,
        **after,
        "pdfs_kept": len(kept),
        "download_after": download.status_code,
    }


# (f) ------------------------------------------------------------------------------------------


def _database_restarts(queue: Queue) -> dict:
    """The shared PostgreSQL cannot be restarted here, so its restart is played on the drill's
    database: every connection to it ended (pg_terminate_backend) and new ones refused for a few
    seconds. The worker waits it out and runs the task queued afterwards; the e-mail arrives."""
    assert queue.worker is not None
    worker = queue.worker
    harness.execute(f'ALTER DATABASE "{MAIL_DB}" WITH ALLOW_CONNECTIONS false')
    try:
        ended = harness.query(
            "postgres",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (MAIL_DB,),
        )
        time.sleep(OUTAGE_SECONDS)
    finally:
        harness.execute(f'ALTER DATABASE "{MAIL_DB}" WITH ALLOW_CONNECTIONS true')
    back_at = time.monotonic()
    alive_after_outage = worker.running()
    mail = MailServer(queue.smtp_port)
    try:
        delegate = Browser(queue.server.base)
        delegate.login(f"delegate-{MAIL_CODE.lower()}")
        submit = delegate.submit(MAIL_CODE)  # returned in (d) with a general comment only
        delivered = queue.wait_for(lambda: mail.messages, 60)
    finally:
        mail.close()
    log = worker.log.read_text(errors="replace")
    return {
        "passed": alive_after_outage
        and worker.running()
        and submit["outcome"] == "ok"
        and bool(delivered)
        and "Database unreachable" in log,
        "connections_ended": len(ended),
        "outage_seconds": OUTAGE_SECONDS,
        "worker_alive_after": alive_after_outage,
        "worker_saw_the_outage": "Database unreachable" in log,
        "submit_after": submit,
        "seconds_to_the_mail_after_the_restart": round(time.monotonic() - back_at, 1)
        if delivered
        else None,
    }

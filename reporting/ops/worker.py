"""The task worker that `manage.py db_worker` runs: django-tasks-db's worker, made to outlive
the faults of a long-running process.

- A task it takes comes with a lease (`TaskLease`), taken in the transaction that claims the
  task and renewed by a heartbeat thread while the task runs. A worker killed mid-task (SIGKILL,
  out of memory, its machine gone) stops renewing: once the lease has run out, the next worker
  that looks queues the task again, and it runs from the start (at least once: a task killed
  after its work was done, but before its result was written, runs twice). A task that has lost
  its worker MAX_CLAIMS times is marked failed instead, with the reason, for an administrator to
  see in the admin's task results.
- A lost database connection (PostgreSQL restarting, a network cut) no longer ends the worker:
  it closes its connections, waits (0.5 s, doubling up to 30 s) and tries again.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from reporting.ops.models import TaskLease

logger = logging.getLogger(__name__)

# A task that lost its worker this many times is not queued again: it is marked failed.
MAX_CLAIMS = 3
FIRST_WAIT = 0.5  # seconds, after a lost connection
LONGEST_WAIT = 30.0
CONNECTION_ERRORS = (OperationalError, InterfaceError)


class WorkerLost(Exception):
    """The task's worker stopped renewing its lease too many times."""


def lease_length() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


def take_lease(task: DBTaskResult, worker_id: str) -> TaskLease:
    """In the transaction that claims the task."""
    expires_at = timezone.now() + lease_length()
    lease, created = TaskLease.objects.get_or_create(
        task=task, defaults={"worker_id": worker_id, "expires_at": expires_at}
    )
    if not created:
        lease.worker_id, lease.expires_at, lease.claims = worker_id, expires_at, lease.claims + 1
        lease.save(update_fields=["worker_id", "expires_at", "claims"])
    return lease


def requeue_lost_tasks() -> list[DBTaskResult]:
    """Queue again each running task whose lease has run out (or, claimed by a worker that takes
    no lease, that started longer than a lease ago); fail it after MAX_CLAIMS. Returns them."""
    now = timezone.now()
    lost = DBTaskResult.objects.running().filter(
        Q(lease__expires_at__lt=now) | Q(lease__isnull=True, started_at__lt=now - lease_length())
    )
    if not lost.exists():  # a read first: most of the time there is nothing to write
        return []
    found = []
    with exclusive_transaction(lost.db):
        for task in lost.select_for_update(skip_locked=True, of=("self",)).select_related("lease"):
            lease = getattr(task, "lease", None)
            claims = lease.claims if lease is not None else 1
            holder = lease.worker_id if lease is not None else ",".join(task.worker_ids[-1:])
            if claims >= MAX_CLAIMS:
                task.set_failed(WorkerLost(f"The task lost its worker {claims} times."))
                logger.error(
                    "Task %s (%s) lost its worker %d times: failed", task.id, task.task_path, claims
                )
            else:
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                logger.warning(
                    "Task %s (%s) lost its worker %s: queued again",
                    task.id,
                    task.task_path,
                    holder,
                )
            found.append(task)
    return found


class Heartbeat:
    """Renews the lease of the task in hand, from a thread of its own (with its own database
    connection), every quarter of the lease's length, until the task ends."""

    def __init__(self, task: DBTaskResult, worker_id: str):
        self.task_id = task.pk
        self.worker_id = worker_id
        self.every = lease_length().total_seconds() / 4
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="lease-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def renew(self) -> bool:
        """Whether the lease is still this worker's (and now longer)."""
        renewed = TaskLease.objects.filter(task_id=self.task_id, worker_id=self.worker_id).update(
            expires_at=timezone.now() + lease_length()
        )
        return renewed == 1

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    if not self.renew():
                        self.lost = True
                        logger.error(
                            "Task %s was queued again while it ran here: its lease ran out",
                            self.task_id,
                        )
                        return
                except DatabaseError as error:
                    # The database is away: try at the next beat, on a new connection.
                    logger.warning("Lease of task %s not renewed: %s", self.task_id, error)
                    _close_connections()
        finally:
            _close_connections()  # this thread's own


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class LeasedWorker(Worker):
    """django-tasks-db's worker with leases, a heartbeat and reconnection (see the module)."""

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311  (a herd of workers starts spread out)
        next_look = 0.0
        failures = 0
        while self.running:
            try:
                close_old_connections()
                if time.monotonic() >= next_look:
                    requeue_lost_tasks()
                    # Half a lease: a lost task waits at most a lease and a half.
                    next_look = time.monotonic() + lease_length().total_seconds() / 2
                retrieved, task_result = self.claim()
                if task_result is not None:
                    self.run_task(task_result)
            except CONNECTION_ERRORS as error:
                failures += 1
                wait = min(FIRST_WAIT * 2 ** (failures - 1), LONGEST_WAIT)
                logger.warning(
                    "Database unreachable (%s); trying again in %.1f s",
                    str(error).strip() or type(error).__name__,
                    wait,
                )
                _close_connections()
                time.sleep(wait)
                continue
            if failures:
                logger.warning("Database reachable again after %d failed attempts", failures)
                failures = 0
            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s - exiting.", self._run_tasks, self.worker_id
                )
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def claim(self) -> tuple[bool, DBTaskResult | None]:
        """(whether the queue could be read, the task claimed with its lease, if any)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                    take_lease(task_result, self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):  # SQLite, busy past its timeout: next time
                return False, None
            raise
        return True, task_result

    def run_task(self, db_task_result: DBTaskResult) -> None:
        with Heartbeat(db_task_result, self.worker_id):
            super().run_task(db_task_result)

"""The task worker outlives its faults: a task whose worker died is taken up again once its lease
runs out (never while the lease is alive), and a lost database connection is waited out."""

import datetime
import time

import pytest
from django.core import mail
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from reporting.ops import worker
from reporting.ops.mail import send_email
from reporting.ops.models import TaskLease
from tests.conftest import DATABASE_QUEUE, batch_worker, run_worker

pytestmark = pytest.mark.django_db

LEASE = datetime.timedelta(seconds=60)


@pytest.fixture(autouse=True)
def queue(database_queue, settings, time_machine):
    settings.TASK_LEASE_SECONDS = int(LEASE.total_seconds())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.move_to(datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC), tick=False)


def claimed_by_a_worker_that_dies(worker_id: str = "killed") -> DBTaskResult:
    """An e-mail queued and claimed, with its lease, by a worker that then runs nothing more."""
    send_email.enqueue(subject="Returned", body="b", recipients=["delegate-chl@example.org"])
    retrieved, task = batch_worker(worker_id).claim()
    assert retrieved
    assert task is not None
    return task


def test_a_task_whose_lease_ran_out_is_taken_up_again_and_finishes_once(time_machine):
    task = claimed_by_a_worker_that_dies()
    assert (task.status, task.lease.worker_id, task.lease.claims) == ("RUNNING", "killed", 1)
    assert task.lease.expires_at == task.started_at + LEASE

    time_machine.shift(LEASE + datetime.timedelta(seconds=1))
    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["killed", "test-worker"]
    assert TaskLease.objects.get(task=task).claims == 2
    assert [m.subject for m in mail.outbox] == ["Returned"]  # once
    run_worker()
    assert len(mail.outbox) == 1


def test_a_task_whose_lease_is_alive_is_left_to_its_worker(time_machine):
    task = claimed_by_a_worker_that_dies("busy")
    time_machine.shift(LEASE - datetime.timedelta(seconds=1))
    run_worker()
    task.refresh_from_db()
    assert task.status == "RUNNING"
    assert task.worker_ids == ["busy"]
    assert mail.outbox == []


def test_a_task_claimed_without_a_lease_is_taken_up_a_lease_after_it_started(time_machine):
    """A worker of the package's own, which takes no lease (one left from before an upgrade)."""
    send_email.enqueue(subject="Submitted", body="b", recipients=["director@example.org"])
    task = DBTaskResult.objects.get()
    task.claim("old-worker")
    time_machine.shift(LEASE - datetime.timedelta(seconds=1))
    run_worker()
    assert DBTaskResult.objects.get().status == "RUNNING"
    time_machine.shift(datetime.timedelta(seconds=2))
    run_worker()
    task.refresh_from_db()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["old-worker", "test-worker"])
    assert len(mail.outbox) == 1


def test_a_task_that_keeps_losing_its_worker_is_failed_with_the_reason(time_machine):
    task = claimed_by_a_worker_that_dies("first")
    for number in range(2, worker.MAX_CLAIMS + 1):
        time_machine.shift(LEASE + datetime.timedelta(seconds=1))
        worker.requeue_lost_tasks()
        _retrieved, again = batch_worker(f"worker-{number}").claim()
        assert again == task
    assert TaskLease.objects.get(task=task).claims == worker.MAX_CLAIMS
    time_machine.shift(LEASE + datetime.timedelta(seconds=1))
    run_worker()
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "reporting.ops.worker.WorkerLost"
    assert "lost its worker 3 times" in task.traceback
    assert mail.outbox == []


def test_a_lost_database_connection_is_waited_out(monkeypatch):
    send_email.enqueue(subject="Accepted", body="b", recipients=["delegate-chl@example.org"])
    claim = worker.LeasedWorker.claim
    calls, waits = [], []

    def database_restarting(self):
        calls.append(1)
        if len(calls) <= 3:
            raise OperationalError("server closed the connection unexpectedly")
        return claim(self)

    monkeypatch.setattr(worker.LeasedWorker, "claim", database_restarting)
    monkeypatch.setattr(worker.time, "sleep", waits.append)
    # Closing would end the test's own transaction: here the connection never broke.
    monkeypatch.setattr(worker, "_close_connections", lambda: None)
    run_worker()
    assert waits == [0.5, 1.0, 2.0]  # then the claim went through and the task ran
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_renews_the_lease_while_the_task_runs(settings, time_machine):
    """From a thread of its own, on its own connection, as in the worker."""
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC), tick=True)
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_LEASE_SECONDS = 1  # a beat every quarter second
    task = claimed_by_a_worker_that_dies("alive")
    taken = TaskLease.objects.get(task=task).expires_at
    with worker.Heartbeat(task, "alive") as heartbeat:
        deadline = time.monotonic() + 30
        while TaskLease.objects.get(task=task).expires_at == taken:
            assert time.monotonic() < deadline, "the lease was never renewed"
            time.sleep(0.05)
        assert not heartbeat.lost
        # Another worker queued the task again and took it: the heartbeat stops and says so.
        TaskLease.objects.filter(task=task).update(worker_id="other")
        while heartbeat._thread.is_alive():
            assert time.monotonic() < deadline, "the heartbeat never noticed"
            time.sleep(0.05)
    assert heartbeat.lost

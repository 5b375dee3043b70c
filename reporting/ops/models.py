"""What the operations code keeps in the database: the task worker's leases (worker.py) and the
rate limits' counts (throttles.py)."""

from django.db import models
from django_tasks_db.models import DBTaskResult


class TaskLease(models.Model):
    """A worker's hold on the task it runs: taken with the task, renewed by the worker's
    heartbeat while the task runs. A running task whose lease has run out lost its worker (killed,
    its machine gone), and the next worker to look queues it again."""

    task = models.OneToOneField(
        DBTaskResult, on_delete=models.CASCADE, primary_key=True, related_name="lease"
    )
    worker_id = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    claims = models.PositiveSmallIntegerField(
        default=1, help_text="How many times a worker has taken the task."
    )

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="task_lease_expiry")]

    def __str__(self) -> str:
        return f"{self.task_id} held by {self.worker_id} until {self.expires_at:%Y-%m-%d %H:%M:%S}"


class RateCount(models.Model):
    """How many requests one user made under one rate limit in the current window.

    One row per (limit, user), updated in place by a single statement (`throttles.count`): the
    table holds as many rows as users who hit a limit, whatever the traffic."""

    # The limit's scope and who is counted, e.g. "review-export:user:12".
    counter = models.CharField(max_length=150, unique=True)
    # The start of the fixed window, in seconds since the epoch, a multiple of the period.
    window_start = models.BigIntegerField()
    n = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.counter}: {self.n} since {self.window_start}"

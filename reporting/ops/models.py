"""What the operations code keeps in the database: the rate limits' counts (throttles.py)."""

from django.db import models


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

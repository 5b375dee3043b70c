"""`manage.py db_worker`: the task worker, with leases and reconnection (reporting/ops/worker.py).

It takes the place of django-tasks-db's command of the same name (this app comes before
django_tasks_db in INSTALLED_APPS, and the first app's command wins), with the same options, so
that deployments and `dev.py run` start it as before.
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from reporting.ops.worker import LeasedWorker


class Command(db_worker.Command):
    help = (
        "Run the task worker: e-mails and the reviews' files, from the queue table. A task whose "
        "worker died is taken up again once its lease runs out (TASK_LEASE_SECONDS); a lost "
        "database connection is retried, not fatal."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        excluded = exclude_queues.split(",") if exclude_queues else []
        queue_names = queue_name.split(",")
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # the reloader's child runs the worker
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

"""``manage.py run_worker``: the background task worker for production and ``make run``.

It runs django-tasks-db's worker loop without the autoreloader, survives database errors and
writes a heartbeat (see ``operations.worker``). Use it instead of ``manage.py db_worker``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands import db_worker

from operations.worker import HEARTBEAT_EVERY, ResilientWorker, default_worker_id


class Command(db_worker.Command):
    help = (
        "Run the background task worker: no autoreloader, survives database errors (logs, "
        "backs off, carries on) and writes a heartbeat that /healthz and the admin show."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--queue-name",
            default=DEFAULT_TASK_QUEUE_NAME,
            help="Queues to process, comma-separated; '*' for all (default: %(default)r).",
        )
        parser.add_argument(
            "--interval",
            default=2.0,
            type=db_worker.valid_interval,
            help="Seconds to wait between polls when no task is ready (default: %(default)s).",
        )
        parser.add_argument(
            "--heartbeat-every",
            default=HEARTBEAT_EVERY,
            type=db_worker.valid_interval,
            help="Seconds between heartbeats (default: %(default)s).",
        )
        parser.add_argument(
            "--backend",
            default=DEFAULT_TASK_BACKEND_ALIAS,
            type=db_worker.valid_backend_name,
            dest="backend_name",
            help="The task backend to serve (default: %(default)r).",
        )
        parser.add_argument(
            "--max-tasks",
            default=None,
            type=db_worker.valid_max_tasks,
            help="Stop after running this many tasks (default: run until stopped).",
        )
        parser.add_argument(
            "--worker-id",
            type=db_worker.validate_worker_id,
            default=None,
            help="A unique id for this worker (default: host, pid and a random suffix).",
        )
        parser.add_argument(
            "--no-startup-delay",
            action="store_false",
            dest="startup_delay",
            help="Start polling at once (by default a random delay under a second spreads "
            "workers that start together).",
        )

    # Its own options (add_arguments): no --reload or --batch, and a heartbeat interval.
    def handle(  # type: ignore[override]
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        heartbeat_every: float,
        backend_name: str,
        max_tasks: int | None,
        worker_id: str | None,
        startup_delay: bool,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            heartbeat_every=heartbeat_every,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id or default_worker_id(),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()

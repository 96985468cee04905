"""The task worker that ``manage.py run_worker`` runs: django-tasks-db's, made hard to kill.

django-tasks-db's ``Worker`` claims and runs tasks well, but one database error it does not
expect (a ``database is locked`` when committing a claim, a dropped PostgreSQL connection, a
restarting server) ends its loop; under the autoreloader the process then stays up with no
loop, and no task runs again while everything looks fine. ``ResilientWorker`` keeps the
upstream claim-and-run loop and wraps it:

- the upstream loop runs in "batch" passes (run every ready task, then return), so control
  comes back here between passes to write the heartbeat and to sleep;
- any ``DatabaseError`` (``OperationalError``, ``InterfaceError``, ...) raised anywhere in a
  pass, including the commit of a claim, is logged, every connection is closed, and the
  worker waits 1, 2, 4, ... up to ``max_backoff`` seconds before carrying on;
- it writes a ``WorkerHeartbeat`` every ``heartbeat_every`` seconds (not on every poll), from
  inside the loop, so a loop that stopped shows as a stale heartbeat in ``/healthz`` and in
  the admin.

Any other exception is a bug: it ends the process, loudly, and the supervisor restarts it.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = 15.0
# Rows of workers not seen for this long are removed when a worker starts (restarts add rows).
FORGET_WORKERS_AFTER = timedelta(days=7)
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0

# Messages the upstream loop logs at the start and end of every pass. Each pass is one poll
# here, so they would fill the log every couple of seconds; this worker logs its own start.
_PER_PASS_MESSAGES = ("Starting worker worker_id=", "No more tasks to run for worker_id=")


def heartbeat_due(last_beat: float | None, now: float, every: float = HEARTBEAT_EVERY) -> bool:
    """Whether a worker that last beat at ``last_beat`` (monotonic seconds) should beat now."""
    return last_beat is None or now - last_beat >= every


def backoff_delay(
    failures: int, first: float = FIRST_BACKOFF, ceiling: float = MAX_BACKOFF
) -> float:
    """Seconds to wait after ``failures`` database errors in a row: doubling, capped."""
    return min(ceiling, first * 2 ** max(0, failures - 1))


def default_worker_id() -> str:
    """A worker id a person can trace to a machine and a process (at most 64 characters)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{random.randrange(16**6):06x}"


class _DropPerPassMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_PER_PASS_MESSAGES)


class ResilientWorker(Worker):
    """django-tasks-db's worker with a heartbeat, that survives database errors."""

    def __init__(
        self,
        *,
        heartbeat_every: float = HEARTBEAT_EVERY,
        first_backoff: float = FIRST_BACKOFF,
        max_backoff: float = MAX_BACKOFF,
        **kwargs: Any,
    ) -> None:
        kwargs["batch"] = True  # one upstream pass per poll; see the module docstring
        super().__init__(**kwargs)
        self.heartbeat_every = heartbeat_every
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.host = socket.gethostname()[:255]
        self.pid = os.getpid()
        self.started_at = timezone.now()
        self.last_beat: float | None = None
        self.database_failures = 0

    def beat(self) -> None:
        """Record that this worker's loop is alive (one small write)."""
        now = timezone.now()
        updated = WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(last_seen_at=now)
        if not updated:  # this worker's first beat
            WorkerHeartbeat.objects.filter(last_seen_at__lt=now - FORGET_WORKERS_AFTER).delete()
            WorkerHeartbeat.objects.create(
                worker_id=self.worker_id,
                host=self.host,
                pid=self.pid,
                started_at=self.started_at,
                last_seen_at=now,
            )
        self.last_beat = time.monotonic()

    def beat_if_due(self) -> None:
        if heartbeat_due(self.last_beat, time.monotonic(), self.heartbeat_every):
            self.beat()

    def run(self) -> None:
        per_pass = _DropPerPassMessages()
        upstream_logger = logging.getLogger("django_tasks_db")
        upstream_logger.addFilter(per_pass)
        logger.info(
            "Task worker %s started (pid %d on %s, queues %s, polling every %.1f s)",
            self.worker_id,
            self.pid,
            self.host,
            ",".join(self.queue_names),
            self.interval,
        )
        try:
            self._run_resiliently()
        finally:
            upstream_logger.removeFilter(per_pass)

    def _run_resiliently(self) -> None:
        while self.running:
            try:
                self.beat_if_due()
                super().run()  # runs every ready task, then returns
            except DatabaseError as error:
                self._recover(error)
                continue
            finally:
                self.startup_delay = False  # the random start-up delay is for the first pass
            if self.database_failures:
                logger.warning(
                    "Task worker %s: the database answers again; carrying on", self.worker_id
                )
                self.database_failures = 0
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running:
                time.sleep(self.interval)

    def _recover(self, error: DatabaseError) -> None:
        """Log the error, drop every connection and wait a little longer each time."""
        self.database_failures += 1
        delay = backoff_delay(self.database_failures, self.first_backoff, self.max_backoff)
        logger.warning(
            "Task worker %s: database error (%s: %s); reconnecting in %.1f s (failure %d)",
            self.worker_id,
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
            delay,
            self.database_failures,
            exc_info=self.database_failures == 1,
        )
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DatabaseError:
                logger.debug("Closing a broken connection failed", exc_info=True)
        if self.running:
            time.sleep(delay)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        # A long queue keeps the loop in one upstream pass: beat between its tasks too. A
        # failed beat must not break the pass (the task's result is already recorded); the
        # next pass beats again and backs off if the database is really gone.
        try:
            self.beat_if_due()
        except DatabaseError:
            logger.warning("Task worker %s: could not write its heartbeat", self.worker_id)

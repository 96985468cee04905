"""Is the site well? Plain checks shared by ``/healthz`` and the admin dashboard panel.

The database and the cache decide whether this web process can serve (a load balancer takes
it out of rotation when either fails). The task queue is reported beside them, not judged by
them: a stalled worker is something for an administrator to fix, not a reason to stop serving
pages.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Past this many seconds without a heartbeat, or with a task waiting, the queue has stalled.
STALL_AFTER_SECONDS = 60


def check_database() -> str | None:
    """``None`` when the database answers a query, else what went wrong (no details)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not healthy"; the log has the details
        logger.warning("Health check: the database did not answer", exc_info=True)
        return type(error).__name__
    return None


def check_cache() -> str | None:
    """``None`` when the cache stores and returns a value, else what went wrong."""
    key = f"operations:healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # any failure means "not healthy"; the log has the details
        logger.warning("Health check: the cache did not answer", exc_info=True)
        return type(error).__name__
    return None if answered == "ok" else "value not kept"


@dataclass(frozen=True)
class QueueStatus:
    """How the background task queue is doing, in seconds (``None``: nothing to report)."""

    heartbeat_age: float | None
    oldest_waiting_age: float | None
    warnings: list[str] = field(default_factory=list)

    @property
    def stalled(self) -> bool:
        return bool(self.warnings)


def last_heartbeat(now: datetime) -> float | None:
    """Seconds since the freshest worker heartbeat, or ``None`` when no worker ever beat."""
    latest = WorkerHeartbeat.objects.order_by("-last_seen_at").values_list(
        "last_seen_at", flat=True
    )[:1]
    return max(0.0, (now - latest[0]).total_seconds()) if latest else None


def oldest_waiting_task(now: datetime) -> float | None:
    """Seconds the longest-waiting ready task has been due, or ``None`` when none waits.

    A task is due from when it was enqueued, or from its ``run_after`` when it was scheduled
    for later (django-tasks-db stores "no run_after" as the far future).
    """
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due_since))["oldest"]
    return max(0.0, (now - oldest).total_seconds()) if oldest else None


def queue_status(now: datetime | None = None) -> QueueStatus:
    """The worker's last heartbeat, the oldest waiting task, and warnings when stalled."""
    now = now or timezone.now()
    heartbeat_age = last_heartbeat(now)
    waiting_age = oldest_waiting_task(now)
    warnings = []
    if heartbeat_age is None:
        warnings.append("No task worker has ever reported in: start `manage.py run_worker`.")
    elif heartbeat_age > STALL_AFTER_SECONDS:
        warnings.append(
            f"No task worker has been seen for {describe_age(heartbeat_age)}: scores, roster "
            "syncs and other background work are not being done."
        )
    if waiting_age is not None and waiting_age > STALL_AFTER_SECONDS:
        warnings.append(
            f"A background task has been waiting for {describe_age(waiting_age)}: the workers "
            "are stopped or cannot keep up."
        )
    return QueueStatus(heartbeat_age, waiting_age, warnings)


def describe_age(seconds: float | None) -> str:
    """Seconds as a person reads them: "12 seconds", "3 minutes", "2 hours"."""
    if seconds is None:
        return "never"
    whole = int(seconds)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if whole >= size:
            count = whole // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{whole} second{'s' if whole != 1 else ''}"

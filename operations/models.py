"""What the running task workers tell the site about themselves."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last sign of life from one task worker process (``manage.py run_worker``).

    A worker whose main loop has stopped, while its process lingers, looks alive to a process
    supervisor; only a beat written from inside the loop proves tasks can still be claimed.
    Each worker updates its own row every ``HEARTBEAT_EVERY`` seconds (not on every poll, so
    an idle worker writes rarely), and ``/healthz`` and the admin dashboard report how long ago
    the freshest beat was. Rows of workers that have gone stay behind as a record for a week
    (one per worker start); a starting worker removes older ones.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"worker {self.worker_id} (pid {self.pid} on {self.host})"

"""The LTI tool's periodic jobs, queued for the task worker (``manage.py lti_scheduler``).

django-tasks runs work but has no clock of its own. The scheduler is that clock: each tick it

- queues one ``deliver_due_scores`` sweep every ``LTI_SCORE_SWEEP_SECONDS`` (default 60), which
  sends scores whose backoff has passed and any a stopped worker left half-sent, unless the
  previous sweep is still waiting for the worker;
- queues a roster (NRPS) sync of every course whose roster is older than
  ``LTI_ROSTER_SYNC_HOURS`` (default 6), or whose last sync failed a while ago;
- queues a purge of expired login states and framed sessions every
  ``LTI_STATE_PURGE_MINUTES`` (default 10), which keeps those tables small;
- queues each task named in ``LTI_SCHEDULED_TASKS`` (dotted path to a django-task: seconds
  between runs), so other apps' periodic work needs no import of theirs here.

Queuing is all it does, so it is cheap and safe to restart; the worker does the work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus

from lti_tool import state
from lti_tool.services import nrps, outbox

DEFAULT_SCORE_SWEEP_SECONDS = 60
DEFAULT_ROSTER_SYNC_HOURS = 6.0
DEFAULT_STATE_PURGE_MINUTES = 10.0
_WAITING = {TaskResultStatus.READY, TaskResultStatus.RUNNING}


def score_sweep_interval() -> timedelta:
    return timedelta(
        seconds=getattr(settings, "LTI_SCORE_SWEEP_SECONDS", DEFAULT_SCORE_SWEEP_SECONDS)
    )


def roster_max_age() -> timedelta:
    return timedelta(hours=getattr(settings, "LTI_ROSTER_SYNC_HOURS", DEFAULT_ROSTER_SYNC_HOURS))


def state_purge_interval() -> timedelta:
    return timedelta(
        minutes=getattr(settings, "LTI_STATE_PURGE_MINUTES", DEFAULT_STATE_PURGE_MINUTES)
    )


@dataclass
class Tick:
    """What one tick queued."""

    score_sweep: bool
    roster_syncs: int
    state_purge: bool = False
    scheduled: int = 0


@dataclass
class Scheduler:
    sweep_every: timedelta = field(default_factory=score_sweep_interval)
    rosters_older_than: timedelta = field(default_factory=roster_max_age)
    last_sweep_at: datetime | None = None
    last_sweep: Any = None  # the TaskResult of the sweep queued last
    purge_every: timedelta = field(default_factory=state_purge_interval)
    last_purge_at: datetime | None = None
    last_scheduled_at: dict[str, datetime] = field(default_factory=dict)

    def tick(self, now: datetime | None = None) -> Tick:
        now = now or timezone.now()
        return Tick(
            score_sweep=self._sweep_scores(now),
            roster_syncs=nrps.request_stale_syncs(self.rosters_older_than, now),
            state_purge=self._purge_launch_state(now),
            scheduled=self._queue_scheduled(now),
        )

    def _queue_scheduled(self, now: datetime) -> int:
        queued = 0
        for path, seconds in getattr(settings, "LTI_SCHEDULED_TASKS", {}).items():
            last = self.last_scheduled_at.get(path)
            if last is not None and now - last < timedelta(seconds=seconds):
                continue
            import_string(path).enqueue()
            self.last_scheduled_at[path] = now
            queued += 1
        return queued

    def _purge_launch_state(self, now: datetime) -> bool:
        if self.last_purge_at is not None and now - self.last_purge_at < self.purge_every:
            return False
        state.purge_launch_state.enqueue()
        self.last_purge_at = now
        return True

    def _sweep_scores(self, now: datetime) -> bool:
        if self.last_sweep_at is not None and now - self.last_sweep_at < self.sweep_every:
            return False
        if self.last_sweep is not None and self._still_waiting(self.last_sweep):
            return False
        self.last_sweep = outbox.deliver_due_scores.enqueue()
        self.last_sweep_at = now
        return True

    @staticmethod
    def _still_waiting(result: Any) -> bool:
        try:
            result.refresh()
        except Exception:  # a backend that cannot look results up: assume it finished
            return False
        return result.status in _WAITING

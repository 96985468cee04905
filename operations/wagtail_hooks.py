"""The admin dashboard's "Background tasks" panel, for superusers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from operations import health


class TaskQueuePanel(Component):
    """The worker's last heartbeat and the oldest waiting task, with a warning when stalled.

    Superusers see it first on the dashboard, so a stalled queue (no worker for over a
    minute, or a task waiting that long) is noticed the next time anyone signs in.
    """

    name = "task_queue"
    template_name = "operations/task_queue_panel.html"
    order = 50

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        queue = health.queue_status(timezone.now())
        return {
            "queue": queue,
            "heartbeat": health.describe_age(queue.heartbeat_age),
            "oldest_waiting": (
                health.describe_age(queue.oldest_waiting_age)
                if queue.oldest_waiting_age is not None
                else None
            ),
        }


@hooks.register("construct_homepage_panels")
def add_task_queue_panel(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.is_superuser:
        panels.insert(0, TaskQueuePanel())

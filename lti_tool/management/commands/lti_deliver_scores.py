"""``manage.py lti_deliver_scores``: deliver every due score now, once.

The periodic sweep is the scheduler's (``manage.py lti_scheduler``, which queues it for the
worker); this command is for an administrator who wants it done at once, or for cron where
no scheduler runs.
"""

from typing import Any

from django.core.management.base import BaseCommand

from lti_tool.services import outbox


class Command(BaseCommand):
    help = (
        "Send scores whose next attempt is due (and those whose sender stopped), once. The "
        "scheduler (lti_scheduler) runs the same sweep periodically."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        delivered = outbox.deliver_due()
        self.stdout.write(f"Delivered {delivered} score(s).")

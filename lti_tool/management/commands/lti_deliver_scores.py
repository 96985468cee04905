"""``manage.py lti_deliver_scores``: deliver every due score (the periodic safety net)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lti_tool.services import outbox


class Command(BaseCommand):
    help = (
        "Send scores whose next attempt is due (and those whose sender stopped). Run it from "
        "cron, or keep it running with --every SECONDS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            delivered = outbox.deliver_due()
            self.stdout.write(f"Delivered {delivered} score(s).")
            if every <= 0:
                return
            time.sleep(every)

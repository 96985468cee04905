"""``manage.py lti_scheduler``: queue the LTI tool's periodic jobs for the task worker."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lti_tool.schedule import Scheduler


class Command(BaseCommand):
    help = (
        "Queue the periodic LTI jobs (score delivery sweep, roster syncs) for `manage.py "
        "run_worker`. Runs until stopped; --once runs a single tick (for cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and stop.")
        parser.add_argument(
            "--tick", type=float, default=15.0, help="Seconds between ticks (default 15)."
        )

    def handle(self, *args: Any, once: bool, tick: float, **options: Any) -> None:
        if tick <= 0:
            raise CommandError("--tick must be a positive number of seconds.")
        scheduler = Scheduler()
        if not once:
            self.stdout.write(
                f"Scheduler running: score sweep every {scheduler.sweep_every}, rosters synced "
                f"when older than {scheduler.rosters_older_than}. Ctrl+C stops."
            )
        while True:
            done = scheduler.tick()
            if once or done.score_sweep or done.roster_syncs:
                self.stdout.write(
                    f"Queued: score sweep {'yes' if done.score_sweep else 'no'}, "
                    f"{done.roster_syncs} roster sync(s)."
                )
            if once:
                return
            try:
                time.sleep(tick)
            except KeyboardInterrupt:
                return

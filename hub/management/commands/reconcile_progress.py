"""``manage.py reconcile_progress [--dry-run]``: repair missing step completions, badges, scores."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.reconcile import reconcile_progress


class Command(BaseCommand):
    help = (
        "Find learners whose lessons of a step are all complete but whose step completion, "
        "badge or score is missing, and record what is missing (safe to repeat). With "
        "--dry-run, only count what would be recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what is missing; change nothing."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        result = reconcile_progress(dry_run=dry_run)
        verb = "Would record" if dry_run else "Recorded"
        for kind, count in result.counts.items():
            if kind.startswith("skipped"):
                self.stdout.write(f"{kind.capitalize()}: {count}")
            else:
                self.stdout.write(f"{verb} {count} missing {kind}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")

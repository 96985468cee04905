"""``manage.py load_demo``: build the demo programme (safe to run again)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo programme: four steps, their lessons, mentors and a glossary."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Rewrite the demo pages from the source, replacing editors' changes to them.",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        verbose = options["verbosity"] > 1
        report = load_demo(reset=reset, log=self.stdout.write if verbose else None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo programme ready: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.kept)} already present."
            )
        )

"""``manage.py seed_discussion``: the demo mentors' introductions under Step One."""

from typing import Any

from django.core.management.base import BaseCommand

from discussion.demo import seed_demo_discussion


class Command(BaseCommand):
    help = "Add the demo mentors' introductions (programme-wide) under Step One's first lesson."

    def handle(self, *args: Any, **options: Any) -> None:
        added = seed_demo_discussion()
        self.stdout.write(self.style.SUCCESS(f"Demo discussion: {added} post(s) added."))

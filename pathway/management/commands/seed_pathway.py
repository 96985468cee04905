"""``manage.py seed_pathway``: make the demo LMS's learner a graduate of the programme.

The learner exists once they have launched from the demo LMS (the tool creates a learner at
the first launch). Run it again after that launch; before it, it says so and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.models import Learner
from pathway.demo import graduate


class Command(BaseCommand):
    help = "Record the demo graduate's completed steps (the learner named by --name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", default="Sam Taylor", help="the learner's display name")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        learners = list(Learner.objects.filter(display_name=name))
        if not learners:
            self.stdout.write(
                f"No learner called “{name}” yet: launch the programme once from the demo LMS "
                "as that learner, then run `manage.py seed_pathway` again."
            )
            return
        for learner in learners:
            made = graduate(learner)
            self.stdout.write(
                self.style.SUCCESS(f"Demo graduate {learner}: {made} step(s) newly completed.")
            )

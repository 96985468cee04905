"""``manage.py seed_pathway``: make the demo LMS's graduate a graduate of the programme.

``make setup`` records the demo LMS's graduate (Grace Adeyemi) with ``lti_add_user`` and then
runs this, so she can apply for accreditation at her first launch. For a learner who is not
recorded yet, it says so and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.models import Learner
from pathway.demo import graduate


class Command(BaseCommand):
    help = "Record the demo graduate's completed steps (the learner named by --name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", default="Grace Adeyemi", help="the learner's display name")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        learners = list(Learner.objects.filter(display_name=name))
        if not learners:
            self.stdout.write(
                f"No learner called “{name}” yet: record them with `manage.py lti_add_user` "
                "(or launch the programme once as them), then run `manage.py seed_pathway` "
                "again."
            )
            return
        for learner in learners:
            made = graduate(learner)
            self.stdout.write(
                self.style.SUCCESS(f"Demo graduate {learner}: {made} step(s) newly completed.")
            )

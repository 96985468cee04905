"""``manage.py lti_resync_scores --context <id>``: send a course's scores again (full re-sync)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lti_tool.management.courses import find_context
from lti_tool.models import Score
from lti_tool.services import outbox


class Command(BaseCommand):
    help = (
        "Write the current score of every learner on every gradebook column of a course to the "
        "outbox and deliver them (newer than anything sent, so the gradebook ends up current)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--context", required=True, help="The course: the tool's id or the LMS context id."
        )
        parser.add_argument(
            "--no-deliver",
            action="store_true",
            help="Only queue the scores; the task worker delivers them.",
        )

    def handle(self, *args: Any, context: str, no_deliver: bool, **options: Any) -> None:
        course = find_context(context)
        queued = outbox.resync_context(course)
        self.stdout.write(f"Queued {queued} score(s) for {course}.")
        if no_deliver:
            return
        registration_id = course.deployment.registration_id
        delivered = outbox.deliver_due(registration_id=registration_id)
        waiting = course.line_items.filter(scores__status__in=Score.UNDELIVERED).count()
        self.stdout.write(
            self.style.SUCCESS(f"Delivered {delivered} score(s); {waiting} still waiting.")
        )

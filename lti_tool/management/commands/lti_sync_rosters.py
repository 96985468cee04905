"""``manage.py lti_sync_rosters``: bring course rosters up to date from the platforms (NRPS)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lti_tool.management.courses import find_context
from lti_tool.services import nrps
from lti_tool.services.errors import ServiceError


class Command(BaseCommand):
    help = "Sync the roster of one course (--context) or of every course with a roster service."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--context", help="The course: the tool's id or the LMS context id.")

    def handle(self, *args: Any, context: str | None, **options: Any) -> None:
        if context:
            course = find_context(context)
            try:
                result = nrps.sync_context(course)
            except ServiceError as error:
                raise CommandError(f"Roster sync of {course} failed: {error}") from error
            self.stdout.write(
                f"{course}: {result['members']} member(s) on {result['pages']} page(s); "
                f"{result['deactivated']} marked inactive."
            )
            return
        synced = nrps.sync_all()
        self.stdout.write(f"Synced {synced} course roster(s).")

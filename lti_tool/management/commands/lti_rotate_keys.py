"""``manage.py lti_rotate_keys``: start signing with a new key."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lti_tool.models import ToolKey


class Command(BaseCommand):
    help = "Create a new signing key; earlier keys stay published for the overlap period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--overlap-days", type=int, default=7, help="How long retired keys stay published."
        )

    def handle(self, *args: Any, overlap_days: int, **options: Any) -> None:
        if overlap_days < 0:
            from django.core.management.base import CommandError

            raise CommandError("--overlap-days cannot be negative.")
        key = ToolKey.rotate(timedelta(days=overlap_days))
        published = ToolKey.objects.published().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Now signing with key {key.kid}. {published} key(s) published in the JWKS."
            )
        )

"""``manage.py lti_registration_url``: a one-time Dynamic Registration link."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from lti_tool.models import RegistrationToken
from lti_tool.urls_helpers import tool_base


class Command(BaseCommand):
    help = "Print a one-time URL an LMS administrator pastes to register the tool."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="How long the link works.")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        _, token = RegistrationToken.issue(timedelta(days=max(days, 1)))
        url = f"{tool_base()}{reverse('lti:register')}?token={token}"
        self.stdout.write(url)
        self.stderr.write(f"Works once, for {max(days, 1)} day(s).")

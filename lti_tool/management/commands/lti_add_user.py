"""``manage.py lti_add_user``: record a platform's user before their first launch.

For an operator who must act for someone who has not opened the tool yet (to record steps they
completed elsewhere, say, or an accreditation): the user's learner exists from now on, and
their first launch from that platform finds it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from lti_tool.models import Registration
from lti_tool.services.people import record_user


class Command(BaseCommand):
    help = (
        "Record a platform's user (their LMS user id, name and email) before their first "
        "launch, with the learner that launch will find. Running it again updates the name "
        "and email."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--issuer", required=True, help="the platform's issuer")
        parser.add_argument("--client-id", required=True, help="the tool's client id there")
        parser.add_argument("--user-id", required=True, help="the LMS's id for the user (sub)")
        parser.add_argument("--name", required=True, help="the name others see")
        parser.add_argument("--email", default="", help="the user's email (optional)")

    def handle(self, *args: Any, **options: Any) -> None:
        sub, name = options["user_id"].strip(), options["name"].strip()
        email = options["email"].strip()
        if not sub or len(sub) > 255:
            raise CommandError("Not recorded: --user-id must be 1 to 255 characters.")
        if not name or len(name) > 150:
            raise CommandError("Not recorded: --name must be 1 to 150 characters.")
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(f"Not recorded: --email {email!r} is not an address.") from error
        registration = Registration.objects.filter(
            issuer=options["issuer"], client_id=options["client_id"]
        ).first()
        if registration is None:
            raise CommandError(
                "Not recorded: no platform is registered with that issuer and client id "
                "(see `manage.py lti_add_platform`)."
            )
        user, created = record_user(registration.pk, sub, name, email)
        verb = "Recorded" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {name} ({sub}) of {registration}: learner {user.learner_id}."
            )
        )

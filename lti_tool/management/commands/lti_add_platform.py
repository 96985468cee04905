"""``manage.py lti_add_platform``: register a platform (and a deployment) from a script."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lti_tool.registration.dynamic import allowed_url
from lti_tool.registration.platforms import register_platform

URL_OPTIONS = {
    "issuer": "issuer",
    "auth_url": "auth-url",
    "token_url": "token-url",
    "keyset_url": "keyset-url",
}


class Command(BaseCommand):
    help = "Register an LTI 1.3 platform by its values, and activate a deployment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--issuer", required=True)
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--auth-url", required=True, help="OIDC authorisation endpoint")
        parser.add_argument("--token-url", required=True, help="OAuth2 token endpoint")
        parser.add_argument("--keyset-url", required=True, help="The platform's JWKS URL")
        parser.add_argument("--audience", default="")
        parser.add_argument(
            "--deployment-id",
            action="append",
            default=[],
            help="A deployment to activate (repeatable)",
        )
        parser.add_argument(
            "--auto-activate",
            action="store_true",
            help="Activate unknown deployments on their first launch",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Django's URLField also takes ftp:// and plain http to any host; a platform's
        # addresses must be https (http only on loopback, or with LTI_ALLOW_HTTP_PLATFORMS).
        bad = [f"--{flag}" for key, flag in URL_OPTIONS.items() if not allowed_url(options[key])]
        if bad:
            raise CommandError(f"Not registered: {', '.join(bad)} must be https URLs.")
        deployment_ids = list(dict.fromkeys(d.strip() for d in options["deployment_id"]))
        if any(not d or len(d) > 255 for d in deployment_ids):
            raise CommandError("Not registered: --deployment-id must be 1 to 255 characters.")
        try:
            registration, created = register_platform(
                issuer=options["issuer"],
                client_id=options["client_id"],
                name=options["name"],
                auth_login_url=options["auth_url"],
                auth_token_url=options["token_url"],
                key_set_url=options["keyset_url"],
                deployment_ids=deployment_ids,
                validate=True,
                audience=options["audience"],
                auto_activate_deployments=options["auto_activate"],
            )
        except ValidationError as error:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise CommandError(f"Not registered: {problems}") from error
        verb = "Registered" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {registration} with {len(deployment_ids)} active deployment(s)."
            )
        )

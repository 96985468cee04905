"""``manage.py setup_site``: everything ``make setup`` does, in one process.

Each step used to be its own ``manage.py`` run, and every run paid Django's and Wagtail's
start-up again (seconds each on a busy machine) before doing a few milliseconds of work once
the site exists. The steps themselves are unchanged and each is idempotent, so running this
again only checks that the database is migrated and the demo is in place.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Migrate, create the cache table, load the demo programme, set up badges, register "
        "the demo LMS and make sure the administrator can sign in: make setup's steps."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="the port the site serves on")
        parser.add_argument("--lms-port", type=int, default=8001, help="the demo LMS's port")

    def handle(self, *args: Any, port: int, lms_port: int, **options: Any) -> None:
        lms = f"http://localhost:{lms_port}"
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable")
        call_command("load_demo")
        call_command("setup_badges", "--demo")
        call_command("setup_discussion")
        call_command("seed_discussion")
        call_command("setup_pathway", "--demo", f"--url=http://127.0.0.1:{port}/admin/")
        call_command("seed_pool")
        call_command(
            "lti_add_platform",
            "--name=Demo LMS",
            f"--issuer={lms}",
            "--client-id=demo-lms",
            f"--auth-url={lms}/auth",
            f"--token-url={lms}/token",
            f"--keyset-url={lms}/.well-known/jwks.json",
            "--deployment-id=demo-deployment",
        )
        # The demo LMS's graduate, recorded before her first launch with the steps she
        # completed, so that she can apply for accreditation at once.
        call_command(
            "lti_add_user",
            f"--issuer={lms}",
            "--client-id=demo-lms",
            "--user-id=demo-graduate-grace",
            "--name=Grace Adeyemi",
            "--email=grace.adeyemi@example.org",
        )
        call_command("seed_pathway", "--name=Grace Adeyemi")
        call_command("ensure_admin", f"--url=http://127.0.0.1:{port}/admin/")

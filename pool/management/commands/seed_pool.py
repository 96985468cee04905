"""``manage.py seed_pool``: the demo pool of peer leaders and two demo organisations."""

from typing import Any

from django.core.management.base import BaseCommand

from pool.demo import APPROVED_EMAIL, DEMO_PASSWORD, PENDING_EMAIL, seed_demo_pool


class Command(BaseCommand):
    help = (
        "Add two demo accredited leaders to the pool, an approved demo organisation and one "
        "waiting for approval (needs `setup_badges --demo` first). Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = seed_demo_pool()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo pool: {done.leaders_added} leader(s), {done.organisations_added} "
                "organisation(s) added."
            )
        )
        self.stdout.write(
            f"Organisations sign in at /pool/organisations/sign-in/ with password "
            f"{DEMO_PASSWORD}: {APPROVED_EMAIL} (approved), {PENDING_EMAIL} (waiting)."
        )

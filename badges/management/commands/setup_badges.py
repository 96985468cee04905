"""Create the Assessors group and, when none exists, the issuer and its first signing key."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandParser

from badges.admin_views import ASSESSORS_GROUP
from badges.models import Issuer
from badges.signing import active_key


class Command(BaseCommand):
    help = "Set up badges: the Assessors group, the issuer profile and its signing key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also create a badge for each programme step and the three accreditations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        group, _ = Group.objects.get_or_create(name=ASSESSORS_GROUP)
        access = Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ).first()
        if access is not None:
            group.permissions.add(access)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="badges", codename="add_bulkaward")
        )
        issuer = Issuer.objects.order_by("pk").first()
        if issuer is None:
            issuer = Issuer.objects.create(
                slug=settings.BADGES_ISSUER_SLUG,
                name=settings.BADGES_ISSUER_NAME,
                url=settings.BADGES_ISSUER_URL or settings.WAGTAILADMIN_BASE_URL,
                email=settings.BADGES_ISSUER_EMAIL,
            )
        key = active_key(issuer)
        if options.get("demo"):
            from badges.demo import load_demo_badges

            created = load_demo_badges(issuer)
            self.stdout.write(f"Demo achievements: {created} created.")
        self.stdout.write(
            f"Issuer {issuer.name} ({issuer.profile_url()}), key {key.public_key_multibase}"
        )

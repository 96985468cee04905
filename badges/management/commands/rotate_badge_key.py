"""Rotate an issuer's signing key; the old key stays published for earlier credentials."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from badges.models import Issuer
from badges.signing import rotate_key


class Command(BaseCommand):
    help = "Retire the issuer's active signing key and create a new one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The issuer's slug.")

    def handle(self, *args: Any, slug: str, **options: Any) -> None:
        issuer = Issuer.objects.get(slug=slug)
        key = rotate_key(issuer)
        self.stdout.write(f"New active key {key.public_key_multibase} for {issuer.name}")

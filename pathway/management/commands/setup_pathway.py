"""``manage.py setup_pathway``: the Assessors' right to review, editors' rights, and (with
``--demo``) the demo requirements and two demo assessor accounts."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from pathway.demo import (
    ensure_assessors_group,
    ensure_demo_assessors,
    ensure_editor_rights,
    load_demo_requirements,
)


class Command(BaseCommand):
    help = (
        "Give the Assessors group the review queue and editors the accreditation "
        "requirements; with --demo, add the demo requirements and two demo assessors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args: Any, demo: bool, url: str, **options: Any) -> None:
        ensure_assessors_group()
        ensure_editor_rights()
        self.stdout.write(self.style.SUCCESS("Assessors can review accreditation applications."))
        if not demo:
            return
        created = load_demo_requirements()
        self.stdout.write(f"Demo accreditation requirements: {created} created.")
        password = self._password()
        accounts = ensure_demo_assessors(password)
        self.stdout.write(self.style.SUCCESS("Demo assessor accounts"))
        self.stdout.write(f"  Sign in at {url}")
        for account in accounts:
            self.stdout.write(f"  Username:  {account.username}")
        self.stdout.write(f"  Password:  {password} (both accounts)")

    @staticmethod
    def _password() -> str:
        """DEMO_ASSESSOR_PASSWORD, or one generated once and kept in var/ (only you can
        read it), like the administrator's."""
        password = os.environ.get("DEMO_ASSESSOR_PASSWORD", "")
        if password:
            return password
        secret_file = Path(settings.BASE_DIR) / "var" / "demo-assessor-password.txt"
        if secret_file.exists():
            return secret_file.read_text().strip()
        password = secrets.token_urlsafe(12)
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(password + "\n")
        secret_file.chmod(0o600)
        return password

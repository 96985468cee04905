"""``manage.py ensure_admin``: make sure an administrator can sign in, and say how."""

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Create the administrator account if it does not exist and print how to sign in. "
        "The password comes from ADMIN_PASSWORD, or is generated once and kept in "
        "var/admin-password.txt (readable only by you)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args: Any, username: str, url: str, **options: Any) -> None:
        secret_file = Path(settings.BASE_DIR) / "var" / "admin-password.txt"
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not password and secret_file.exists():
            password = secret_file.read_text().strip()
        if not password:
            password = secrets.token_urlsafe(12)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(username=username, email="", password=password)
            action = "Created"
        elif not user.check_password(password):
            self.stdout.write(
                f"The account “{username}” already exists with a password set elsewhere; "
                "it was left unchanged. Use `manage.py changepassword` to reset it."
            )
            return
        else:
            action = "Ready"
        if not os.environ.get("ADMIN_PASSWORD"):
            secret_file.parent.mkdir(parents=True, exist_ok=True)
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"{action}: administrator account"))
        self.stdout.write(f"  Sign in at {url}")
        self.stdout.write(f"  Username:  {username}")
        self.stdout.write(f"  Password:  {password}")

"""``manage.py setup_discussion``: the Discussion moderators group and the editors' rights."""

from typing import Any

from django.core.management.base import BaseCommand

from discussion.moderation import MODERATORS_GROUP, ensure_editor_rights, ensure_moderators_group


class Command(BaseCommand):
    help = (
        "Create the Discussion moderators group (moderation queue) and let Editors and "
        "Programme leads choose which lessons have a programme-wide discussion."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_moderators_group()
        ensure_editor_rights()
        self.stdout.write(self.style.SUCCESS(f"Group “{MODERATORS_GROUP}” is ready."))

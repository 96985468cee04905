"""``manage.py setup_editorial``: groups, permissions and the approval workflow."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hub.editorial import ensure_editorial_workflow
from hub.models import ProgrammePage


class Command(BaseCommand):
    help = "Create the Editors and Programme lead groups and the approval workflow."

    def handle(self, *args: Any, **options: Any) -> None:
        programme = ProgrammePage.objects.first()
        if programme is None:
            raise CommandError(
                "There is no programme page yet: run `manage.py load_demo` or "
                "create one in the admin first."
            )
        workflow = ensure_editorial_workflow(programme)
        self.stdout.write(
            self.style.SUCCESS(
                f"Workflow “{workflow.name}” applies to "
                f"“{programme.title}” and every page below it."
            )
        )

"""``manage.py setup_editorial``: groups, permissions and the approval workflow."""

from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from hub.editorial import (
    EDITORS,
    PROGRAMME_LEAD,
    WAGTAIL_MODERATORS,
    ensure_editorial_workflow,
    group_purpose,
    retire_wagtail_default_groups,
)
from hub.models import ProgrammePage


class Command(BaseCommand):
    help = (
        "Create the Editors and Programme lead groups and the approval workflow, fold "
        "Wagtail's default Moderators group into Programme lead, and describe every group."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        programme = ProgrammePage.objects.first()
        if programme is None:
            raise CommandError(
                "There is no programme page yet: run `manage.py load_demo` or "
                "create one in the admin first."
            )
        leads, _ = Group.objects.get_or_create(name=PROGRAMME_LEAD)
        editors, _ = Group.objects.get_or_create(name=EDITORS)
        retired = retire_wagtail_default_groups(leads, editors)
        workflow = ensure_editorial_workflow(programme)
        if retired.moderators_group_removed:
            self.stdout.write(
                f"Wagtail's default “{WAGTAIL_MODERATORS}” group was removed; its "
                f"{retired.moderators_moved} member(s) joined “{PROGRAMME_LEAD}”."
            )
        if retired.default_workflow_retired:
            self.stdout.write("Wagtail's default “Moderators approval” workflow is retired.")
        self.stdout.write("Groups:")
        for group in Group.objects.order_by("name"):
            purpose = group_purpose(group.name) or "not described: check its permissions"
            members = group.user_set.count()
            self.stdout.write(f"  {group.name} ({members} member(s)): {purpose}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Workflow “{workflow.name}” applies to "
                f"“{programme.title}” and every page below it."
            )
        )

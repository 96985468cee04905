"""Editorial set-up: who may edit the programme and who approves publication.

``ensure_editorial_workflow`` is idempotent: run it as often as you like (the demo loader and
``manage.py setup_editorial`` both do).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PROGRAMME_LEAD = "Programme lead"
EDITORS = "Editors"
WORKFLOW_NAME = "Programme lead approval"
TASK_NAME = "Approval by a programme lead"


@transaction.atomic
def ensure_editorial_workflow(root: Page) -> Workflow:
    """Create the groups, their page permissions on ``root`` and the approval workflow.

    Editors may add, change and submit pages for moderation; only programme leads may publish.
    Every page under ``root`` goes through the "Programme lead approval" workflow.
    """
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    leads, _ = Group.objects.get_or_create(name=PROGRAMME_LEAD)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for group in (leads, editors):
        group.permissions.add(admin_access)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ):
            group.permissions.add(*Permission.objects.filter(codename=codename))
    for codename in ("add_glossaryterm", "change_glossaryterm", "view_glossaryterm"):
        for group in (leads, editors):
            group.permissions.add(*Permission.objects.filter(codename=codename))

    page_perms = {
        editors: ["add_page", "change_page"],
        leads: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_perms.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([leads])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow

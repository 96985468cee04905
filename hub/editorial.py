"""Editorial set-up: who may edit the programme and who approves publication.

``ensure_editorial_workflow`` is idempotent: run it as often as you like (the demo loader and
``manage.py setup_editorial`` both do).

Wagtail's first migration makes two groups of its own, "Editors" and "Moderators", with rights
on the whole tree and a "Moderators approval" workflow. The programme keeps "Editors" (the same
role, narrowed to the programme), folds "Moderators" into "Programme lead" (their members
could publish, so they become leads) and retires Wagtail's workflow, so the add-user form
offers only groups that mean something here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PROGRAMME_LEAD = "Programme lead"
EDITORS = "Editors"
WORKFLOW_NAME = "Programme lead approval"
TASK_NAME = "Approval by a programme lead"
WAGTAIL_MODERATORS = "Moderators"
WAGTAIL_MODERATORS_WORKFLOW = "Moderators approval"

#: What each group is for, in the words the add-user form and ``setup_editorial`` show.
#: Other apps add the groups they own with ``describe_group``.
GROUP_PURPOSES: dict[str, str] = {
    EDITORS: "writes and changes programme pages and submits them for approval; cannot publish",
    PROGRAMME_LEAD: "approves, publishes and unpublishes programme pages (and can edit them)",
}


def describe_group(name: str, purpose: str) -> None:
    """Record what a group is for, so the admin can say it next to the group's name."""
    GROUP_PURPOSES[name] = purpose


def group_purpose(name: str) -> str:
    return GROUP_PURPOSES.get(name, "")


@dataclass(frozen=True)
class RetiredDefaults:
    """What happened to Wagtail's default moderation set-up."""

    moderators_moved: int
    moderators_group_removed: bool
    default_workflow_retired: bool


def retire_wagtail_default_groups(leads: Group, editors: Group) -> RetiredDefaults:
    """Map Wagtail's "Moderators" onto "Programme lead" and narrow "Editors" to the programme.

    Members of "Moderators" join "Programme lead" (they could publish before, so nobody loses a
    right they were given), then the group goes. Page rights that Wagtail gave "Editors" on the
    tree's root (outside the programme) are removed; the programme's own rights are set by
    ``ensure_editorial_workflow``.
    """
    moved = 0
    removed = False
    moderators = Group.objects.filter(name=WAGTAIL_MODERATORS).first()
    if moderators is not None:
        members = list(moderators.user_set.all())
        leads.user_set.add(*members)
        moved = len(members)
        moderators.delete()
        removed = True
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()
    retired = False
    default_workflow = Workflow.objects.filter(name=WAGTAIL_MODERATORS_WORKFLOW).first()
    if default_workflow is not None and default_workflow.active:
        # Wagtail's own way: detaches the workflow from its pages and cancels what is
        # waiting in it (only pages outside the programme can be, as the programme's
        # workflow takes precedence below the programme page).
        default_workflow.deactivate()
        for task in Task.objects.filter(name=WAGTAIL_MODERATORS_WORKFLOW, active=True):
            task.specific.deactivate()
        retired = True
    return RetiredDefaults(moved, removed, retired)


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
    # The media library (video and audio) checks its permissions per collection.
    root_collection = Collection.get_first_root_node()
    media_permissions = Permission.objects.filter(
        content_type__app_label="wagtailmedia",
        codename__in=["add_media", "change_media", "choose_media"],
    )
    for group in (leads, editors):
        for permission in media_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
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

    retire_wagtail_default_groups(leads, editors)

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([leads])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow

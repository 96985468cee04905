"""Groups an installation needs, what the add-user form says about them, and menus shown
only to those who may use them."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import GroupPagePermission, Workflow

from hub.editorial import (
    EDITORS,
    PROGRAMME_LEAD,
    WAGTAIL_MODERATORS,
    WAGTAIL_MODERATORS_WORKFLOW,
    ensure_editorial_workflow,
)

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def setup_editorial() -> str:
    out = io.StringIO()
    call_command("setup_editorial", stdout=out)
    return out.getvalue()


# --- setup_editorial ----------------------------------------------------------------------------
def test_setup_editorial_folds_wagtails_moderators_into_programme_lead(programme):
    moderator = User.objects.create_user("mod", password="pw")
    moderator.groups.add(Group.objects.get(name=WAGTAIL_MODERATORS))
    output = setup_editorial()

    assert not Group.objects.filter(name=WAGTAIL_MODERATORS).exists()
    assert list(moderator.groups.values_list("name", flat=True)) == [PROGRAMME_LEAD]
    assert "1 member(s) joined “Programme lead”" in output
    assert not Workflow.objects.get(name=WAGTAIL_MODERATORS_WORKFLOW).active
    assert programme.lessons["first"].get_workflow().name == "Programme lead approval"
    # Wagtail's Editors group keeps its name and role but loses rights outside the programme.
    editors = Group.objects.get(name=EDITORS)
    depths = set(GroupPagePermission.objects.filter(group=editors).values_list("page__depth"))
    assert depths == {(programme.programme.depth,)}
    # Every group is listed with what it is for.
    assert "Editors (0 member(s)): writes and changes programme pages" in output
    assert "Programme lead (1 member(s)): approves, publishes" in output


def test_setup_editorial_is_idempotent_and_quiet_the_second_time(programme):
    setup_editorial()
    again = setup_editorial()
    assert "Moderators" not in again.replace("Moderators approval", "")
    assert Group.objects.filter(name=PROGRAMME_LEAD).count() == 1
    assert Workflow.objects.filter(name="Programme lead approval").count() == 1


def test_setup_editorial_needs_a_programme(db):
    with pytest.raises(CommandError):
        setup_editorial()
    assert Group.objects.filter(name=WAGTAIL_MODERATORS).exists()  # nothing was changed


def test_editors_cannot_edit_outside_the_programme_after_setup(programme):
    setup_editorial()
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    root = programme.programme.get_parent()
    assert not root.permissions_for_user(editor).can_add_subpage()
    assert programme.steps[0].permissions_for_user(editor).can_add_subpage()


# --- The add-user form --------------------------------------------------------------------------
def test_add_user_form_says_what_each_group_is_for(programme):
    setup_editorial()
    call_command("setup_badges", stdout=io.StringIO())
    boss = User.objects.create_superuser("boss", "", "pw")
    html = client_for(boss).get("/admin/users/new/").content.decode()
    assert "Programme lead: approves, publishes and unpublishes" in html
    assert "Editors: writes and changes programme pages" in html
    assert "Assessors: awards accreditations" in html
    assert "Most people need one group" in html
    assert ">Moderators<" not in html and "Moderators:" not in html


def test_a_group_without_a_description_is_listed_by_name(programme):
    Group.objects.create(name="Visitors")
    boss = User.objects.create_superuser("boss", "", "pw")
    html = client_for(boss).get("/admin/users/new/").content.decode()
    assert "Visitors" in html
    assert "Visitors:" not in html


# --- Menus ------------------------------------------------------------------------------------
LTI_ITEMS = ("LTI setup", "Gradebook scores")


def test_editors_do_not_see_lti_or_award_menu_items(programme):
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    html = client_for(editor).get("/admin/").content.decode()
    assert "Pages" in html
    for label in (*LTI_ITEMS, "Award accreditations"):
        assert label not in html, label


def test_administrators_see_the_lti_and_award_menu_items(db):
    boss = User.objects.create_superuser("boss", "", "pw")
    html = client_for(boss).get("/admin/").content.decode()
    for label in (*LTI_ITEMS, "Award accreditations"):
        assert label in html, label


def test_menu_follows_permissions_not_group_names(db):
    """A group with any name that is given the LTI permission sees the LTI items."""
    group = Group.objects.create(name="Learning technologists")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="lti_tool", codename="change_registration"),
    )
    user = User.objects.create_user("lt", password="pw")
    user.groups.add(group)
    client = client_for(user)
    html = client.get("/admin/").content.decode()
    for label in LTI_ITEMS:
        assert label in html, label
    assert "Award accreditations" not in html
    assert client.get("/admin/lti/setup/").status_code == 200


def test_award_permission_not_the_group_name_opens_the_award_page(db):
    user = User.objects.create_user("assessor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(user)
    refused = client.get("/admin/badges/award/")
    assert refused.status_code == 302  # Wagtail's "no permission": back to the dashboard
    assert refused["Location"] == "/admin/"
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="badges", codename="add_bulkaward")
    )
    user = User.objects.get(pk=user.pk)  # drop the cached permissions
    client = client_for(user)
    assert client.get("/admin/badges/award/").status_code == 200
    assert "Award accreditations" in client.get("/admin/").content.decode()


def test_a_group_named_assessors_without_the_permission_cannot_award(db):
    group, _ = Group.objects.get_or_create(name="Assessors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("pretender", password="pw")
    user.groups.add(group)
    client = client_for(user)
    refused = client.get("/admin/badges/award/")
    assert refused.status_code == 302  # Wagtail's "no permission": back to the dashboard
    assert refused["Location"] == "/admin/"
    assert "Award accreditations" not in client.get("/admin/").content.decode()

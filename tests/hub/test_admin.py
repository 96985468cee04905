"""Editors' side: admin forms for every page type, previews, moderation and the checker."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, Workflow

from hub.editorial import EDITORS, PROGRAMME_LEAD, WORKFLOW_NAME, ensure_editorial_workflow

pytestmark = pytest.mark.django_db


def all_pages(programme):
    return [
        programme.programme,
        *programme.steps,
        *programme.lessons.values(),
        programme.mentor_index,
        programme.mentor,
        programme.glossary,
    ]


def test_admin_login_page_loads(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_every_page_type_has_a_working_edit_form(admin_client, programme):
    for page in all_pages(programme):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_every_page_type_previews(programme):
    for page in all_pages(programme):
        response = page.specific.make_preview_request()
        assert response.status_code == 200, page
        assert page.title.encode() in response.content


def test_new_pages_can_be_created_in_the_admin_under_the_right_parent(admin_client, programme):
    step = programme.steps[0]
    ok = admin_client.get(f"/admin/pages/add/hub/lessonpage/{step.pk}/")
    assert ok.status_code == 200
    refused = admin_client.get(f"/admin/pages/add/hub/lessonpage/{programme.programme.pk}/")
    assert refused.status_code == 302  # Wagtail sends the editor back with an explanation
    assert refused.url == "/admin/"


def test_editorial_workflow_is_idempotent_and_applies_to_the_programme(programme):
    first = ensure_editorial_workflow(programme.programme)
    second = ensure_editorial_workflow(programme.programme)
    assert first.pk == second.pk
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    lesson = programme.lessons["first"]
    assert lesson.get_workflow().pk == first.pk
    task = first.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [PROGRAMME_LEAD]


def test_editor_submits_and_programme_lead_publishes(client, programme):
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    lead = User.objects.create_user("lead", password="pw")
    lead.groups.add(Group.objects.get(name=PROGRAMME_LEAD))
    lesson = programme.lessons["third"].specific

    assert not lesson.permissions_for_user(editor).can_publish()
    assert lesson.permissions_for_user(lead).can_publish()

    lesson.title = "Chairing a meeting well"
    revision = lesson.save_revision(user=editor)
    workflow = lesson.get_workflow()
    state = workflow.start(lesson, editor)
    assert state.status == "in_progress"
    # Submitted, not published: the live page still has the old title.
    assert Page.objects.get(pk=lesson.pk).title == "Chairing a meeting"

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(lesson, editor) == []  # editors cannot approve
    assert "approve" in [name for name, *_ in task.get_actions(lesson, lead)]
    task.on_action(task_state, lead, "approve")
    lesson.refresh_from_db()
    assert lesson.title == "Chairing a meeting well"
    assert lesson.live_revision_id == revision.pk


def test_userbar_uses_the_programme_checker(admin_client, programme):
    response = admin_client.get(programme.lessons["first"].url)
    html = response.content.decode()
    assert "wagtail-userbar" in html
    assert "video-caption" in html  # our extra axe rule is configured

"""Previews of every page type, rendered the way editors and approvers reach them.

Every preview here is built from a revision or from the editor's unsaved form, never from the
live page: a draft title proves which one was rendered, and a phrase from the page's own
content proves the template ran to the end (a crash shows Wagtail's error page instead).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.models import Page

from hub.editorial import EDITORS, PROGRAMME_LEAD, ensure_editorial_workflow
from tests.factories import Programme
from tests.hub.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db

DRAFT = " (draft for review)"


def pages_with_content(programme: Programme) -> list[tuple[Page, list[str]]]:
    """Each page type with phrases only its own rendering shows (mentors where it has any)."""
    return [
        (programme.programme, ["A programme about", "Your story"]),
        (programme.steps[0], ["Start with your story.", "Alex Morgan", "Why stories matter"]),
        (programme.steps[1], ["Lead with others.", "Chairing a meeting"]),
        (programme.lessons["first"], ["Working as equals", "Alex Morgan", "A short welcome"]),
        (programme.lessons["second"], ["Who is your audience?"]),
        (programme.lessons["third"], ["Agree the purpose first."]),
        (programme.mentor_index, ["Alex Morgan"]),
        (programme.mentor, ["Alex is a fictional mentor.", "Your story"]),
        (programme.glossary, ["Working as equals."]),
    ]


@pytest.fixture
def lead_client(programme: Programme) -> Client:
    ensure_editorial_workflow(programme.programme)
    lead = User.objects.create_user("lead", password="pw")
    lead.groups.add(Group.objects.get(name=PROGRAMME_LEAD))
    client = Client()
    client.force_login(lead)
    return client


@pytest.fixture
def editor(programme: Programme) -> User:
    ensure_editorial_workflow(programme.programme)
    user = User.objects.create_user("ed", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def save_draft(page: Page, user: User) -> Any:
    """A new, unpublished revision whose title differs from the live page's."""
    draft = page.specific.get_latest_revision_as_object()
    draft.title = page.title + DRAFT
    return draft.save_revision(user=user)


def assert_renders(response: Any, title: str, phrases: list[str]) -> None:
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    assert "Traceback" not in html
    assert title in html
    for phrase in phrases:
        assert phrase in html, phrase


def test_revision_view_renders_every_page_type_from_the_revision(programme, editor, lead_client):
    for page, phrases in pages_with_content(programme):
        revision = save_draft(page, editor)
        response = lead_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        assert_renders(response, page.title + DRAFT, phrases)


def test_view_draft_renders_every_page_type_in_every_preview_mode(programme, editor, editor_client):
    for page, phrases in pages_with_content(programme):
        save_draft(page, editor)
        for mode, _label in page.specific.preview_modes:
            response = editor_client.get(f"/admin/pages/{page.pk}/view_draft/?mode={mode}")
            assert_renders(response, page.title + DRAFT, phrases)


def test_preview_panel_renders_every_page_type_from_the_editors_form(
    programme, editor, editor_client
):
    """What the editor's preview panel and Preview button show for unsaved edits to a draft."""
    for page, phrases in pages_with_content(programme):
        save_draft(page, editor)
        draft = page.specific.get_latest_revision_as_object()
        data = edit_form_data(draft, editor)
        data["title"] = page.title + " (unsaved edit)"
        url = f"/admin/pages/{page.pk}/edit/preview/"
        posted = editor_client.post(url, data)
        assert posted.json() == {"is_valid": True, "is_available": True}, page
        for mode, _label in page.specific.preview_modes:
            for panel in ("true", "false"):
                response = editor_client.get(f"{url}?mode={mode}&in_preview_panel={panel}")
                assert_renders(response, page.title + " (unsaved edit)", phrases)


def test_preview_renders_a_new_page_of_every_type_before_it_is_saved(programme, editor):
    """Previewing a page that does not exist yet (the add form), under its proper parent."""
    superuser = User.objects.create_superuser("boss", "", "pw")
    client = Client()
    client.force_login(superuser)
    # Children first: a page type allowed once per parent (programme, mentor directory,
    # glossary) is new only once its predecessor is gone, and deleting it takes its children.
    for page, phrases in reversed(pages_with_content(programme)):
        specific = page.specific
        parent = page.get_parent().specific
        data = edit_form_data(specific, superuser)
        data["title"] = "Brand new " + page.title
        data["slug"] = "brand-new-" + page.slug
        if "step_number" in data:
            data["step_number"] = "9"  # a number no step has yet
        if not type(specific).can_create_at(parent):
            page.delete()
            assert type(specific).can_create_at(parent)
        meta = specific._meta
        url = f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/preview/"
        posted = client.post(url, data)
        assert posted.json() == {"is_valid": True, "is_available": True}, page
        response = client.get(f"{url}?in_preview_panel=true")
        # A new page has no children and no pages pointing at it, so only its own words show.
        own_phrases = phrases[:1] if page.pk != programme.mentor_index.pk else []
        assert_renders(response, "Brand new " + page.title, own_phrases)


def test_approver_previews_the_revision_in_workflow_for_every_page_type(
    programme, editor, lead_client
):
    for page, phrases in pages_with_content(programme):
        specific = page.specific
        save_draft(page, editor)
        workflow = specific.get_workflow()
        state = workflow.start(specific.get_latest_revision_as_object(), editor)
        task_id = state.current_task_state.task_id
        response = lead_client.get(f"/admin/pages/workflow/preview/{page.pk}/{task_id}/")
        assert_renders(response, page.title + DRAFT, phrases)


def test_preview_runs_the_programme_accessibility_checker(programme, editor, editor_client):
    """The checker in the preview panel is configured with the programme's rules."""
    page = programme.lessons["first"]
    save_draft(page, editor)
    data = edit_form_data(page.specific.get_latest_revision_as_object(), editor)
    url = f"/admin/pages/{page.pk}/edit/preview/"
    editor_client.post(url, data)
    html = editor_client.get(f"{url}?in_preview_panel=true").content.decode()
    assert "video-caption" in html
    assert "Working as equals" in html


def test_preview_is_refused_to_someone_who_cannot_edit(programme, editor):
    nobody = User.objects.create_user("visitor", password="pw")
    client = Client()
    client.force_login(nobody)
    page = programme.lessons["first"]
    revision = save_draft(page, editor)
    view = f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/"
    response = client.get(view)
    assert response.status_code == 302  # no admin access: to the sign-in page
    assert response["Location"] == f"/admin/login/?next={view}"
    assert b"Working as equals" not in response.content

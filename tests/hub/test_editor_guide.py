"""The guide for editors at the top of every page type's form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils.html import escape

from hub.editor_guide import ACCESSIBILITY_RULES, GOOD_PAGE
from hub.editorial import EDITORS, WORKFLOW_NAME, ensure_editorial_workflow

pytestmark = pytest.mark.django_db


def kinds(programme):
    return [
        ("programme", programme.programme),
        ("step", programme.steps[0]),
        ("lesson", programme.lessons["first"]),
        ("mentor_index", programme.mentor_index),
        ("mentor", programme.mentor),
        ("glossary", programme.glossary),
    ]


def assert_guide(html: str, kind: str) -> None:
    assert "Guide for editors" in html
    assert escape(GOOD_PAGE[kind]) in html
    for rule in ACCESSIBILITY_RULES:
        assert escape(rule) in html
    assert escape(f"Submit to {WORKFLOW_NAME}") in html


def test_every_page_types_edit_form_opens_with_its_guide(programme):
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(editor)
    for kind, page in kinds(programme):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, kind
        assert_guide(response.content.decode(), kind)


def test_the_add_form_shows_the_guide_too(programme):
    client = Client()
    client.force_login(User.objects.create_superuser("boss", "", "pw"))
    step = programme.steps[0]
    html = client.get(f"/admin/pages/add/hub/lessonpage/{step.pk}/").content.decode()
    assert_guide(html, "lesson")


def test_the_submit_button_the_guide_names_exists(programme):
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{programme.lessons['first'].pk}/edit/").content.decode()
    assert html.count(escape(f"Submit to {WORKFLOW_NAME}")) >= 2  # the guide and the button


def test_the_guide_is_not_shown_to_learners(client, programme):
    html = client.get(programme.lessons["first"].url).content.decode()
    assert "Guide for editors" not in html

"""An editor's "Submit for approval" while the editor's autosave runs on the same page.

Wagtail's page editor autosaves in the background (a JSON POST to the edit view) every few
seconds; the editor clicks "Submit for approval" whenever they like. The requests meet on the
same page and revision tables. Every one must succeed (no server error, no "database is
locked"), and the page ends up in the approval workflow, its live version unchanged until a
programme lead approves.
"""

from __future__ import annotations

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from hub.editorial import EDITORS, ensure_editorial_workflow
from tests.support.live import TIMEOUT, at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AUTOSAVES = 5


def _editor_browser(live_url: str) -> tuple[requests.Session, str]:
    """A signed-in editor's session over HTTP, and its CSRF token."""
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    signed_in = Client()
    signed_in.force_login(editor)
    browser = requests.Session()
    browser.cookies.set(
        settings.SESSION_COOKIE_NAME, signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    )
    dashboard = browser.get(f"{live_url}/admin/", timeout=TIMEOUT)
    assert dashboard.status_code == 200, dashboard.text[:300]
    return browser, browser.cookies[settings.CSRF_COOKIE_NAME]


def _form(page: Page, introduction: str, csrf: str) -> dict[str, str]:
    return nested_form_data(
        {
            "csrfmiddlewaretoken": csrf,
            "title": page.title,
            "slug": page.slug,
            "introduction": rich_text(introduction),
            "comments": inline_formset([]),
        }
    )


def test_submit_for_approval_while_autosave_runs(live_server, programme):
    ensure_editorial_workflow(programme.programme)
    page = programme.mentor_index
    edit_url = f"{live_server.url}/admin/pages/{page.pk}/edit/"
    browser, csrf = _editor_browser(live_server.url)
    assert browser.get(edit_url, timeout=TIMEOUT).status_code == 200

    def act(index: int) -> requests.Response:
        if index == 0:
            data = {**_form(page, "<p>Ready for approval.</p>", csrf), "action-submit": "Submit"}
            return browser.post(edit_url, data=data, allow_redirects=False, timeout=TIMEOUT)
        data = _form(page, f"<p>Autosaved draft {index}.</p>", csrf)
        headers = {"Accept": "application/json", "X-CSRFToken": csrf}
        return browser.post(edit_url, data=data, headers=headers, timeout=TIMEOUT)

    submitted, *autosaved = at_once(1 + AUTOSAVES, act)

    assert submitted.status_code == 302, submitted.text[:500]
    for answer in autosaved:
        assert answer.status_code == 200, answer.text[:500]
        assert answer.json()["success"] is True
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.requested_by.username == "ed"
    assert page.live  # submitted, not published

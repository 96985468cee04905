"""An editor's lesson, from draft to published, in a real browser with axe scans.

The editor's draft (a captioned video from the media library, an image with alternative text
and a knowledge check) is posted as the admin's add form would post it; from there the browser
does the rest as people would: the editor previews the draft at phone, tablet and desktop
widths and submits it for approval from the edit page; a programme lead previews the revision
in workflow, approves it, and the published lesson is scanned again.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from hub.editorial import EDITORS, PROGRAMME_LEAD, WORKFLOW_NAME, ensure_editorial_workflow
from hub.models import LessonPage
from tests.browser.axe import assert_accessible
from tests.factories import build_programme, make_image, make_video
from tests.hub.admin_forms import edit_form_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = {"phone": (375, 812), "tablet": (768, 1024), "desktop": (1280, 900)}


def new_lesson(step, video, image) -> LessonPage:
    return LessonPage(
        title="Listening well",
        slug="listening-well",
        summary="How to listen so that people feel heard.",
        estimated_minutes=15,
        requires_knowledge_checks=True,
        body=[
            {"type": "heading", "value": {"text": "Why listening matters", "level": "h2"}},
            {"type": "rich_text", "value": "<p>Listening is where peer support starts.</p>"},
            {"type": "video", "value": {"title": "Listening in practice", "video": video.pk}},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Two people talking on a bench",
                    "decorative": False,
                    "caption": "",
                },
            },
            {
                "type": "knowledge_check",
                "value": {
                    "title": "Check your understanding",
                    "questions": [
                        {
                            "question": "What helps someone feel heard?",
                            "options": [
                                {"text": "Reflecting back", "correct": True, "feedback": "Yes."},
                                {"text": "Interrupting", "correct": False, "feedback": "No."},
                            ],
                        }
                    ],
                },
            },
        ],
    )


def sign_in(browser, live_server, username: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    return context, page


def test_editor_drafts_previews_and_submits_then_a_lead_publishes(browser, live_server):
    programme = build_programme()
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("editor", password="pw-editor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    lead = User.objects.create_user("lead", password="pw-lead")
    lead.groups.add(Group.objects.get(name=PROGRAMME_LEAD))
    step = programme.steps[0]

    # The editor's draft, as the add form posts it.
    video = make_video("Listening in practice")
    data = edit_form_data(new_lesson(step, video, make_image("Bench")), editor, parent=step)
    client = Client()
    client.force_login(editor)
    created = client.post(f"/admin/pages/add/hub/lessonpage/{step.pk}/", data)
    assert created.status_code == 302
    lesson = LessonPage.objects.get(slug="listening-well")
    assert not lesson.live

    # The editor previews the draft at three sizes; axe finds nothing.
    for name, (width, height) in SIZES.items():
        context, page = sign_in(browser, live_server, "editor", width, height)
        try:
            response = page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/view_draft/")
            assert response.status == 200, name
            assert page.locator("h1").inner_text().strip() == "Listening well"
            track = page.locator("video track[kind=captions]")
            assert track.get_attribute("src") == video.captions.url
            assert page.get_by_alt_text("Two people talking on a bench").is_visible()
            assert_accessible(page)
        finally:
            context.close()

    # The editor submits it from the edit page.
    context, page = sign_in(browser, live_server, "editor")
    try:
        page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name=f"Submit to {WORKFLOW_NAME}").click()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    lesson.refresh_from_db()
    state = lesson.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not lesson.live

    # The programme lead previews the revision in workflow, then approves it.
    task_id = state.current_task_state.task_id
    context, page = sign_in(browser, live_server, "lead")
    try:
        response = page.goto(
            f"{live_server.url}/admin/pages/workflow/preview/{lesson.pk}/{task_id}/"
        )
        assert response.status == 200
        assert page.locator("h1").inner_text().strip() == "Listening well"
        assert_accessible(page)
        page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
        page.wait_for_url(lambda url: "/edit/" not in url)
        lesson.refresh_from_db()
        assert lesson.live

        # The published lesson, as learners see it.
        response = page.goto(live_server.url + lesson.url)
        assert response.status == 200
        assert page.locator("h1").inner_text().strip() == "Listening well"
        assert_accessible(page)
    finally:
        context.close()

"""An editor's lesson, from draft to published, in a real browser with axe scans.

The editor writes the lesson in the admin's own page editor: title and summary, then blocks
from the "Insert a block" menu, a captioned video picked in the media chooser, an image picked
in the image chooser with its alternative text, and a knowledge check whose two options are
there from the start. The editor saves the draft, previews it at phone, tablet and desktop
widths and submits it for approval from the edit page; a programme lead previews the revision
in workflow, approves it, and the published lesson is scanned again.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User

from hub.editorial import EDITORS, PROGRAMME_LEAD, WORKFLOW_NAME, ensure_editorial_workflow
from hub.models import LessonPage
from tests.browser.axe import assert_accessible
from tests.factories import build_programme, make_image, make_video

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = {"phone": (375, 812), "tablet": (768, 1024), "desktop": (1280, 900)}


def insert_block(page, kind: str) -> None:
    """Add a block at the end of the lesson body from the StreamField's "Insert a block" menu."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind, exact=True).click()


def choose_in_modal(page, button: str, title: str) -> None:
    """Open a chooser from its button and pick the item titled ``title`` in the dialog."""
    page.get_by_role("button", name=button).last.click()
    modal = page.locator(".modal")
    # An image's link is named by its thumbnail's alt text and its title: match on the start.
    modal.get_by_role("link", name=re.compile(rf"^{re.escape(title)}\b")).first.click()
    modal.wait_for(state="hidden")


def compose_lesson(page, live_server, step) -> None:
    """The editor writes the lesson in the page editor, block by block, and saves a draft."""
    page.goto(f"{live_server.url}/admin/pages/add/hub/lessonpage/{step.pk}/")
    page.locator("#id_title").fill("Listening well")
    page.locator("#id_estimated_minutes").fill("15")
    page.locator("#id_summary").fill("How to listen so that people feel heard.")
    page.get_by_role("checkbox", name="Requires knowledge checks").check()

    insert_block(page, "Heading")
    page.locator("#body-0-value-text").fill("Why listening matters")

    insert_block(page, "Video")
    page.locator("#body-1-value-title").fill("Listening in practice")
    choose_in_modal(page, "Choose video", "Listening in practice")

    insert_block(page, "Image")
    choose_in_modal(page, "Choose an image", "Bench")
    page.locator("#body-2-value-alt_text").fill("Two people talking on a bench")

    insert_block(page, "Knowledge check")
    question = "#body-3-value-questions-0-value"
    page.locator(f"{question}-question").fill("What helps someone feel heard?")
    # A new question starts with the two options it needs.
    for index, (text, correct, feedback) in enumerate(
        [("Reflecting back", True, "Yes."), ("Interrupting", False, "No.")]
    ):
        option = f"{question}-options-{index}-value"
        page.locator(f"{option}-text").fill(text)
        if correct:
            page.locator(f"{option}-correct").check()
        page.locator(f"{option}-feedback").fill(feedback)

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    assert page.locator(".messages").inner_text().strip() == "Page 'Listening well' created."


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

    # The editor writes the draft in the page editor.
    video = make_video("Listening in practice")
    make_image("Bench")
    context, page = sign_in(browser, live_server, "editor")
    try:
        compose_lesson(page, live_server, step)
    finally:
        context.close()
    lesson = LessonPage.objects.get(slug="listening-well")
    assert not lesson.live
    assert [block.block_type for block in lesson.get_latest_revision_as_object().body] == [
        "heading",
        "video",
        "image",
        "knowledge_check",
    ]

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

"""A conversation under a lesson inside the LMS frame: cross-site, every tool cookie refused.

Sam (learner) comments from the lesson page, after a refused empty comment whose error takes
focus; Priya (the course's mentor, by her LMS role) opens the discussion, likes Sam's comment
and replies, her reply labelled "Mentor".
axe finds no WCAG 2.2 A/AA violation on the lesson with its discussion or on the thread page.
"""

from __future__ import annotations

import pytest

from discussion.models import Like, Post
from tests.factories import build_programme
from tests.support.browser import ACTIVE, framed, scan_framed, wait_for_heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_comment_and_a_reply_in_the_lms_frame_without_cookies(
    cookieless_browser,
    lms,
    live_server,
):
    build_programme()
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name="Start with Why stories matter").click()
    frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()
    discussion = frame.get_by_role("region", name="Discussion")
    discussion.get_by_role("button", name="Post comment").click()

    # Nothing written: the error is at the top, with focus, and links to the field.
    frame.get_by_role("heading", level=1, name="Discussion").wait_for()
    assert framed(page).evaluate(ACTIVE).startswith("There is a problem")
    frame.get_by_role("link", name="Write something before you post.").click()
    assert framed(page).evaluate("() => document.activeElement.id") == "comment-body"
    frame.get_by_label("Your comment").fill(
        "Hearing other stories made me brave enough to share mine."
    )
    frame.get_by_role("button", name="Post comment").click()
    frame.get_by_text("Your post is published.").wait_for()
    comment = Post.objects.get()
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)

    # The course's mentor opens the same lesson and its discussion.
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as mentor (Priya Sharma)").nth(0).click()
    wait_for_heading(page, "Your story")
    frame.get_by_role("link", name="Why stories matter").first.click()
    frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()
    scan_framed(page)  # the lesson, with its discussion section
    frame.get_by_role("link", name="See the whole discussion (1 comment)").click()
    frame.get_by_role("heading", level=1, name="Discussion").wait_for()
    frame.get_by_role("button", name="Like post by Sam Taylor").click()
    frame.get_by_role("button", name="Liked post by Sam Taylor").wait_for()
    assert Like.objects.filter(post=comment).count() == 1
    frame.get_by_text("Reply to Sam Taylor").click()
    frame.get_by_label("Your reply").fill("Thank you for sharing it here, Sam.")
    frame.get_by_role("button", name="Post reply").click()
    frame.get_by_text("Your post is published.").wait_for()
    reply = Post.objects.get(parent=comment)
    assert reply.body == "Thank you for sharing it here, Sam." and reply.as_mentor
    byline = frame.locator(f"#post-{reply.pk}-by")
    assert byline.locator("strong").first.inner_text() == "Priya Sharma"
    assert byline.get_by_text("Mentor", exact=True).count() == 1
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)

"""Moderation seen from inside the LMS frame (cross-site, every tool cookie refused).

Sam (learner) comments under a lesson, then posts a phone number: that post is marked
"Waiting for a moderator" for him, with the reason. Ali (the course's tutor) opens the cohort
view and finds Sam's unanswered comment in its discussion section. A moderator, signed in to
the admin (in a browser that keeps cookies: the admin needs its session cookie), reads the
lesson's discussions on the hub, opens a held post's review page and publishes it; its author's
page then shows it published. axe finds no WCAG 2.2 A/AA violation on the thread page with the
held post, the cohort view with its discussion section, and the staff's hub view.

A reported post: Priya (mentor) reports Sam's comment from the frame, a moderator hides it
with a reason, and Sam alone reads that reason under his post.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from discussion import moderation
from discussion.models import ModerationAction, Post
from tests.browser.axe import assert_accessible
from tests.factories import build_programme
from tests.support.browser import framed, scan_framed, wait_for_heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_held_post_waits_for_its_author_and_a_moderator_publishes_it(
    cookieless_browser, lms, live_server
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
    discussion.get_by_label("Add a comment").fill("Is it normal to feel nervous about sharing?")
    discussion.get_by_role("button", name="Post comment").click()
    frame.get_by_text("Your post is published.").wait_for()
    frame.get_by_label("Your comment").fill("Anyone nearby can text me on 07700 900461.")
    frame.get_by_role("button", name="Post comment").click()
    frame.get_by_text("Your post is waiting for a moderator").wait_for()
    held = Post.objects.get(body__contains="07700")
    assert held.is_held and held.held_because == "phone"
    callout = frame.locator(f"#post-{held.pk}")
    callout.get_by_role("heading", name="Waiting for a moderator").wait_for()
    callout.get_by_text("It seems to contain a phone number.", exact=False).wait_for()
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)  # the thread, with the author's held post

    # The course's tutor: the cohort view lists Sam's unanswered comment, not the held one.
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as instructor (Ali Khan)").nth(0).click()
    wait_for_heading(page, "Your story")
    frame.get_by_role("link", name="View your cohort's progress").first.click()
    frame.get_by_role("heading", level=1, name="Cohort progress: Step One").wait_for()
    section = frame.get_by_role("region", name="Discussions")
    section.get_by_role("link", name="“Why stories matter”").wait_for()
    assert "1 comment waiting" in section.inner_text()
    assert "07700" not in section.inner_text()
    scan_framed(page)  # the cohort view, with its discussion section


def sign_in_as_moderator(browser, live_server):
    moderator = User.objects.create_user("moderator", password="pw-moderator")
    moderator.groups.add(moderation.ensure_moderators_group())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("#id_username", "moderator")
    admin.fill("#id_password", "pw-moderator")
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url("**/admin/")
    return moderator, context, admin


def test_a_moderator_reads_the_staff_view_and_publishes_a_held_post(browser, lms, live_server):
    build_programme()
    learner = browser.new_context(viewport={"width": 1280, "height": 900})
    page = learner.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name="Start with Why stories matter").click()
    discussion = frame.get_by_role("region", name="Discussion")
    discussion.get_by_label("Add a comment").fill("Write to me at sam.t@example.org, anyone.")
    discussion.get_by_role("button", name="Post comment").click()
    frame.get_by_text("Your post is waiting for a moderator").wait_for()
    held = Post.objects.get()
    assert held.is_held and held.held_because == "email"
    thread_url = framed(page).url.split("?")[0]

    moderator, context, admin = sign_in_as_moderator(browser, live_server)
    admin.goto(f"{live_server.url}/discussion/lesson/{held.thread.lesson_id}/")
    admin.get_by_role("heading", level=1, name="Discussions under this lesson").wait_for()
    admin.get_by_text("Waiting for a moderator").first.wait_for()
    assert_accessible(admin)  # the staff's hub view
    admin.get_by_role("link", name="Review and moderate the post by Sam Taylor").click()
    admin.get_by_role("heading", level=1, name="Review a post").wait_for()
    admin.get_by_role("button", name="Publish the post").click()
    admin.get_by_text("Done: the action is recorded in the audit trail.").wait_for()
    held.refresh_from_db()
    assert held.is_visible
    assert ModerationAction.objects.get(post=held).moderator == moderator
    context.close()

    # Sam's next look: the post is published, no longer waiting.
    page.goto(thread_url)  # the framed page, opened on its own (the token is the session)
    page.get_by_role("heading", level=1, name="Discussion").wait_for()
    post = page.locator(f"#post-{held.pk}")
    post.get_by_text("Write to me at").wait_for()
    assert post.get_by_role("heading", name="Waiting for a moderator").count() == 0
    learner.close()


def test_a_reported_post_is_hidden_by_a_moderator_and_its_author_sees_why(
    cookieless_browser, lms, live_server
):
    """Sam comments; Priya (the course's mentor) reports it from the frame; a moderator hides
    it with a reason through the admin's review page (posted by Django's test client: this
    browser refuses every cookie of the site, the admin's session cookie too; the browser test
    above signs a moderator in); Sam's next look shows the reason to him alone, and Priya sees
    only that a moderator hid it."""
    build_programme()
    page = cookieless_browser.new_page()
    frame = page.frame_locator("iframe")

    def open_lesson(who: str) -> None:
        page.goto(lms.base_url + "/")
        page.get_by_role("link", name=f"Open as {who}").nth(0).click()  # Step One
        wait_for_heading(page, "Your story")
        frame.get_by_role("link", name="Why stories matter").first.click()
        frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()

    open_lesson("learner (Sam Taylor)")
    discussion = frame.get_by_role("region", name="Discussion")
    discussion.get_by_label("Add a comment").fill(
        "Honestly, people who cannot cope should stay away."
    )
    discussion.get_by_role("button", name="Post comment").click()
    frame.get_by_text("Your post is published.").wait_for()
    comment = Post.objects.get()

    open_lesson("mentor (Priya Sharma)")
    frame.get_by_role("link", name="See the whole discussion (1 comment)").click()
    frame.get_by_role("heading", level=1, name="Discussion").wait_for()
    frame.get_by_role("link", name="Report post by Sam Taylor").click()
    frame.get_by_role("heading", level=1, name="Report a post").wait_for()
    scan_framed(page)  # the report form
    frame.get_by_role("button", name="Send report").click()  # no reason chosen: refused
    frame.get_by_role("heading", name="There is a problem").wait_for()
    assert comment.reports.count() == 0
    frame.get_by_label("It is unkind, hurtful or harassing").check()
    frame.get_by_label("Anything else the moderators should know (optional)").fill(
        "This could upset people who are struggling."
    )
    frame.get_by_role("button", name="Send report").click()
    frame.get_by_text("Thank you. A moderator will look at the post you reported.").wait_for()
    assert comment.reports.get().reason == "unkind"
    assert page.context.cookies(live_server.url) == []

    moderator = User.objects.create_user("moderator", password="pw-moderator")
    moderator.groups.add(moderation.ensure_moderators_group())
    staff = Client()
    staff.force_login(moderator)
    review = f"/admin/discussion/moderation/{comment.pk}/"
    assert (
        "Honestly, people who cannot cope"
        in staff.get("/admin/discussion/moderation/").content.decode()
    )
    reason = "It could hurt people who are finding things hard. Please share your own experience."
    assert staff.post(review, {"action": "hide", "reason": reason}).status_code in (200, 302)
    comment.refresh_from_db()
    assert comment.is_hidden
    action = ModerationAction.objects.get(post=comment)
    assert action.moderator == moderator and action.kind == "hide" and action.reason == reason

    # Priya, still in the frame, sees only that a moderator hid it.
    framed(page).goto(framed(page).url.split("?")[0].split("#")[0])  # the thread page again
    frame.get_by_text("This post was hidden by a moderator.").wait_for()
    assert "people who cannot cope" not in framed(page).content()

    # Sam's next look: the reason, for him alone.
    open_lesson("learner (Sam Taylor)")
    frame.get_by_role("link", name="See the whole discussion", exact=False).click()
    post = frame.locator(f"#post-{comment.pk}")
    post.get_by_role("heading", name="Hidden by a moderator").wait_for()
    post.get_by_text("It could hurt people who are finding things hard.", exact=False).wait_for()
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)  # the thread, with the author's hidden post and its reason

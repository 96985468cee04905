"""The moderation queue in the Wagtail admin: only for the Discussion moderators' permission."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from discussion import services
from discussion.models import LessonDiscussion, ModerationAction, Post
from hub.editorial import EDITORS, group_purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(course, programme) -> Post:
    ana, ben = course("Ana Lopez"), course("Ben Ade")
    thread = services.thread_for(programme.lessons["first"], ana.context_id)
    post, _ = services.create_post(ana, thread, "My neighbour lives at 12 Oak Road")
    services.report(ben, post, "private", "A phone number")
    return post


@pytest.fixture
def moderator(django_user_model):
    call_command("setup_discussion", stdout=io.StringIO())
    user = django_user_model.objects.create_user("mod", password="pw")
    user.groups.add(Group.objects.get(name="Discussion moderators"))
    return user


def test_the_group_is_described_and_editors_cannot_moderate(
    client, django_user_model, moderator, reported
):
    assert "reviews reported discussion posts" in group_purpose("Discussion moderators")
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get("/admin/discussion/moderation/").status_code in (302, 403)
    refused = client.post(
        f"/admin/discussion/moderation/{reported.pk}/", {"action": "hide", "reason": "No"}
    )
    assert refused.status_code in (302, 403)
    reported.refresh_from_db()
    assert not reported.is_hidden and not ModerationAction.objects.exists()
    assert "Moderate discussions" not in client.get("/admin/").content.decode()


def test_a_moderator_hides_a_reported_post_and_the_trail_says_who_when_why(
    client, moderator, reported
):
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Moderate discussions" in dashboard
    assert "0 post(s) ask for support</strong>; 1 other post(s) reported" in dashboard
    queue = client.get("/admin/discussion/moderation/").content.decode()
    assert "My neighbour lives at 12 Oak Road" in queue and "shares someone&#x27;s private" in queue
    review = f"/admin/discussion/moderation/{reported.pk}/"
    assert "A phone number" in client.get(review).content.decode()
    no_reason = client.post(review, {"action": "hide", "reason": " "})
    assert no_reason.status_code == 400
    done = client.post(review, {"action": "hide", "reason": "Phone numbers stay private"})
    assert done.status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden and reported.hidden_reason == "Phone numbers stay private"
    assert "No post is waiting" in client.get("/admin/discussion/moderation/").content.decode()
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.subject_id) == (
        "hide",
        moderator,
        reported.author_id,
    )
    client.post(review, {"action": "block", "reason": "Second time"})
    assert services.profile_for(reported.author).is_blocked
    trail = client.get("/admin/discussion/moderation/").content.decode()
    assert "Blocked the author" in trail and "Hid the post" in trail and "mod" in trail


def test_editors_mark_a_lessons_discussion_programme_wide(client, django_user_model, programme):
    call_command("setup_discussion", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    lesson = programme.lessons["first"]
    response = client.post(
        "/admin/snippets/discussion/lessondiscussion/add/",
        {"lesson": lesson.pk, "programme_wide": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LessonDiscussion.objects.get(lesson=lesson).programme_wide

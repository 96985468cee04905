"""The demo conversation: mentors' introductions, labelled and linked, added once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from discussion.models import Post
from lti_platform.models import Member
from lti_tool.roles import LEARNER
from tests.support.discussion import open_lesson, text

pytestmark = pytest.mark.django_db


def test_seeded_introductions_appear_in_every_course_with_a_mentor_label(client, lms, programme):
    call_command("seed_discussion", stdout=io.StringIO())
    call_command("seed_discussion", stdout=io.StringIO())  # again: nothing more
    assert Post.objects.count() == 4 + 5  # the introductions; the second lesson's exchange
    lesson = programme.lessons["first"]
    for course in ("course-1", "course-2"):
        learner = Member(user_id=f"u-{course}", name="Kim Ray", roles=[LEARNER])
        token = open_lesson(client, lms, lesson, learner, [LEARNER], context_id=course)
        page = text(client.get(f"/lti/s/{token}/discussion/{lesson.pk}/"))
        assert "Hello, and welcome to Step One." in page
        assert f'href="{programme.mentor.full_url}" target="_blank" rel="noopener">Mentor' in page
        assert "Robin (demo learner)" in page and "replying to" not in page
        assert page.index("Pinned by a mentor") < page.index("Hello, and welcome to Step One.")


def test_the_second_lessons_demo_is_premoderated_with_one_post_waiting(client, lms, programme):
    from discussion import moderation

    call_command("seed_discussion", stdout=io.StringIO())
    second = programme.lessons["second"]
    learner = Member(user_id="u-kim", name="Kim Ray", roles=[LEARNER])
    token = open_lesson(client, lms, second, learner, [LEARNER])
    page = text(client.get(f"/lti/s/{token}/discussion/{second.pk}/"))
    assert "Does everyone find the middle hardest?" in page
    assert "A moderator reads every post in this discussion" in page
    assert "07700" not in page  # the held post waits for a moderator
    waiting = [post for post in moderation.queue() if post.is_held]
    assert [post.held_because for post in waiting] == ["phone"]
    assert Post.objects.filter(body__contains="patient participation group").exists()
    mentor_page = text(client.get(programme.mentor.url))
    assert "Nearly everyone does, Robin." in mentor_page and "Replying to Robin" in mentor_page

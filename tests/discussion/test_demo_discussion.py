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
    assert Post.objects.count() == 4
    lesson = programme.lessons["first"]
    for course in ("course-1", "course-2"):
        learner = Member(user_id=f"u-{course}", name="Kim Ray", roles=[LEARNER])
        token = open_lesson(client, lms, lesson, learner, [LEARNER], context_id=course)
        page = text(client.get(f"/lti/s/{token}/discussion/{lesson.pk}/"))
        assert "Hello, and welcome to Step One." in page
        assert f'href="{programme.mentor.full_url}" target="_blank" rel="noopener">Mentor' in page
        assert "Robin (demo learner)" in page and "replying to" not in page

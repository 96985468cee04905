"""Pins and reviews arriving together: mentors pinning past the bound at the same moment,
moderators approving (or refusing) the same held post at the same moment.

Each request runs in its own thread with its own database connection, on the suite's
database (SQLite in WAL and IMMEDIATE mode, or PostgreSQL). The outcome is recorded exactly
once: never more than the bound of pins, one review and one audit entry per post.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from discussion import moderation, services
from discussion.models import LessonDiscussion, ModerationAction, Post, Thread
from discussion.services import Actor, DiscussionError
from hub.models import Learner
from tests.factories import Programme
from tests.support.live import at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOGETHER = 8


def _in_own_connection(action: Callable[[], Any]) -> str:
    """Run ``action`` as one request would: "ok", or the refusal's words."""
    try:
        action()
        return "ok"
    except DiscussionError as refused:
        return str(refused)
    finally:
        connection.close()


def _thread(programme: Programme) -> Thread:
    return Thread.objects.create(lesson=programme.lessons["first"], context=None)


def _person(name: str, mentor: bool = False) -> Actor:
    return Actor(
        learner=Learner.objects.create(display_name=name), context_id=None, is_mentor=mentor
    )


def test_mentors_pinning_at_once_never_pass_the_bound(programme):
    thread = _thread(programme)
    author = _person("Ana")
    posts = [services.create_post(author, thread, f"Comment {i}")[0] for i in range(TOGETHER)]
    mentors = [_person(f"Mentor {i}", mentor=True) for i in range(TOGETHER)]

    answers = at_once(
        TOGETHER,
        lambda i: _in_own_connection(lambda: services.pin(mentors[i], posts[i])),
    )

    assert answers.count("ok") == services.MAX_PINNED, answers
    refusals = [answer for answer in answers if answer != "ok"]
    assert all("at most 3 pinned posts" in answer for answer in refusals), refusals
    assert Post.objects.filter(thread=thread, pinned_at__isnull=False).count() == 3


def test_one_post_pinned_by_many_at_once_is_pinned_once(programme):
    thread = _thread(programme)
    post, _ = services.create_post(_person("Ana"), thread, "Pin me")
    mentors = [_person(f"Mentor {i}", mentor=True) for i in range(TOGETHER)]

    answers = at_once(
        TOGETHER, lambda i: _in_own_connection(lambda: services.pin(mentors[i], post))
    )

    assert answers.count("ok") == 1, answers
    assert set(answers) - {"ok"} == {"This post is already pinned."}


def test_moderators_reviewing_one_held_post_at_once_review_it_once(programme, django_user_model):
    LessonDiscussion.objects.create(lesson=programme.lessons["first"], premoderated=True)
    thread = _thread(programme)
    post, _ = services.create_post(_person("Ana"), thread, "Waiting for a moderator")
    assert post.is_held
    group = moderation.ensure_moderators_group()
    moderators = []
    for i in range(TOGETHER):
        user = django_user_model.objects.create_user(f"mod-{i}", password="pw")
        user.groups.add(group)
        moderators.append(user)

    def review(i: int) -> str:
        if i % 2:
            return _in_own_connection(lambda: moderation.reject(post, moderators[i], "No"))
        return _in_own_connection(lambda: moderation.approve(post, moderators[i]))

    answers = at_once(TOGETHER, review)

    assert answers.count("ok") == 1, answers
    assert ModerationAction.objects.filter(post=post).count() == 1
    post.refresh_from_db()
    action = ModerationAction.objects.get(post=post)
    if action.kind == "approve":
        assert post.is_visible
    else:
        assert action.kind == "reject" and post.is_rejected

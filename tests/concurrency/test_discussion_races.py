"""Discussion writes arriving together: a like pressed many times, a form sent many times,
many learners posting at once. Each is answered, and each outcome is recorded exactly once.

Through the live server and the real launch, on the suite's database (SQLite or PostgreSQL).
"""

from __future__ import annotations

import pytest
import requests

from discussion.models import Like, Post, Profile, Thread
from lti_tool.models import LtiUser
from lti_tool.roles import LEARNER
from tests.factories import Programme
from tests.support.live import TIMEOUT, LiveLms, at_once, framed_token, launch_over_http

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOGETHER = 12


def _launch(live_lms: LiveLms, programme: Programme, user: str) -> str:
    launched = launch_over_http(
        live_lms,
        user=user,
        roles=[LEARNER],
        custom={"plh_page": str(programme.steps[0].pk)},
        resource_link_id="step-one-link",
    )
    return framed_token(launched)


def _thread_url(live_lms: LiveLms, token: str, programme: Programme) -> str:
    return f"{live_lms.tool}/lti/s/{token}/discussion/{programme.lessons['first'].pk}/"


def _post(url: str, data: dict[str, str]) -> requests.Response:
    return requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)


def test_a_like_pressed_many_times_at_once_is_one_like(live_lms, programme):
    author = _launch(live_lms, programme, "author")
    assert _post(_thread_url(live_lms, author, programme), {"body": "Like this"}).status_code == 302
    post = Post.objects.get()
    fan = _launch(live_lms, programme, "fan")
    like_url = f"{live_lms.tool}/lti/s/{fan}/discussion/post/{post.pk}/like/"

    answers = at_once(TOGETHER, lambda _: _post(like_url, {}))

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    fan_learner = LtiUser.objects.get(sub="fan").learner
    assert Like.objects.filter(post=post, learner=fan_learner).count() == 1
    assert Like.objects.count() == 1


def test_one_comment_form_sent_many_times_at_once_is_one_post(live_lms, programme):
    token = _launch(live_lms, programme, "double-clicker")
    url = _thread_url(live_lms, token, programme)
    form = {"body": "Sent once, arrived many times", "key": "form-key-1"}

    answers = at_once(TOGETHER, lambda _: _post(url, form))

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    post = Post.objects.get()
    assert {r.headers["Location"].split("?")[0] for r in answers} == {
        f"/lti/s/{token}/discussion/post/{post.pk}/"
    }
    assert Thread.objects.count() == 1 and Profile.objects.count() == 1


def test_learners_commenting_at_once_lose_nothing_and_share_one_thread(live_lms, programme):
    people = 6
    tokens = [_launch(live_lms, programme, f"learner-{i}") for i in range(people)]

    answers = at_once(
        people,
        lambda i: _post(
            _thread_url(live_lms, tokens[i], programme), {"body": f"Comment {i}", "key": f"k{i}"}
        ),
    )

    assert [r.status_code for r in answers] == [302] * people, [r.text[:300] for r in answers]
    assert Thread.objects.count() == 1
    assert sorted(Post.objects.values_list("body", flat=True)) == [
        f"Comment {i}" for i in range(people)
    ]

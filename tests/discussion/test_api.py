"""The discussion API: the framed session's token as a bearer credential, the same rules and
permissions as the pages, no identifiers in any answer, every refusal documented.
"""

from __future__ import annotations

import json

import pytest

from discussion.models import LessonDiscussion, Like, Post, Profile, Report
from lti_tool.roles import LEARNER, MENTOR
from tests.support.discussion import member, open_lesson

pytestmark = pytest.mark.django_db

SECRETS = ("sub-a81", "sub-b22", "sub-m1", "@example.edu", "lti_user", "email")


@pytest.fixture
def lesson(programme):
    return programme.lessons["first"]


def launch_as(client, lms, lesson, user_id, name, roles=(LEARNER,), course="course-1") -> str:
    return open_lesson(client, lms, lesson, member(user_id, name, list(roles)), list(roles), course)


def api(client, method: str, url: str, token: str | None = None, **data):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    call = getattr(client, method)
    if method == "get":
        return call(url, data, **headers)
    return call(url, json.dumps(data), content_type="application/json", **headers)


def posts_url(lesson) -> str:
    return f"/api/discussion/lessons/{lesson.pk}/posts/"


def no_secrets(answer) -> None:
    body = answer.content.decode()
    for secret in SECRETS:
        assert secret not in body, secret


def test_without_a_token_or_with_an_ended_session_the_answer_is_401(client, lesson):
    for token in (None, "not-a-session", ""):
        answer = api(client, "get", posts_url(lesson), token)
        assert answer.status_code == 401, token
        assert answer["WWW-Authenticate"].startswith("Bearer")
    refused = api(client, "post", posts_url(lesson), "not-a-session", body="Hello")
    assert refused.status_code == 401 and "launch session has ended" in refused.json()["detail"]
    assert not Post.objects.exists()


def test_a_learner_posts_reads_likes_and_reports_with_display_names_only(client, lms, lesson):
    ana = launch_as(client, lms, lesson, "sub-a81", "Ana Lopez")
    made = api(client, "post", posts_url(lesson), ana, body="Stories matter to me", key="k1")
    assert made.status_code == 201, made.content
    assert made.json()["state"] == "published" and made.json()["author"]["name"] == "Ana Lopez"
    again = api(client, "post", posts_url(lesson), ana, body="Stories matter to me", key="k1")
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    post_id = made.json()["id"]

    ben = launch_as(client, lms, lesson, "sub-b22", "Ben Ade")
    reply = api(client, "post", posts_url(lesson), ben, body="Same for me", reply_to=post_id)
    assert reply.status_code == 201
    liked = api(client, "post", f"/api/discussion/posts/{post_id}/like/", ben)
    assert liked.status_code == 200 and liked.json() == {"liked": True, "like_count": 1}
    api(client, "post", f"/api/discussion/posts/{post_id}/like/", ben)
    assert Like.objects.count() == 1
    reported = api(client, "post", f"/api/discussion/posts/{post_id}/report/", ben, reason="unkind")
    assert reported.status_code == 201
    twice = api(client, "post", f"/api/discussion/posts/{post_id}/report/", ben, reason="spam")
    assert twice.status_code == 200 and Report.objects.count() == 1

    thread = api(client, "get", posts_url(lesson), ben)
    assert thread.status_code == 200
    data = thread.json()
    assert data["count"] == 1 and data["programme_wide"] is False
    [comment] = data["posts"]
    assert comment["body"] == "Stories matter to me" and comment["liked"] is True
    assert comment["replies"][0]["author"]["name"] == "Ben Ade"
    assert comment["replies"][0]["mine"] is True
    no_secrets(thread)

    unliked = api(client, "delete", f"/api/discussion/posts/{post_id}/like/", ben)
    assert unliked.json() == {"liked": False, "like_count": 0}


def test_a_mentor_is_labelled(client, lms, lesson):
    mia = launch_as(client, lms, lesson, "sub-m1", "Mia Chen", (MENTOR,))
    made = api(client, "post", posts_url(lesson), mia, body="Welcome, everyone")
    assert made.json()["author"]["mentor"] is True
    no_secrets(made)


def test_refusals_come_with_a_reason_and_nothing_is_made(client, lms, lesson):
    ana = launch_as(client, lms, lesson, "sub-a81", "Ana Lopez")
    empty = api(client, "post", posts_url(lesson), ana, body="   ")
    assert empty.status_code == 400 and empty.json()["detail"] == "Write something before you post."
    too_long = api(client, "post", posts_url(lesson), ana, body="x" * 5001)
    assert too_long.status_code == 400 and "5000 characters or fewer" in too_long.json()["detail"]
    missing = api(client, "post", posts_url(lesson), ana)
    assert missing.status_code == 400 and missing.json()["detail"].startswith("body:")
    assert not Post.objects.exists()

    made = api(client, "post", posts_url(lesson), ana, body="Mine").json()
    own_like = api(client, "post", f"/api/discussion/posts/{made['id']}/like/", ana)
    assert own_like.status_code == 400 and "your own post" in own_like.json()["detail"]
    bad_reason = api(
        client, "post", f"/api/discussion/posts/{made['id']}/report/", ana, reason="boring"
    )
    assert bad_reason.status_code == 400 and not Report.objects.exists()
    assert not Like.objects.exists()


def test_another_courses_thread_and_posts_are_not_found(client, lms, lesson, programme):
    ana = launch_as(client, lms, lesson, "sub-a81", "Ana Lopez", course="course-1")
    post_id = api(client, "post", posts_url(lesson), ana, body="Course one only").json()["id"]
    stranger = launch_as(client, lms, lesson, "sub-b22", "Ben Ade", course="course-2")

    assert api(client, "get", posts_url(lesson), stranger).json()["posts"] == []
    for method, path, data in (
        ("post", f"/api/discussion/posts/{post_id}/like/", {}),
        ("delete", f"/api/discussion/posts/{post_id}/like/", {}),
        ("post", f"/api/discussion/posts/{post_id}/report/", {"reason": "spam"}),
        ("post", posts_url(lesson), {"body": "A reply", "reply_to": post_id}),
    ):
        answer = api(client, method, path, stranger, **data)
        assert answer.status_code == 404, (method, path)
        assert "detail" in answer.json()
    other_step = programme.lessons["third"]  # not in the session's course link
    assert api(client, "get", posts_url(other_step), ana).status_code == 404
    assert Post.objects.count() == 1 and not Like.objects.exists()


def test_a_locked_step_and_a_blocked_author_are_forbidden(client, lms, programme, lesson):
    locked = programme.lessons["third"]  # Step Two, for graduates of Step One
    ana = launch_as(client, lms, locked, "sub-a81", "Ana Lopez")
    refused = api(client, "get", posts_url(locked), ana)
    assert refused.status_code == 403 and "not open to you yet" in refused.json()["detail"]
    assert api(client, "post", posts_url(locked), ana, body="Let me in").status_code == 403

    ben = launch_as(client, lms, lesson, "sub-b22", "Ben Ade")
    api(client, "post", posts_url(lesson), ben, body="Before the block")
    Profile.objects.filter(learner__display_name="Ben Ade").update(
        blocked_at="2026-01-01T00:00:00Z"
    )
    blocked = api(client, "post", posts_url(lesson), ben, body="After the block")
    assert blocked.status_code == 403 and "stopped you from posting" in blocked.json()["detail"]
    assert not Post.objects.filter(body="After the block").exists()


def test_a_held_post_is_waiting_for_its_author_and_absent_for_everyone_else(client, lms, lesson):
    LessonDiscussion.objects.create(lesson=lesson, premoderated=True)
    ana = launch_as(client, lms, lesson, "sub-a81", "Ana Lopez")
    made = api(client, "post", posts_url(lesson), ana, body="Please read me first")
    assert made.status_code == 201
    assert made.json()["state"] == "waiting"
    assert "A moderator reads every post" in made.json()["waiting_because"]
    mine = api(client, "get", posts_url(lesson), ana).json()
    assert mine["premoderated"] is True and mine["posts"][0]["state"] == "waiting"

    ben = launch_as(client, lms, lesson, "sub-b22", "Ben Ade")
    theirs = api(client, "get", posts_url(lesson), ben).json()
    assert theirs["posts"] == [] and theirs["count"] == 0
    post_id = made.json()["id"]
    assert api(client, "post", f"/api/discussion/posts/{post_id}/like/", ben).status_code == 404
    reply = api(client, "post", posts_url(lesson), ben, body="Hi", reply_to=post_id)
    assert reply.status_code == 404 and Post.objects.count() == 1


def test_the_schema_documents_each_operation_and_its_refusals(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = {
        ("/api/discussion/lessons/{lesson_id}/posts/", "get"),
        ("/api/discussion/lessons/{lesson_id}/posts/", "post"),
        ("/api/discussion/posts/{post_id}/like/", "post"),
        ("/api/discussion/posts/{post_id}/like/", "delete"),
        ("/api/discussion/posts/{post_id}/report/", "post"),
    }
    for path, method in operations:
        responses = schema["paths"][path][method]["responses"]
        assert {"400", "401", "403", "404"} <= set(responses), (path, method)
        assert schema["paths"][path][method]["security"] == [{"launchSession": []}]
    scheme = schema["components"]["securitySchemes"]["launchSession"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}

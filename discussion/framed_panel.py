"""The discussion's section under a framed lesson (registered with ``lti_tool.framed``)."""

from __future__ import annotations

import secrets

from django.template.loader import render_to_string
from django.urls import reverse

from discussion import presenting, services
from discussion.access import actor_for, may_discuss
from discussion.models import Post
from lti_tool.framed import FramedLesson, FramedRequest
from lti_tool.models import LaunchSession

LATEST = 3


def lesson_panel(request: FramedRequest, session: LaunchSession, framed: FramedLesson) -> str:
    """News since the last visit, the latest comments and a form to add one.

    Nothing is written to show it: the thread is created by its first post. What the lesson's
    view knows already (the step's access, its lessons) is not looked up again.
    """
    lesson = framed.lesson
    if not may_discuss(request, session, lesson, framed.open_to_learner):
        return ""
    actor = actor_for(request, session)
    setting = services.lesson_setting(lesson)
    programme_wide = setting.programme_wide
    thread = services.existing_thread(lesson, session.context_id, programme_wide)
    latest: list[Post] = []
    count = 0
    if thread is not None:
        viewer = actor.learner
        latest = list(services.top_level_posts(thread, "newest", viewer)[:LATEST])
        count = thread.posts.filter(services.shown_to(viewer), parent__isnull=True).count()
    liked: set[int] = set()
    news = services.news_for(actor, set(framed.step_lesson_ids))
    html = render_to_string(
        "discussion/lesson_panel.html",
        {
            "token": session.token,
            "lesson": lesson,
            "programme_wide": programme_wide,
            "premoderated": setting.premoderated,
            "latest": [presenting.show(actor, post, liked) for post in latest],
            "count": count,
            "news": news,
            "key": secrets.token_urlsafe(16),
            "thread_url": reverse(
                "discussion:thread", kwargs={"token": session.token, "lesson_id": lesson.pk}
            ),
            "body_max": services.BODY_MAX_LENGTH,
            "signposting": presenting.signposting(request),
        },
        request=request,
    )
    if news.replies:
        services.mark_replies_seen(actor)
    return html

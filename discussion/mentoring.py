"""Mentors' tools around the discussion: what waits for an answer in a course (the cohort
view's section), and a mentor's activity (on their mentor page).

Both are shown by other apps through their hooks, registered in ``DiscussionConfig.ready()``:
``lti_tool.framed.register_cohort_panel`` and ``hub.models.pages.extend_context``. Only
display names leave here, never an email address or an LMS identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from discussion import presenting
from discussion.access import lessons_in_session
from discussion.models import Post
from hub.models import LessonPage, MentorPage
from lti_tool.framed import FramedRequest
from lti_tool.models import LaunchSession

#: Published for everyone: not deleted, hidden or waiting for a moderator.
PUBLIC = Q(deleted_at__isnull=True, hidden_at__isnull=True, held_at__isnull=True)
SUPPORT_SHOWN = 20
RECENT_REPLIES = 5
ACTIVE_LESSONS = 12


def _by_mentor() -> Q:
    """Written as a mentor: in a Mentor launch, or by someone linked to a mentor page."""
    return Q(as_mentor=True) | Q(author__discussion_profile__mentor_page__isnull=False)


def unanswered_posts(context_id: int) -> QuerySet[Post]:
    """A course's published learner comments with no published reply from anyone else."""
    answers = Post.objects.filter(PUBLIC, root=OuterRef("pk")).exclude(author=OuterRef("author"))
    return (
        Post.objects.filter(PUBLIC, thread__context_id=context_id, parent__isnull=True)
        .exclude(_by_mentor())
        .filter(~Exists(answers))
    )


@dataclass(frozen=True)
class WaitingThread:
    """A course thread with learner comments waiting for an answer."""

    lesson_title: str
    count: int
    oldest: datetime
    url: str  # the thread in the frame ("" when this course link cannot open the lesson)


def waiting_threads(session: LaunchSession) -> list[WaitingThread]:
    """The course's threads with unanswered learner comments, the oldest waiting first."""
    if session.context_id is None:
        return []
    openable = lessons_in_session(session)
    rows = (
        unanswered_posts(session.context_id)
        .values("thread_id", "thread__lesson_id", "thread__lesson__title")
        .annotate(count=Count("id"), oldest=Min("created_at"))
        .order_by("oldest", "thread_id")
    )
    return [
        WaitingThread(
            lesson_title=row["thread__lesson__title"],
            count=row["count"],
            oldest=row["oldest"],
            url=reverse(
                "discussion:thread",
                kwargs={"token": session.token, "lesson_id": row["thread__lesson_id"]},
            )
            if row["thread__lesson_id"] in openable
            else "",
        )
        for row in rows
    ]


def support_requests(context_id: int) -> QuerySet[Post]:
    """The course's published posts whose authors asked for support, the oldest first."""
    return (
        Post.objects.filter(PUBLIC, thread__context_id=context_id, needs_support=True)
        .select_related("thread__lesson", "author__discussion_profile")
        .order_by("created_at", "id")
    )


def cohort_panel(request: FramedRequest, session: LaunchSession) -> str:
    """The cohort view's discussion section: unanswered learner comments, support requests.

    The cohort view shows it to the course's tutors and mentors only (it checks first)."""
    if session.context_id is None:
        return ""
    openable = lessons_in_session(session)
    support = [
        {
            "name": presenting.author_name(post),
            "lesson": post.thread.lesson.title,
            "post": post,
            "url": reverse("discussion:post", kwargs={"token": session.token, "post_id": post.pk})
            if post.thread.lesson_id in openable
            else "",
        }
        for post in support_requests(session.context_id)[:SUPPORT_SHOWN]
    ]
    return render_to_string(
        "discussion/cohort_panel.html",
        {"waiting": waiting_threads(session), "support": support},
        request=request,
    )


# --- The mentor page ---------------------------------------------------------------------------
def mentor_posts(page: MentorPage) -> QuerySet[Post]:
    """Published posts by the people an administrator linked to this mentor page."""
    return Post.objects.filter(PUBLIC, author__discussion_profile__mentor_page=page)


def add_mentor_activity(
    page: MentorPage, request: HttpRequest, context: dict[str, Any], options: dict[str, Any]
) -> None:
    """The lessons where the mentor takes part, and their latest published replies.

    Registered for ``MentorPage`` with ``hub.models.pages.extend_context``: the page is on
    the public site, so only replies in programme-wide discussions (which every course
    reads) are quoted; course discussions stay in their course, and only their lesson is
    named.
    """
    if page.pk is None:  # a new mentor being previewed has written nothing
        return
    posts = mentor_posts(page)
    lesson_ids = list(
        posts.values("thread__lesson_id")
        .annotate(latest=Max("created_at"))
        .order_by("-latest")
        .values_list("thread__lesson_id", flat=True)[:ACTIVE_LESSONS]
    )
    lessons = LessonPage.objects.live().public().filter(pk__in=lesson_ids).order_by("path")
    replies = list(
        posts.filter(parent__isnull=False, thread__context__isnull=True, thread__lesson__live=True)
        .select_related("thread__lesson", "parent__author__discussion_profile")
        .order_by("-created_at", "-id")[:RECENT_REPLIES]
    )
    if not lesson_ids and not replies:
        return
    shown_replies = [
        {
            "post": reply,
            "lesson": reply.thread.lesson,
            "replying_to": presenting.author_name(reply.parent) if reply.parent else "",
        }
        for reply in replies
    ]
    context.setdefault("extra_sections", []).append(
        {
            "template": "discussion/mentor_activity.html",
            "mentor_name": page.title,
            "lessons": list(lessons),
            "replies": shown_replies,
        }
    )

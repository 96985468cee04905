"""A lesson's discussions on the hub, outside the LMS frame, for staff signed in to the admin.

Moderators and editors (anyone with Wagtail admin access) read every course's conversation
under a lesson, grouped by course. Reading only: moderators act through the moderation
queue's review page, which each post links to. Others are sent to the admin sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.admin.auth import require_admin_access

from discussion import moderation, presenting
from discussion.models import Post, Thread
from hub.models import LessonPage


@dataclass
class StaffPost:
    """A post as staff see it: every state shown, with its review link for moderators."""

    post: Post
    name: str
    mentor: bool
    replying_to: str = ""
    replies: list[StaffPost] = field(default_factory=list)


@dataclass
class CourseThread:
    thread: Thread
    heading: str
    posts: list[StaffPost]


def _heading(thread: Thread) -> str:
    if thread.context is None:
        return "Everyone on the programme (programme-wide)"
    context = thread.context
    return context.title or context.label or f"Course {context.pk}"


def lesson_threads(lesson: LessonPage) -> list[CourseThread]:
    """Every thread under the lesson (programme-wide first, then by course), with all posts."""
    threads = list(
        Thread.objects.filter(lesson=lesson)
        .select_related("context")
        .order_by(F("context").asc(nulls_first=True), "pk")
    )
    posts = list(
        Post.objects.filter(thread__in=threads)
        .select_related("author__discussion_profile__mentor_page", "parent__author")
        .annotate(like_count=Count("likes"))
        .order_by(F("pinned_at").asc(nulls_last=True), "created_at", "id")
    )
    shown: dict[int, StaffPost] = {}
    roots: dict[int, list[StaffPost]] = {thread.pk: [] for thread in threads}
    for post in posts:
        profile = presenting.profile_of(post)
        item = StaffPost(
            post=post,
            name=presenting.author_name(post),
            mentor=post.as_mentor or bool(profile and profile.mentor_page_id),
            replying_to=presenting.author_name(post.parent)
            if post.parent is not None and post.parent_id != post.root_id
            else "",
        )
        shown[post.pk] = item
    for post in posts:
        if post.root_id is None:
            roots[post.thread_id].append(shown[post.pk])
        elif post.root_id in shown:
            shown[post.root_id].replies.append(shown[post.pk])
    for items in roots.values():
        for item in items:
            item.replies.sort(key=lambda reply: (reply.post.created_at, reply.post.pk))
    return [CourseThread(thread, _heading(thread), roots[thread.pk]) for thread in threads]


@require_admin_access
def lesson_discussion(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """The lesson's conversations, all courses, for signed-in staff."""
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    return TemplateResponse(
        request,
        "discussion/staff_lesson.html",
        {
            "page": lesson,
            "lesson": lesson,
            "threads": lesson_threads(lesson),
            "moderator": moderation.is_moderator(request.user),
        },
    )

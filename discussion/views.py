"""Framed discussion pages: thin views over :mod:`discussion.services`.

They run inside the LMS frame under the launch session's token (``lti_tool.framed.framed``):
no cookie, no CSRF cookie (the token is the credential; cross-origin posts are refused).
Every form works without JavaScript; a refused form comes back with its text and the reason.
"""

from __future__ import annotations

import secrets
from functools import wraps
from typing import Any

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from discussion import presenting, services
from discussion.access import actor_for, lesson_in_session, lessons_in_session, may_discuss
from discussion.models import Post, Report, Thread
from discussion.services import Actor, DiscussionError, NotFound
from lti_tool.framed import FramedRequest, framed
from lti_tool.models import LaunchSession

NOTICES = {
    "posted": "Your post is published.",
    "support": "Your post is published, and the moderators have been told that you need "
    "support. They will contact you through your course.",
    "edited": "Your post has been changed.",
    "deleted": "Your post has been deleted.",
    "reported": "Thank you. A moderator will look at the post you reported.",
    "followed": "You are following this discussion: new posts are shown when you come back.",
    "unfollowed": "You are no longer following this discussion.",
    "named": "Your name in discussions has been changed.",
    "held": "Your post is waiting for a moderator: nobody else can see it until a moderator "
    "publishes it. It is marked “waiting for a moderator” below, with the reason.",
    "held-support": "Your post is waiting for a moderator, and the moderators have been told "
    "that you need support. They will contact you through your course.",
    "pinned": "The post is pinned: it is shown first in this discussion.",
    "unpinned": "The post is no longer pinned.",
}


def thread_url(token: str, lesson_id: int, **query: Any) -> str:
    url = reverse("discussion:thread", kwargs={"token": token, "lesson_id": lesson_id})
    params = "&".join(f"{key}={value}" for key, value in query.items() if value)
    return f"{url}?{params}" if params else url


def permalink(token: str, post: Post, notice: str = "") -> str:
    url = reverse("discussion:post", kwargs={"token": token, "post_id": post.pk})
    return f"{url}?notice={notice}" if notice else url


LOCKED = "This lesson's step is not open to you yet, so neither is its discussion."


class Locked(Exception):
    """The lesson's step is locked for this learner (see :func:`access.may_discuss`)."""


def _lesson_for(request: FramedRequest, session: LaunchSession, lesson_id: int) -> Any:
    lesson = lesson_in_session(session, lesson_id)
    if not may_discuss(request, session, lesson):
        raise Locked
    return lesson


def _post_for(request: FramedRequest, actor: Actor, session: LaunchSession, post_id: int) -> Post:
    """The post, if it is in a thread of the session's course link; else 404."""
    try:
        post = services.post_in_reach(actor, post_id)
    except NotFound as error:
        raise Http404(str(error)) from error
    _lesson_for(request, session, post.thread.lesson_id)
    return post


def refuse_locked(view: Any) -> Any:
    """Answer 403 with the reason when the lesson's step is locked for the learner."""

    @wraps(view)
    def wrapper(request: FramedRequest, session: LaunchSession, *args: Any, **kwargs: Any) -> Any:
        try:
            return view(request, session, *args, **kwargs)
        except Locked:
            return render(
                request,
                "lti_tool/refused.html",
                {"message": LOCKED, "session": session},
                status=403,
            )

    return wrapper


def _thread_response(
    request: FramedRequest,
    session: LaunchSession,
    actor: Actor,
    thread: Thread,
    *,
    error: str = "",
    error_field: str = "",
    kept: str = "",
    reply_open: int | None = None,
    status: int = 200,
) -> HttpResponse:
    order = request.GET.get("order", "oldest")
    order = order if order in services.ORDERS else "oldest"
    can_pin = services.may_pin(actor)
    page, shown = presenting.thread_page(
        actor, thread, order, request.GET.get("page", 1), can_pin=can_pin
    )
    lesson = thread.lesson
    news = services.news_for(actor, lessons_in_session(session))
    services.mark_thread_seen(actor, thread)
    context = {
        "session": session,
        "token": session.token,
        "page": lesson,
        "lesson": lesson,
        "thread": thread,
        "posts": shown,
        "paged": page,
        "order": order,
        "other_order": "newest" if order == "oldest" else "oldest",
        "following": thread.follows.filter(learner=actor.learner).exists(),
        "profile": services.profile_for(actor.learner),
        "news": news,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "error": error,
        "error_field": error_field,
        "kept": kept,
        "reply_open": reply_open,
        "key": secrets.token_urlsafe(16),
        "lesson_url": reverse("lti:page", kwargs={"token": session.token, "page_id": lesson.pk}),
        "thread_url": thread_url(session.token, lesson.pk),
        "body_max": services.BODY_MAX_LENGTH,
        "signposting": presenting.signposting(request),
        "support_kept": request.POST.get("needs_support") == "1",
        "premoderated": services.is_premoderated(lesson.pk),
        "max_pinned": services.MAX_PINNED,
    }
    response = render(request, "discussion/thread.html", context, status=status)
    if news.replies:
        services.mark_replies_seen(actor)
    return response


@framed
@refuse_locked
def thread(request: FramedRequest, session: LaunchSession, lesson_id: int) -> HttpResponse:
    """The lesson's whole discussion, paged; posting a comment or a reply comes here."""
    actor = actor_for(request, session)
    lesson = _lesson_for(request, session, lesson_id)
    conversation = services.thread_for(lesson, session.context_id)
    if request.method != "POST":
        return _thread_response(request, session, actor, conversation)
    parent = None
    body = request.POST.get("body", "")
    if request.POST.get("parent"):
        if not request.POST["parent"].isdigit():
            raise Http404("No such post.")
        parent = _post_for(request, actor, session, int(request.POST["parent"]))
    try:
        post, _ = services.create_post(
            actor,
            conversation,
            body,
            parent=parent,
            submission_key=request.POST.get("key", ""),
            needs_support=request.POST.get("needs_support") == "1",
        )
    except NotFound as error:
        raise Http404(str(error)) from error
    except DiscussionError as error:
        return _thread_response(
            request,
            session,
            actor,
            conversation,
            error=str(error),
            error_field=f"reply-{parent.pk}" if parent else "comment-body",
            kept=body,
            reply_open=parent.pk if parent else None,
            status=400,
        )
    if post.is_held:
        notice = "held-support" if post.needs_support else "held"
    else:
        notice = "support" if post.needs_support else "posted"
    return HttpResponseRedirect(permalink(session.token, post, notice))


@framed
@refuse_locked
def post(request: FramedRequest, session: LaunchSession, post_id: int) -> HttpResponse:
    """A post's permalink inside the frame: the page of its thread that shows it."""
    actor = actor_for(request, session)
    target = _post_for(request, actor, session, post_id)
    order = request.GET.get("order", "oldest")
    order = order if order in services.ORDERS else "oldest"
    number = services.page_of(target, order, actor.learner)
    url = thread_url(
        session.token,
        target.thread.lesson_id,
        order=order if order != "oldest" else "",
        page=number if number > 1 else "",
        notice=request.GET.get("notice", "") if request.GET.get("notice") in NOTICES else "",
    )
    return HttpResponseRedirect(f"{url}#post-{target.pk}")


def _problem(
    request: FramedRequest, session: LaunchSession, target: Post, message: str, status: int = 400
) -> HttpResponse:
    return render(
        request,
        "discussion/problem.html",
        {"message": message, "back_url": permalink(session.token, target), "session": session},
        status=status,
    )


@framed
@refuse_locked
def like(request: FramedRequest, session: LaunchSession, post_id: int) -> HttpResponse:
    """Like a post, or take the like back (``action=unlike``)."""
    actor = actor_for(request, session)
    target = _post_for(request, actor, session, post_id)
    if request.method != "POST":
        return HttpResponseRedirect(permalink(session.token, target))
    try:
        if request.POST.get("action") == "unlike":
            services.unlike(actor, target)
        else:
            services.like(actor, target)
    except DiscussionError as error:
        return _problem(request, session, target, str(error))
    return HttpResponseRedirect(permalink(session.token, target))


@framed
@refuse_locked
def pin(request: FramedRequest, session: LaunchSession, post_id: int) -> HttpResponse:
    """A mentor pins a comment to the top of the thread, or unpins it (``action=unpin``)."""
    actor = actor_for(request, session)
    target = _post_for(request, actor, session, post_id)
    if request.method != "POST":
        return HttpResponseRedirect(permalink(session.token, target))
    if not services.may_pin(actor):
        return _problem(request, session, target, "Only mentors can pin posts.", status=403)
    try:
        if request.POST.get("action") == "unpin":
            services.unpin(actor, target)
            notice = "unpinned"
        else:
            services.pin(actor, target)
            notice = "pinned"
    except NotFound as error:
        raise Http404(str(error)) from error
    except DiscussionError as error:
        return _problem(request, session, target, str(error))
    return HttpResponseRedirect(permalink(session.token, target, notice))


@framed
@refuse_locked
def edit(request: FramedRequest, session: LaunchSession, post_id: int) -> HttpResponse:
    """The author changes or deletes their post (within 30 minutes of posting)."""
    actor = actor_for(request, session)
    target = _post_for(request, actor, session, post_id)
    body, error, status = target.body, "", 200
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            if request.POST.get("action") == "delete":
                services.delete_post(actor, target)
                return HttpResponseRedirect(permalink(session.token, target, "deleted"))
            services.edit_post(actor, target, body)
            return HttpResponseRedirect(permalink(session.token, target, "edited"))
        except DiscussionError as error_raised:
            error, status = str(error_raised), 400
    elif target.author_id != actor.learner.pk:
        return _problem(request, session, target, "You can only edit your own posts.")
    return render(
        request,
        "discussion/edit.html",
        {
            "session": session,
            "target": target,
            "body": body,
            "error": error,
            "back_url": permalink(session.token, target),
            "body_max": services.BODY_MAX_LENGTH,
        },
        status=status,
    )


@framed
@refuse_locked
def report(request: FramedRequest, session: LaunchSession, post_id: int) -> HttpResponse:
    """Tell the moderators about a post, with a reason."""
    actor = actor_for(request, session)
    target = _post_for(request, actor, session, post_id)
    error, status = "", 200
    reason, details = request.POST.get("reason", ""), request.POST.get("details", "")
    if request.method == "POST":
        try:
            services.report(actor, target, reason, details)
            return HttpResponseRedirect(permalink(session.token, target, "reported"))
        except DiscussionError as error_raised:
            error, status = str(error_raised), 400
    return render(
        request,
        "discussion/report.html",
        {
            "session": session,
            "target": target,
            "name": presenting.author_name(target),
            "reasons": Report.Reason.choices,
            "reason": reason,
            "details": details,
            "error": error,
            "back_url": permalink(session.token, target),
        },
        status=status,
    )


@framed
@refuse_locked
def follow(request: FramedRequest, session: LaunchSession, lesson_id: int) -> HttpResponse:
    """Follow the lesson's discussion, or stop following it (``action=unfollow``)."""
    actor = actor_for(request, session)
    lesson = _lesson_for(request, session, lesson_id)
    conversation = services.thread_for(lesson, session.context_id)
    if request.method != "POST":
        return HttpResponseRedirect(thread_url(session.token, lesson.pk))
    if request.POST.get("action") == "unfollow":
        services.unfollow(actor, conversation)
        notice = "unfollowed"
    else:
        services.follow(actor, conversation)
        notice = "followed"
    return HttpResponseRedirect(thread_url(session.token, lesson.pk, notice=notice))


@framed
@refuse_locked
def name(request: FramedRequest, session: LaunchSession, lesson_id: int) -> HttpResponse:
    """Choose the name others see on your posts."""
    actor = actor_for(request, session)
    lesson = _lesson_for(request, session, lesson_id)
    profile = services.profile_for(actor.learner)
    value, error, status = profile.display_name, "", 200
    if request.method == "POST":
        value = request.POST.get("display_name", "")
        try:
            services.change_display_name(actor.learner, value)
            return HttpResponseRedirect(thread_url(session.token, lesson.pk, notice="named"))
        except DiscussionError as error_raised:
            error, status = str(error_raised), 400
    return render(
        request,
        "discussion/name.html",
        {
            "session": session,
            "value": value,
            "default_name": actor.learner.display_name,
            "error": error,
            "max_length": services.NAME_MAX_LENGTH,
            "back_url": thread_url(session.token, lesson.pk),
        },
        status=status,
    )

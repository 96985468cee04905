"""The moderation queue in the Wagtail admin, for holders of the moderation permission."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from discussion import moderation
from discussion.models import ModerationAction, Post
from discussion.services import DiscussionError

AUDIT_SHOWN = 50


def _require_moderator(request: HttpRequest) -> None:
    if not moderation.is_moderator(request.user):
        raise PermissionDenied("Only discussion moderators can moderate posts.")


def queue(request: HttpRequest) -> HttpResponse:
    """Reported posts, the longest waiting first, and the latest moderation actions."""
    _require_moderator(request)
    return TemplateResponse(
        request,
        "discussion/admin/queue.html",
        {
            "posts": moderation.queue().prefetch_related("reports"),
            "actions": ModerationAction.objects.select_related("moderator", "post")[:AUDIT_SHOWN],
        },
    )


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One post: its text, its reports, its history, and the actions open to a moderator."""
    _require_moderator(request)
    post = get_object_or_404(
        Post.objects.select_related("thread__lesson", "thread__context", "author"), pk=pk
    )
    error = ""
    if request.method == "POST":
        action = moderation.ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            error = "Choose an action."
        else:
            try:
                action(post, request.user, request.POST.get("reason", ""))
                return redirect(reverse("discussion_admin:review", args=[post.pk]) + "?done=1")
            except DiscussionError as refused:
                error = str(refused)
    profile = moderation.profile_for(post.author)
    return TemplateResponse(
        request,
        "discussion/admin/review.html",
        {
            "post": post,
            "profile": profile,
            "reports": post.reports.order_by("created_at"),
            "history": post.moderation.select_related("moderator"),
            "error": error,
            "reason": request.POST.get("reason", "") if error else "",
            "done": request.GET.get("done") == "1",
        },
        status=400 if error else 200,
    )

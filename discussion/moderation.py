"""Moderation: the queue of reported posts and the actions on them, each one audited.

Moderators are Wagtail admin users holding ``discussion.moderate_discussion`` (the
"Discussion moderators" group has it; ``manage.py setup_discussion`` creates the group).
Every action writes a :class:`~discussion.models.ModerationAction` in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from discussion import services
from discussion.models import ModerationAction, Post, Profile, Report
from discussion.services import DiscussionError, profile_for

MODERATORS_GROUP = "Discussion moderators"
MODERATORS_PURPOSE = "reviews reported discussion posts: hides, restores, blocks authors"
PERMISSION = "discussion.moderate_discussion"
REASON_MAX_LENGTH = 300


def is_moderator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def ensure_moderators_group() -> Group:
    """The moderators' group with the admin access and the moderation permission (idempotent)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="discussion", codename="moderate_discussion"
        ),
    )
    return group


def ensure_editor_rights() -> None:
    """Editors and programme leads choose which lessons' discussions are programme-wide."""
    from hub.editorial import EDITORS, PROGRAMME_LEAD

    rights = Permission.objects.filter(
        content_type__app_label="discussion",
        codename__in=["add_lessondiscussion", "change_lessondiscussion", "view_lessondiscussion"],
    )
    for name in (EDITORS, PROGRAMME_LEAD):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*rights)


WAITING = Q(held_at__isnull=False, hidden_at__isnull=True, deleted_at__isnull=True)


def queue() -> QuerySet[Post]:
    """Posts asking for support (first), posts waiting for a moderator before anyone else
    sees them, and posts with open reports: the longest waiting first."""
    open_reports = Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    return (
        Post.objects.filter(Q(Exists(open_reports)) | Q(needs_support=True) | WAITING)
        .annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            first_reported=Min("reports__created_at", filter=Q(reports__resolved_at__isnull=True)),
        )
        .select_related("thread__lesson", "thread__context", "author__discussion_profile")
        .order_by(
            "-needs_support",
            Coalesce("first_reported", "held_at", "created_at"),
            "pk",
        )
    )


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise DiscussionError("Give a reason: the author is shown it, and it is kept.")
    if len(reason) > REASON_MAX_LENGTH:
        raise DiscussionError(f"Keep the reason to {REASON_MAX_LENGTH} characters or fewer.")
    return reason


def _resolve_reports(post: Post) -> None:
    """Close the post's open reports and its request for support: a moderator has acted."""
    Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now())
    Post.objects.filter(pk=post.pk, needs_support=True).update(needs_support=False)


def _audit(kind: str, post: Post | None, subject_id: int, moderator: Any, reason: str) -> None:
    ModerationAction.objects.create(
        kind=kind, post=post, subject_id=subject_id, moderator=moderator, reason=reason
    )


@transaction.atomic
def hide(post: Post, moderator: Any, reason: str) -> Post:
    """Hide a post from everyone but its author, who sees the reason."""
    reason = _reason(reason)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.is_hidden:
        raise DiscussionError("This post is already hidden.")
    post.hidden_at = timezone.now()
    post.hidden_reason = reason
    post.pinned_at, post.pinned_by = None, None  # a hidden post does not stay on top
    post.save(update_fields=["hidden_at", "hidden_reason", "pinned_at", "pinned_by"])
    _resolve_reports(post)
    _audit(ModerationAction.Kind.HIDE, post, post.author_id, moderator, reason)
    return post


@transaction.atomic
def restore(post: Post, moderator: Any, reason: str) -> Post:
    """Show a hidden post again."""
    reason = _reason(reason)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not post.is_hidden:
        raise DiscussionError("This post is not hidden.")
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _audit(ModerationAction.Kind.RESTORE, post, post.author_id, moderator, reason)
    return post


@transaction.atomic
def dismiss(post: Post, moderator: Any, reason: str) -> None:
    """Nothing to change: close the reports (or the support request), leaving the post."""
    reason = _reason(reason)
    _resolve_reports(post)
    _audit(ModerationAction.Kind.DISMISS, post, post.author_id, moderator, reason)


@transaction.atomic
def block(post: Post, moderator: Any, reason: str) -> Profile:
    """Stop the post's author from posting and liking; their posts stay as they are."""
    reason = _reason(reason)
    profile = profile_for(post.author)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.is_blocked:
        raise DiscussionError("This author is already blocked.")
    profile.blocked_at = timezone.now()
    profile.blocked_reason = reason
    profile.save(update_fields=["blocked_at", "blocked_reason"])
    _audit(ModerationAction.Kind.BLOCK, post, post.author_id, moderator, reason)
    return profile


@transaction.atomic
def unblock(post: Post, moderator: Any, reason: str) -> Profile:
    """Let the post's author take part again."""
    reason = _reason(reason)
    profile = Profile.objects.select_for_update().get(learner_id=post.author_id)
    if not profile.is_blocked:
        raise DiscussionError("This author is not blocked.")
    profile.blocked_at = None
    profile.blocked_reason = ""
    profile.save(update_fields=["blocked_at", "blocked_reason"])
    _audit(ModerationAction.Kind.UNBLOCK, post, post.author_id, moderator, reason)
    return profile


APPROVED = "Published after review."


@transaction.atomic
def approve(post: Post, moderator: Any, reason: str = "") -> Post:
    """Publish a post that was waiting for a moderator (a reason is optional)."""
    reason = _reason(reason) if (reason or "").strip() else APPROVED
    post = Post.objects.select_for_update().get(pk=post.pk)
    _require_waiting(post)
    post.held_at = None
    post.save(update_fields=["held_at"])
    _audit(ModerationAction.Kind.APPROVE, post, post.author_id, moderator, reason)
    return post


@transaction.atomic
def reject(post: Post, moderator: Any, reason: str) -> Post:
    """Refuse a waiting post: nobody else ever sees it; its author sees the reason."""
    reason = _reason(reason)
    post = Post.objects.select_for_update().get(pk=post.pk)
    _require_waiting(post)
    post.hidden_at = timezone.now()
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_reason"])
    _resolve_reports(post)
    _audit(ModerationAction.Kind.REJECT, post, post.author_id, moderator, reason)
    return post


def _require_waiting(post: Post) -> None:
    if post.is_deleted:
        raise DiscussionError("Its author has deleted this post.")
    if post.is_rejected:
        raise DiscussionError("This post has already been refused.")
    if not post.is_held:
        raise DiscussionError("This post is already published: it is not waiting for review.")


def pin(post: Post, moderator: Any, reason: str = "") -> Post:
    """A moderator pins a comment to the top of its thread (at most a few per thread)."""
    reason = _reason(reason) if (reason or "").strip() else "Pinned to the top of the thread."
    with transaction.atomic():
        post = services.pin_post(post, None)
        _audit(ModerationAction.Kind.PIN, post, post.author_id, moderator, reason)
    return post


def unpin(post: Post, moderator: Any, reason: str = "") -> Post:
    """A moderator unpins a comment: it goes back to its place in the conversation."""
    reason = _reason(reason) if (reason or "").strip() else "Unpinned."
    with transaction.atomic():
        post = services.unpin_post(post)
        _audit(ModerationAction.Kind.UNPIN, post, post.author_id, moderator, reason)
    return post


ACTIONS = {
    "hide": hide,
    "restore": restore,
    "dismiss": dismiss,
    "block": block,
    "unblock": unblock,
    "approve": approve,
    "reject": reject,
    "pin": pin,
    "unpin": unpin,
}

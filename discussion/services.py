"""The rules of discussion, as plain functions the framed views (and tests) call.

Who acts is an :class:`Actor`: the hub learner behind a launch, the course (LTI context) the
launch came from and whether the LMS called them a mentor. Every function checks its rule and
raises :class:`DiscussionError` with a sentence to show the person; nothing here renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from discussion import alerts, screening
from discussion.models import (
    BODY_MAX_LENGTH,
    Follow,
    LessonDiscussion,
    Like,
    Post,
    Profile,
    Report,
    Thread,
)
from hub.models import Learner, LessonPage

EDIT_WINDOW = timedelta(minutes=30)
RATE_WINDOW = timedelta(minutes=10)
NAME_MAX_LENGTH = 60
DETAILS_MAX_LENGTH = 1000
MAX_PINNED = 3  # pinned posts per thread: a few, so that the conversation still shows


class DiscussionError(Exception):
    """A rule refused the action; ``str(error)`` says why, in words for the person."""


class NotFound(DiscussionError):
    """The thread or post is not one this person may see (another course's, or none)."""


class NotAllowed(DiscussionError):
    """This person may not do that at all (blocked by a moderator, or not a mentor)."""


@dataclass(frozen=True)
class Actor:
    """Someone taking part: a learner, in one course (``context_id``), with their LMS role."""

    learner: Learner
    context_id: int | None
    is_mentor: bool = False
    is_staff: bool = False


# --- People ------------------------------------------------------------------------------------
def profile_for(learner: Learner) -> Profile:
    """The learner's discussion profile, created on first use (safe when two requests race)."""
    profile, _ = Profile.objects.select_related("learner", "mentor_page").get_or_create(
        learner=learner
    )
    return profile


def change_display_name(learner: Learner, name: str) -> Profile:
    """Set the name others see. Blank goes back to the name the LMS sent."""
    name = " ".join(name.split())
    if len(name) > NAME_MAX_LENGTH:
        raise DiscussionError(f"Your name must be {NAME_MAX_LENGTH} characters or fewer.")
    if "@" in name:
        raise DiscussionError("Your name cannot contain an email address.")
    profile = profile_for(learner)
    profile.display_name = name
    profile.save(update_fields=["display_name"])
    return profile


def is_mentor_author(post: Post, profile: Profile | None) -> bool:
    """A post carries the Mentor label if written as an LMS mentor or by a linked mentor."""
    return post.as_mentor or bool(profile and profile.mentor_page_id)


# --- Threads -----------------------------------------------------------------------------------
def is_programme_wide(lesson: LessonPage) -> bool:
    return LessonDiscussion.objects.filter(lesson=lesson, programme_wide=True).exists()


def lesson_setting(lesson: LessonPage) -> LessonDiscussion:
    """The editor's setting for the lesson (an unsaved default when there is none): one query."""
    found = LessonDiscussion.objects.filter(lesson=lesson).first()
    return found if found is not None else LessonDiscussion(lesson=lesson)


def is_premoderated(lesson_id: int) -> bool:
    return LessonDiscussion.objects.filter(lesson_id=lesson_id, premoderated=True).exists()


def thread_for(lesson: LessonPage, context_id: int | None) -> Thread:
    """The lesson's thread for this course, or its programme-wide thread if the editor chose
    one (also when the launch has no course). Created on first use; concurrent first uses
    find one row (the partial unique constraints decide)."""
    context = None if is_programme_wide(lesson) else context_id
    # context_id=None is the programme-wide thread (the stubs do not know None means IS NULL).
    thread, _ = Thread.objects.get_or_create(lesson=lesson, context_id=context)  # type: ignore[misc]
    return thread


def existing_thread(
    lesson: LessonPage, context_id: int | None, programme_wide: bool | None = None
) -> Thread | None:
    """The thread :func:`thread_for` would answer, if it exists yet (creates nothing)."""
    if programme_wide is None:
        programme_wide = is_programme_wide(lesson)
    context = None if programme_wide else context_id
    # context_id=None is the programme-wide thread (the stubs do not know None means IS NULL).
    return Thread.objects.filter(lesson=lesson, context_id=context).first()  # type: ignore[misc]


def may_see(actor: Actor, thread: Thread) -> bool:
    """Course threads are for their course only; programme-wide threads for every course."""
    return thread.context_id is None or thread.context_id == actor.context_id


def shown_to(learner: Learner | None) -> Q:
    """Posts a reader may see listed: everything but others' posts waiting for a moderator."""
    if learner is None:
        return Q(held_at__isnull=True)
    return Q(held_at__isnull=True) | Q(author=learner)


def post_in_reach(actor: Actor, post_id: int) -> Post:
    """The post, if it belongs to a thread the actor may see; else :class:`NotFound`.

    Someone else's post waiting for a moderator is not there for the actor either."""
    post = (
        Post.objects.select_related("thread", "thread__lesson", "author").filter(pk=post_id).first()
    )
    if post is None or not may_see(actor, post.thread):
        raise NotFound("There is no such post in your course.")
    if post.is_held and post.author_id != actor.learner.pk:
        raise NotFound("There is no such post in your course.")
    return post


def is_mentor(actor: Actor) -> bool:
    """A mentor in this launch: the LMS's Mentor role, or linked to a mentor page."""
    if actor.is_mentor:
        return True
    profile = Profile.objects.filter(learner=actor.learner).only("mentor_page_id").first()
    return bool(profile and profile.mentor_page_id)


# --- Writing -----------------------------------------------------------------------------------
def clean_body(body: str) -> str:
    """The body as stored: surrounding space removed; refused when empty or too long."""
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DiscussionError("Write something before you post.")
    if len(body) > BODY_MAX_LENGTH:
        raise DiscussionError(
            f"Your post must be {BODY_MAX_LENGTH} characters or fewer "
            f"(it is {len(body)} characters). Nothing was lost: shorten it and post again."
        )
    return body


def _require_not_blocked(learner: Learner) -> Profile:
    profile = profile_for(learner)
    if profile.is_blocked:
        raise NotAllowed(
            "A moderator has stopped you from posting in discussions. "
            "Contact your course tutor if you think this is a mistake."
        )
    return profile


def _require_within_rate(learner: Learner) -> None:
    """At most ``DISCUSSION_POSTS_PER_TEN_MINUTES`` posts in any ten minutes, per person.

    A soft limit against floods: posts sent at the very same moment may each count the
    others as not yet there.
    """
    limit = settings.DISCUSSION_POSTS_PER_TEN_MINUTES
    since = timezone.now() - RATE_WINDOW
    if Post.objects.filter(author=learner, created_at__gt=since).count() >= limit:
        raise DiscussionError(
            f"You have posted {limit} times in the last ten minutes, which is the most "
            "anyone can. Your text is kept below: post it again in a few minutes."
        )


def create_post(
    actor: Actor,
    thread: Thread,
    body: str,
    *,
    parent: Post | None = None,
    submission_key: str = "",
    needs_support: bool = False,
) -> tuple[Post, bool]:
    """Post a comment (or, with ``parent``, a reply) to ``thread``. Returns (post, created).

    A form sent twice carries the same ``submission_key``: the second send returns the first
    post (``created`` False) instead of posting it again. The author follows the thread.
    With ``needs_support`` the moderators are alerted once the post is saved.
    """
    if not may_see(actor, thread):
        raise NotFound("There is no such discussion in your course.")
    _require_not_blocked(actor.learner)
    text = clean_body(body)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise NotFound("There is no such post in this discussion.")
        parent.refresh_from_db(fields=STATE_FIELDS)
        if parent.is_held and not parent.is_hidden:
            raise DiscussionError(
                "That post is waiting for a moderator, so it cannot be replied to yet."
            )
        if not parent.is_visible:
            raise DiscussionError("That post has been removed, so it cannot be replied to.")
    key = submission_key[:40]
    if key:
        existing = Post.objects.filter(author=actor.learner, submission_key=key).first()
        if existing is not None:
            return existing, False
    _require_within_rate(actor.learner)
    held_because = screening.hold_reason(
        text, screening.site_rules(), is_premoderated(thread.lesson_id)
    )
    try:
        with transaction.atomic():
            post = Post.objects.create(
                thread=thread,
                parent=parent,
                root=(parent.root or parent) if parent is not None else None,
                author=actor.learner,
                as_mentor=actor.is_mentor,
                body=text,
                created_at=timezone.now(),
                submission_key=key,
                needs_support=needs_support,
                held_at=timezone.now() if held_because else None,
                held_because=held_because,
            )
    except IntegrityError:
        if not key:
            raise
        return Post.objects.get(author=actor.learner, submission_key=key), False
    follow(actor, thread)
    if needs_support:
        transaction.on_commit(lambda: alerts.alert_support_needed(post.pk))
    return post, True


STATE_FIELDS = [
    "deleted_at",
    "hidden_at",
    "hidden_reason",
    "created_at",
    "held_at",
    "held_because",
    "pinned_at",
]


def _require_own_recent(actor: Actor, post: Post, doing: str) -> None:
    post.refresh_from_db(fields=STATE_FIELDS)  # as it is now, not as the caller read it
    if post.author_id != actor.learner.pk:
        raise DiscussionError(f"You can only {doing} your own posts.")
    if post.is_deleted:
        raise DiscussionError("This post has already been deleted.")
    if post.is_hidden:
        raise DiscussionError(
            f"A moderator has hidden this post, so you cannot {doing} it. "
            f"The reason given: {post.hidden_reason or 'none'}."
        )
    if timezone.now() - post.created_at > EDIT_WINDOW:
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise DiscussionError(f"Posts can only be changed for {minutes} minutes after posting.")
    _require_not_blocked(actor.learner)


def edit_post(actor: Actor, post: Post, body: str) -> Post:
    """The author changes their post's text within 30 minutes of posting it.

    The new text is screened as a new post is: if it would be held, the post goes back to
    waiting for a moderator (and is unpinned)."""
    _require_own_recent(actor, post, "edit")
    post.body = clean_body(body)
    post.edited_at = timezone.now()
    fields = ["body", "edited_at"]
    if not post.is_held:
        held_because = screening.hold_reason(post.body, screening.site_rules())
        if held_because:
            post.held_at, post.held_because, post.pinned_at, post.pinned_by = (
                timezone.now(),
                held_because,
                None,
                None,
            )
            fields += ["held_at", "held_because", "pinned_at", "pinned_by"]
    post.save(update_fields=fields)
    return post


def delete_post(actor: Actor, post: Post) -> Post:
    """The author deletes their post within 30 minutes; a "deleted" marker keeps its place."""
    _require_own_recent(actor, post, "delete")
    post.body = ""
    post.deleted_at = timezone.now()
    post.pinned_at, post.pinned_by = None, None
    post.save(update_fields=["body", "deleted_at", "pinned_at", "pinned_by"])
    return post


def like(actor: Actor, post: Post) -> bool:
    """Like a post once. Returns True if this call added the like, False if it was there."""
    if not may_see(actor, post.thread):
        raise NotFound("There is no such post in your course.")
    post.refresh_from_db(fields=STATE_FIELDS)
    if post.is_held and not post.is_hidden:
        raise DiscussionError("That post is waiting for a moderator, so it cannot be liked yet.")
    if not post.is_visible:
        raise DiscussionError("That post has been removed, so it cannot be liked.")
    if post.author_id == actor.learner.pk:
        raise DiscussionError("You cannot like your own post.")
    _require_not_blocked(actor.learner)
    try:
        with transaction.atomic():
            Like.objects.create(post=post, learner=actor.learner)
    except IntegrityError:
        return False
    return True


def unlike(actor: Actor, post: Post) -> bool:
    """Take back a like. Returns True if there was one."""
    deleted, _ = Like.objects.filter(post=post, learner=actor.learner).delete()
    return deleted > 0


def follow(actor: Actor, thread: Thread) -> Follow:
    """Follow a thread (idempotent): its new posts are announced on the next visit."""
    if not may_see(actor, thread):
        raise NotFound("There is no such discussion in your course.")
    subscription, _ = Follow.objects.get_or_create(
        thread=thread, learner=actor.learner, defaults={"seen_at": timezone.now()}
    )
    return subscription


def unfollow(actor: Actor, thread: Thread) -> None:
    Follow.objects.filter(thread=thread, learner=actor.learner).delete()


def report(actor: Actor, post: Post, reason: str, details: str = "") -> tuple[Report, bool]:
    """Ask the moderators to look at a post. One open report per person and post."""
    if not may_see(actor, post.thread):
        raise NotFound("There is no such post in your course.")
    if reason not in Report.Reason.values:
        raise DiscussionError("Choose why you are reporting this post.")
    details = (details or "").strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise DiscussionError(f"Keep the details to {DETAILS_MAX_LENGTH} characters or fewer.")
    if post.is_deleted:
        raise DiscussionError("This post has been deleted.")
    try:
        with transaction.atomic():
            return Report.objects.create(
                post=post, reporter=actor.learner, reason=reason, details=details
            ), True
    except IntegrityError:
        return Report.objects.get(post=post, reporter=actor.learner, resolved_at=None), False


# --- Pinning -----------------------------------------------------------------------------------
def may_pin(actor: Actor) -> bool:
    return is_mentor(actor)


def pin_post(post: Post, pinned_by: Learner | None) -> Post:
    """Pin a comment of its thread, the thread's row locked so that pins arriving together
    are counted one after the other (at most :data:`MAX_PINNED`)."""
    with transaction.atomic():
        Thread.objects.select_for_update().get(pk=post.thread_id)
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.parent_id is not None:
            raise DiscussionError("Only comments can be pinned, not replies.")
        if not post.is_visible:
            raise DiscussionError(
                "Only a published post can be pinned: this one is deleted, hidden or "
                "waiting for a moderator."
            )
        if post.is_pinned:
            raise DiscussionError("This post is already pinned.")
        pinned = Post.objects.filter(thread_id=post.thread_id, pinned_at__isnull=False).count()
        if pinned >= MAX_PINNED:
            raise DiscussionError(
                f"A discussion can have at most {MAX_PINNED} pinned posts. Unpin one of them first."
            )
        post.pinned_at, post.pinned_by = timezone.now(), pinned_by
        post.save(update_fields=["pinned_at", "pinned_by"])
    return post


def unpin_post(post: Post) -> Post:
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        if not post.is_pinned:
            raise DiscussionError("This post is not pinned.")
        post.pinned_at, post.pinned_by = None, None
        post.save(update_fields=["pinned_at", "pinned_by"])
    return post


def pin(actor: Actor, post: Post) -> Post:
    """A mentor pins a comment to the top of its thread (shown first whatever the order)."""
    if not may_see(actor, post.thread):
        raise NotFound("There is no such post in your course.")
    if not may_pin(actor):
        raise NotAllowed("Only mentors can pin posts.")
    return pin_post(post, actor.learner)


def unpin(actor: Actor, post: Post) -> Post:
    """A mentor takes a pinned comment back into the conversation's order."""
    if not may_see(actor, post.thread):
        raise NotFound("There is no such post in your course.")
    if not may_pin(actor):
        raise NotAllowed("Only mentors can unpin posts.")
    return unpin_post(post)


# --- Reading -----------------------------------------------------------------------------------
ORDERS = {"oldest": ("created_at", "id"), "newest": ("-created_at", "-id")}
PAGE_SIZE = 10


def top_level_posts(
    thread: Thread, order: str = "oldest", viewer: Learner | None = None
) -> QuerySet[Post]:
    """The thread's comments (replies come with them) that ``viewer`` may see: pinned ones
    first (the earliest pinned first), then the others in the order asked for."""
    return (
        Post.objects.filter(shown_to(viewer), thread=thread, parent__isnull=True)
        .select_related("author", "author__discussion_profile__mentor_page")
        .annotate(like_count=Count("likes"))
        .order_by(F("pinned_at").asc(nulls_last=True), *ORDERS.get(order, ORDERS["oldest"]))
    )


def replies_to(roots: list[Post], viewer: Learner | None = None) -> dict[int, list[Post]]:
    """Each comment's replies that ``viewer`` may see, oldest first, in one query."""
    replies: dict[int, list[Post]] = {root.pk: [] for root in roots}
    for reply in (
        Post.objects.filter(shown_to(viewer), root__in=roots)
        .select_related("author", "author__discussion_profile__mentor_page", "parent__author")
        .annotate(like_count=Count("likes"))
        .order_by("created_at", "id")
    ):
        root_id = reply.root_id
        assert root_id is not None  # a reply always belongs to a comment
        replies[root_id].append(reply)
    return replies


def page_of(post: Post, order: str = "oldest", viewer: Learner | None = None) -> int:
    """The page (from 1) of the thread on which ``post`` (or its comment) is shown to
    ``viewer`` (pinned comments come first)."""
    root = post.root or post
    if root.pinned_at is not None:
        before = Q(pinned_at__lt=root.pinned_at) | Q(pinned_at=root.pinned_at, id__lt=root.pk)
    else:
        if order == "newest":
            later = Q(created_at__gt=root.created_at)
            before = later | Q(created_at=root.created_at, id__gt=root.pk)
        else:
            sooner = Q(created_at__lt=root.created_at)
            before = sooner | Q(created_at=root.created_at, id__lt=root.pk)
        before = (before & Q(pinned_at__isnull=True)) | Q(pinned_at__isnull=False)
    earlier = Post.objects.filter(
        before, shown_to(viewer), thread=root.thread_id, parent__isnull=True
    ).count()
    return earlier // PAGE_SIZE + 1


def liked_by(learner: Learner, posts: list[Post]) -> set[int]:
    return set(
        Like.objects.filter(learner=learner, post__in=posts).values_list("post_id", flat=True)
    )


@dataclass(frozen=True)
class News:
    """What is new for someone since their last visit."""

    replies: list[Post]
    followed: list[tuple[Thread, int]]

    def __bool__(self) -> bool:
        return bool(self.replies or self.followed)


def news_for(actor: Actor, lesson_ids: set[int] | None = None, limit: int = 5) -> News:
    """New visible replies to the actor's posts, and new posts in threads they follow.

    With ``lesson_ids``, only news from those lessons' threads (the ones a framed session can
    open).
    """
    profile = Profile.objects.filter(learner=actor.learner).first()
    if profile is None:  # has never posted or followed: nothing can be new
        return News([], [])
    replies = (
        Post.objects.filter(
            parent__author=actor.learner,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
            held_at__isnull=True,
        )
        .exclude(author=actor.learner)
        .select_related("thread__lesson", "author__discussion_profile")
        .order_by("-created_at")
    )
    if profile.replies_seen_at is not None:
        replies = replies.filter(created_at__gt=profile.replies_seen_at)
    subscriptions = Follow.objects.filter(learner=actor.learner).select_related("thread__lesson")
    if lesson_ids is not None:
        replies = replies.filter(thread__lesson_id__in=lesson_ids)
        subscriptions = subscriptions.filter(thread__lesson_id__in=lesson_ids)
    followed = []
    for subscription in subscriptions:
        if not may_see(actor, subscription.thread):
            continue
        count = (
            Post.objects.filter(
                thread=subscription.thread,
                created_at__gt=subscription.seen_at,
                deleted_at__isnull=True,
                hidden_at__isnull=True,
                held_at__isnull=True,
            )
            .exclude(author=actor.learner)
            .count()
        )
        if count:
            followed.append((subscription.thread, count))
    return News([r for r in replies[:limit] if may_see(actor, r.thread)], followed)


def mark_thread_seen(actor: Actor, thread: Thread) -> None:
    """The actor has read the thread: its posts are not new to them any more."""
    Follow.objects.filter(thread=thread, learner=actor.learner).update(seen_at=timezone.now())


def mark_replies_seen(actor: Actor) -> None:
    """The actor has been shown their new replies: the next visit lists only later ones."""
    profile_for(actor.learner)
    Profile.objects.filter(learner=actor.learner).update(replies_seen_at=timezone.now())

"""What a thread page shows each person: names, labels and the actions open to them.

Only display names and mentor pages leave here: never an email address or an LMS identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.utils import timezone

from discussion import screening, services
from discussion.models import DEFAULT_SIGNPOSTING, DiscussionSettings, Post, Thread
from discussion.services import Actor


@dataclass
class ShownPost:
    """A post as one reader sees it."""

    post: Post
    name: str
    mentor: bool
    mentor_url: str
    mine: bool
    liked: bool
    like_count: int
    can_change: bool
    reply_to: str
    replies: list[ShownPost]
    can_pin: bool = False

    @property
    def waiting(self) -> bool:
        """The author's own post, waiting for a moderator (nobody else sees it)."""
        return self.post.is_held and not self.post.is_hidden

    @property
    def held_explanation(self) -> str:
        return screening.explain(self.post.held_because)

    @property
    def pinned_label(self) -> str:
        if not self.post.is_pinned:
            return ""
        return "Pinned by a mentor" if self.post.pinned_by_id else "Pinned by a moderator"

    @property
    def pk(self) -> int:
        return self.post.pk

    @property
    def reply_field_id(self) -> str:
        return f"reply-{self.post.pk}"


def profile_of(post: Post) -> Any:
    """The author's discussion profile, if they have one (read with the post)."""
    try:
        return post.author.discussion_profile
    except ObjectDoesNotExist:  # nobody has chosen a name or been linked to a mentor page
        return None


def author_name(post: Post) -> str:
    profile = profile_of(post)
    if profile is not None:
        return profile.shown_name
    return post.author.display_name[:60] or "A participant"


def show(
    actor: Actor,
    post: Post,
    liked: set[int],
    replies: list[ShownPost] | None = None,
    can_pin: bool = False,
) -> ShownPost:
    profile = profile_of(post)
    mentor_page = profile.mentor_page if profile is not None else None
    mine = post.author_id == actor.learner.pk
    return ShownPost(
        post=post,
        name=author_name(post),
        mentor=services.is_mentor_author(post, profile),
        mentor_url=mentor_page.full_url if mentor_page is not None and mentor_page.live else "",
        mine=mine,
        liked=post.pk in liked,
        like_count=getattr(post, "like_count", 0),
        can_change=mine
        and not post.is_deleted
        and not post.is_hidden
        and timezone.now() - post.created_at <= services.EDIT_WINDOW,
        reply_to=author_name(post.parent)
        if post.parent_id != post.root_id and post.parent is not None
        else "",
        replies=replies or [],
        can_pin=can_pin and post.parent_id is None and post.is_visible,
    )


def thread_page(
    actor: Actor, thread: Thread, order: str, number: Any, can_pin: bool = False
) -> tuple[Page, list[ShownPost]]:
    """One page of the thread's comments with their replies, as the actor sees them (others'
    posts waiting for a moderator left out); pinned comments first."""
    order = order if order in services.ORDERS else "oldest"
    viewer = actor.learner
    paginator = Paginator(services.top_level_posts(thread, order, viewer), services.PAGE_SIZE)
    page = paginator.get_page(number)
    roots = list(page.object_list)
    replies = services.replies_to(roots, viewer)
    everything = roots + [reply for group in replies.values() for reply in group]
    liked = services.liked_by(actor.learner, everything)
    shown = [
        show(
            actor,
            root,
            liked,
            [show(actor, reply, liked) for reply in replies[root.pk]],
            can_pin=can_pin,
        )
        for root in roots
    ]
    return page, shown


def signposting(request: Any) -> str:
    """The support signposting editors set for the site (the default until they do)."""
    try:
        return DiscussionSettings.for_request(request).support_signposting
    except DiscussionSettings.DoesNotExist:
        return DEFAULT_SIGNPOSTING

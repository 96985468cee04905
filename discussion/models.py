"""The discussion domain: threads under lessons, posts, likes, follows, reports and moderation.

Every concept is its own model with the constraints that keep it consistent; the rules that
change them live in :mod:`discussion.services`. People are hub :class:`~hub.models.Learner`
rows (the LTI tool maps each LMS user to one), so nothing here holds an email address or an
LMS identifier: what others see is the :class:`Profile`'s display name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

BODY_MAX_LENGTH = 5000
DEFAULT_SIGNPOSTING = (
    "If you need support now, call NHS 111, or the Samaritans on 116 123 "
    "(free, day or night). In an emergency, call 999."
)


@register_setting(icon="help")
class DiscussionSettings(BaseSiteSetting):
    """What every discussion says about support, and where moderators are alerted."""

    support_signposting = models.TextField(
        max_length=600,
        default=DEFAULT_SIGNPOSTING,
        help_text="Shown with every discussion: where to find support now.",
    )
    moderators_email = models.EmailField(
        blank=True,
        help_text="Told at once when someone flags a post “I need support”. "
        "Empty: only the moderation queue shows it.",
    )

    hold_phone_numbers = models.BooleanField(
        default=True,
        help_text="Hold posts that seem to contain a phone number until a moderator reads them.",
    )
    hold_email_addresses = models.BooleanField(
        default=True,
        help_text="Hold posts that seem to contain an email address until a moderator reads them.",
    )
    hold_links = models.BooleanField(
        default=False,
        help_text="Hold posts that contain a web address (http://, https:// or www.) until a "
        "moderator reads them.",
    )
    held_words = models.TextField(
        blank=True,
        max_length=4000,
        help_text="Words or phrases, one to a line: a post containing one (in any capitals, as a "
        "whole word) waits for a moderator. The author is not told which word.",
    )

    panels = [
        FieldPanel("support_signposting"),
        FieldPanel("moderators_email"),
        MultiFieldPanel(
            [
                FieldPanel("hold_phone_numbers"),
                FieldPanel("hold_email_addresses"),
                FieldPanel("hold_links"),
                FieldPanel("held_words"),
            ],
            heading="Posts held for a moderator",
        ),
    ]

    class Meta:
        verbose_name = "discussion settings"


class Profile(models.Model):
    """How one person appears in discussions, and whether they may post.

    ``display_name`` is the only name others see; blank means "use the name the LMS sent",
    which the person can replace at any time. ``mentor_page`` is set by an administrator to
    link a launch identity to a mentor page (the LMS's Mentor role also makes a mentor).
    """

    learner = models.OneToOneField(
        "hub.Learner", on_delete=models.CASCADE, related_name="discussion_profile"
    )
    display_name = models.CharField(
        max_length=60, blank=True, help_text="The name others see on this person's posts."
    )
    mentor_page = models.ForeignKey(
        "hub.MentorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_profiles",
        help_text="Their posts carry a Mentor label linking to this page.",
    )
    blocked_at = models.DateTimeField(null=True, blank=True)
    blocked_reason = models.CharField(max_length=300, blank=True)
    replies_seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When they last saw the replies to their posts."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "discussion profile"

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.display_name or self.learner.display_name[:60] or "A participant"

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


class LessonDiscussion(models.Model):
    """An editor's choice for one lesson's discussion (absent: one thread per course)."""

    lesson = models.OneToOneField(
        "hub.LessonPage", on_delete=models.CASCADE, related_name="discussion_setting"
    )
    programme_wide = models.BooleanField(
        default=False,
        help_text="One conversation for every course that links this lesson (for example "
        "the mentors' introductions). Otherwise each course has its own.",
    )
    premoderated = models.BooleanField(
        default=False,
        help_text="Every new post waits for a moderator before anyone else sees it "
        "(its author sees it marked “waiting for a moderator”).",
    )

    class Meta:
        verbose_name = "lesson discussion setting"

    def __str__(self) -> str:
        scope = "programme-wide" if self.programme_wide else "per course"
        checked = ", pre-moderated" if self.premoderated else ""
        return f"{self.lesson.title}: {scope}{checked}"


class Thread(models.Model):
    """The conversation under one lesson: in one course, or programme-wide (no context)."""

    lesson = models.ForeignKey(
        "hub.LessonPage", on_delete=models.CASCADE, related_name="discussion_threads"
    )
    context = models.ForeignKey(
        "lti_tool.Context",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_threads",
        help_text="The course; empty for a programme-wide thread.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "context"],
                condition=Q(context__isnull=False),
                name="one_thread_per_lesson_and_course",
            ),
            models.UniqueConstraint(
                fields=["lesson"],
                condition=Q(context__isnull=True),
                name="one_programme_wide_thread_per_lesson",
            ),
        ]

    def __str__(self) -> str:
        where = self.context or "all courses"
        return f"{self.lesson.title} ({where})"

    @property
    def programme_wide(self) -> bool:
        return self.context_id is None


class Post(models.Model):
    """A comment in a thread, or a reply to another post of the same thread.

    Deleting a post keeps its row (``deleted_at``) so that replies keep their place; its body
    is emptied. A moderator's hide (``hidden_at``) keeps the body for the audit trail and the
    author, and shows others a marker. A held post (``held_at``) waits for a moderator: only
    its author sees it until it is approved (``held_at`` cleared) or rejected (hidden, still
    held, so nobody else ever sees even a marker). A mentor or moderator pins a comment
    (``pinned_at``): it is shown first, whatever the order.
    """

    class HoldReason(models.TextChoices):
        LESSON = "lesson", "the lesson's posts are read by a moderator first"
        PHONE = "phone", "it seems to contain a phone number"
        EMAIL = "email", "it seems to contain an email address"
        LINK = "link", "it contains a web address"
        WORD = "word", "it contains a word or phrase the moderators check first"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The top-level post this one answers (itself blank for a top-level post).",
    )
    author = models.ForeignKey(
        "hub.Learner", on_delete=models.CASCADE, related_name="discussion_posts"
    )
    as_mentor = models.BooleanField(
        default=False, help_text="Written in a launch with the LMS's Mentor role."
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    needs_support = models.BooleanField(
        default=False, help_text="The author flagged “I need support”: moderators are alerted."
    )
    submission_key = models.CharField(
        max_length=40,
        blank=True,
        help_text="The form's one-time key: a form sent twice makes one post.",
    )
    held_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Waiting for a moderator since then (only the author sees it).",
    )
    held_because = models.CharField(max_length=10, choices=HoldReason.choices, blank=True)
    pinned_at = models.DateTimeField(null=True, blank=True)
    pinned_by = models.ForeignKey(
        "hub.Learner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The mentor who pinned it (empty when a moderator did).",
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["thread", "root", "created_at"], name="post_by_thread"),
            models.Index(fields=["author", "created_at"], name="post_by_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True, root__isnull=True)
                | Q(parent__isnull=False, root__isnull=False),
                name="reply_has_parent_and_root",
            ),
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | Q(body=""),
                name="deleted_post_has_no_body",
            ),
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~Q(submission_key=""),
                name="one_post_per_submission",
            ),
            models.CheckConstraint(
                condition=Q(pinned_at__isnull=True) | Q(parent__isnull=True),
                name="only_comments_are_pinned",
            ),
            models.CheckConstraint(
                condition=Q(held_at__isnull=True) | ~Q(held_because=""),
                name="held_post_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def is_rejected(self) -> bool:
        """Held, then refused by a moderator: nobody but its author ever saw it."""
        return self.is_held and self.is_hidden

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None

    @property
    def is_visible(self) -> bool:
        """Shown to everyone: not deleted, hidden or waiting for a moderator."""
        return not self.is_deleted and not self.is_hidden and not self.is_held


class Like(models.Model):
    """One person's like of one post: at most one, however often they press the button."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "learner"], name="one_like_per_person")
        ]

    def __str__(self) -> str:
        return f"Like of {self.post_id} by {self.learner_id}"


class Follow(models.Model):
    """Someone follows a thread; ``seen_at`` is when they last read it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "learner"], name="one_follow_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} follows {self.thread_id}"


class Report(models.Model):
    """Someone asks the moderators to look at a post. One open report per person and post."""

    class Reason(models.TextChoices):
        UNKIND = "unkind", "It is unkind, hurtful or harassing"
        UNSAFE = "unsafe", "It may put someone at risk"
        PRIVATE = "private", "It shares someone's private information"
        SPAM = "spam", "It is advertising or spam"
        OTHER = "other", "Something else"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("moderate_discussion", "Can moderate discussions")]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Report of {self.post_id}: {self.get_reason_display()}"


class ModerationAction(models.Model):
    """The audit trail: who did what to which post or person, when and why. Never edited."""

    class Kind(models.TextChoices):
        HIDE = "hide", "Hid the post"
        RESTORE = "restore", "Restored the post"
        DISMISS = "dismiss", "Closed with no change to the post"
        BLOCK = "block", "Blocked the author"
        UNBLOCK = "unblock", "Unblocked the author"
        APPROVE = "approve", "Published a held post"
        REJECT = "reject", "Refused a held post"
        PIN = "pin", "Pinned the post"
        UNPIN = "unpin", "Unpinned the post"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation"
    )
    subject = models.ForeignKey(
        "hub.Learner",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The author the action concerns.",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"

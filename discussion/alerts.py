"""Telling the moderators at once when someone flags a post "I need support".

The moderation queue lists the post straight away (it is a database fact); the email goes to
the address in the discussion settings, after the post's transaction commits. The message
names the lesson and links to the post's review page: no email address or LMS identifier.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from wagtail.models import Site

from discussion.models import DiscussionSettings, Post

logger = logging.getLogger(__name__)


def moderators_address() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    found = DiscussionSettings.objects.filter(site=site).first()
    return found.moderators_email if found is not None else ""


def alert_support_needed(post_id: int) -> bool:
    """Email the moderators about a post flagged "I need support"; False if no address."""
    address = moderators_address()
    if not address:
        return False
    post = Post.objects.select_related("thread__lesson").get(pk=post_id)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    review = base + reverse("discussion_admin:review", args=[post.pk])
    send_mail(
        subject="Someone asked for support in a discussion",
        message=(
            f"A post under the lesson “{post.thread.lesson.title}” is flagged "
            f"“I need support”.\n\nRead it and respond: {review}\n"
        ),
        from_email=None,
        recipient_list=[address],
    )
    logger.info("Support alert sent for post %s", post.pk)
    return True

"""Wagtail admin: the moderation queue, lessons' discussion settings and discussion profiles."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from discussion import admin_views, moderation
from discussion.models import LessonDiscussion, Profile
from hub.models import LessonPage

_admin_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.review, name="review"),
    ],
    "discussion_admin",
)


@hooks.register("register_admin_urls")
def register_moderation_urls() -> list[Any]:
    return [path("discussion/moderation/", include(_admin_urls))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return moderation.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item() -> MenuItem:
    return ModeratorMenuItem(
        "Moderate discussions", reverse("discussion_admin:queue"), icon_name="warning", order=920
    )


class ModerationPanel(Component):
    """The admin dashboard tells moderators what waits for them, support requests first."""

    name = "discussion_moderation"
    order = 50

    def __init__(self, support: int, reported: int, held: int = 0) -> None:
        self.support, self.reported, self.held = support, reported, held

    def render_html(self, parent_context: Any = None) -> str:
        return format_html(
            '<section class="panel" aria-labelledby="discussion-moderation-title">'
            '<h2 id="discussion-moderation-title">Discussions</h2>'
            "<p><strong>{} post(s) ask for support</strong>; {} other post(s) reported; "
            "{} post(s) wait for review before anyone else sees them. "
            '<a href="{}">Open the moderation queue</a></p></section>',
            self.support,
            self.reported,
            self.held,
            reverse("discussion_admin:queue"),
        )


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request: Any, panels: list[Any]) -> None:
    if not moderation.is_moderator(request.user):
        return
    waiting = moderation.queue()
    total = waiting.count()
    if total:
        support = waiting.filter(needs_support=True).count()
        held = waiting.filter(moderation.WAITING, needs_support=False).count()
        panels.append(ModerationPanel(support, total - support - held, held))


@hooks.register("register_page_header_buttons")
def lesson_discussions_button(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Any:
    """A lesson's "More actions" menu opens its discussions in every course (the staff view)."""
    if page.specific_class is LessonPage and page.pk is not None:
        yield Button(
            "Read its discussions",
            reverse("discussion_hub:lesson", args=[page.pk]),
            icon_name="group",
            priority=80,
        )


class LessonDiscussionViewSet(SnippetViewSet):
    """Editors choose which lessons have one programme-wide conversation."""

    model = LessonDiscussion
    icon = "group"
    menu_label = "Lesson discussions"
    add_to_admin_menu = False
    list_display = ["lesson", "programme_wide", "premoderated"]
    panels = [FieldPanel("lesson"), FieldPanel("programme_wide"), FieldPanel("premoderated")]


class ProfileViewSet(SnippetViewSet):
    """Administrators link a person's launch identity to a mentor page."""

    model = Profile
    icon = "user"
    menu_label = "Discussion profiles"
    list_display = ["__str__", "mentor_page", "blocked_at"]
    search_fields: list[str] = []
    panels = [FieldPanel("display_name"), FieldPanel("mentor_page")]


register_snippet(LessonDiscussionViewSet)
register_snippet(ProfileViewSet)

"""Django app configuration for lesson discussions."""

from __future__ import annotations

from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    """Each lesson's conversation in the LMS frame, with mentors and moderation."""

    name = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from discussion import framed_panel, mentoring, moderation
        from hub.editorial import describe_group
        from hub.models import pages
        from lti_tool import framed

        describe_group(moderation.MODERATORS_GROUP, moderation.MODERATORS_PURPOSE)
        framed.register_lesson_panel("discussion", framed_panel.lesson_panel)
        framed.register_cohort_panel("discussion", mentoring.cohort_panel)
        # Hub templates show extra_sections (a template each) when an app adds them.
        pages.extend_context(pages.MentorPage, mentoring.add_mentor_activity)

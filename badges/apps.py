"""Django app configuration for Open Badges."""

from __future__ import annotations

from django.apps import AppConfig


class BadgesConfig(AppConfig):
    """Open Badges 3.0 (and 2.0 hosted) credentials for completed steps and accreditations."""

    name = "badges"
    verbose_name = "Badges"

    def ready(self) -> None:
        # Connects the step_completed receiver that awards step badges.
        from badges import issuing  # noqa: F401
        from badges.admin_views import ASSESSORS_GROUP
        from hub.editorial import describe_group

        describe_group(
            ASSESSORS_GROUP, "awards accreditations (mentor, coach, facilitator) to learners"
        )

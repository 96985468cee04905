"""Django app configuration for Open Badges."""

from __future__ import annotations

from django.apps import AppConfig


class BadgesConfig(AppConfig):
    """Open Badges 3.0 (and 2.0 hosted) credentials for completed steps and accreditations."""

    name = "badges"
    verbose_name = "Badges"

    def ready(self) -> None:
        # Connects the step_completed receiver that awards step badges, and registers its
        # reconciler for the badges a completion should have earned but did not.
        from badges import issuing
        from badges.admin_views import ASSESSORS_GROUP
        from hub import events
        from hub.editorial import describe_group

        events.register_step_reconciler("step badges", issuing.reconcile_step_badges)
        describe_group(
            ASSESSORS_GROUP, "awards accreditations (mentor, coach, facilitator) to learners"
        )

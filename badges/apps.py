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
        from hub import events

        events.register_step_reconciler("step badges", issuing.reconcile_step_badges)

"""Django app configuration for the accreditation pathway."""

from __future__ import annotations

from django.apps import AppConfig


class PathwayConfig(AppConfig):
    """From graduate to accredited peer leader: applications, referees, assessors' reviews,
    renewals and suspensions of accreditation credentials."""

    name = "pathway"
    verbose_name = "Accreditation pathway"

    def ready(self) -> None:
        from badges import clr
        from hub.editorial import describe_group
        from lti_tool import framed, schedule
        from pathway import eligibility, framed_link, reviewing, tasks

        describe_group(reviewing.ASSESSORS_GROUP, reviewing.ASSESSORS_PURPOSE)
        framed.register_frame_link("pathway", framed_link.pathway_link)
        clr.register_preconditions(eligibility.preceding_achievements)
        schedule.register_periodic_job(
            "pathway.renewal_reminders", tasks.REMINDER_INTERVAL, tasks.send_renewal_reminders
        )

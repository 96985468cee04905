from django.apps import AppConfig


class LtiToolConfig(AppConfig):
    name = "lti_tool"
    verbose_name = "LTI tool"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from badges.recipients import register_email_source
        from hub import events
        from lti_tool.models import Deployment, Registration
        from lti_tool.registration import platform_cache
        from lti_tool.services import outbox
        from lti_tool.services.recipients import learner_emails

        # Registrations and deployments are kept per process for a generation of the shared
        # cache; any change starts a new generation in every process.
        for model in (Registration, Deployment):
            for signal in (post_save, post_delete):
                signal.connect(
                    platform_cache.forget,
                    sender=model,
                    dispatch_uid=f"lti_tool.forget_{model.__name__}_{signal is post_save}",
                )

        # Scores are written inside the progress transaction (see lti_tool.services.outbox).
        events.lesson_completed.connect(
            outbox.record_lesson_completed, dispatch_uid="lti_tool.score_lesson"
        )
        events.step_completed.connect(
            outbox.record_step_completed, dispatch_uid="lti_tool.score_step"
        )
        events.register_step_reconciler("step scores", outbox.reconcile_step_scores)
        # Badges are addressed to the email the learner's platform sent (badges.recipients).
        register_email_source(learner_emails)

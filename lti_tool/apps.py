from django.apps import AppConfig


class LtiToolConfig(AppConfig):
    name = "lti_tool"
    verbose_name = "LTI tool"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from badges.recipients import register_email_source
        from hub import events
        from lti_tool.middleware import forget_frame_ancestors
        from lti_tool.models import Registration
        from lti_tool.services import outbox
        from lti_tool.services.recipients import learner_emails

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
        # The origins allowed to frame the tool follow the registrations, in every process.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_frame_ancestors, sender=Registration, dispatch_uid="lti_tool.frame_origins"
            )

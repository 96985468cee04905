from django.apps import AppConfig


class LtiToolConfig(AppConfig):
    name = "lti_tool"
    verbose_name = "LTI tool"

    def ready(self) -> None:
        from hub import events
        from lti_tool.services import outbox

        # Scores are written inside the progress transaction (see lti_tool.services.outbox).
        events.lesson_completed.connect(
            outbox.record_lesson_completed, dispatch_uid="lti_tool.score_lesson"
        )
        events.step_completed.connect(
            outbox.record_step_completed, dispatch_uid="lti_tool.score_step"
        )
        events.register_step_reconciler("step scores", outbox.reconcile_step_scores)

from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Programme content hub"
    default = True

    def ready(self) -> None:
        from hub import content_changes, context_processors, progress
        from hub.models import pages

        content_changes.connect()
        # What the page models do not know, added to their context from above them.
        pages.extend_context(pages.ProgrammePage, context_processors.add_programme_context)
        pages.extend_context(pages.StepPage, progress.add_step_context)
        pages.extend_context(pages.LessonPage, progress.add_lesson_context)


class EditorialUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user forms that explain the editorial groups."""

    user_viewset = "hub.users.EditorialUserViewSet"

from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Programme content hub"
    default = True

    def ready(self) -> None:
        from hub import content_changes

        content_changes.connect()


class EditorialUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user forms that explain the editorial groups."""

    user_viewset = "hub.users.EditorialUserViewSet"

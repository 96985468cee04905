from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Programme content hub"
    default = True


class EditorialUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with user forms that explain the editorial groups."""

    user_viewset = "hub.users.EditorialUserViewSet"

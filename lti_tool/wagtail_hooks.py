"""The LTI section of the Wagtail admin, registered with Wagtail (which finds this module).

Everything registered here is defined in :mod:`lti_tool.admin`: the viewsets of platforms,
deployments and keys, and the setup and gradebook-score pages.
"""

from __future__ import annotations

from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lti_tool.admin.views import LtiAdministrationMenuItem, scores_view, setup_view
from lti_tool.admin.viewsets import LtiViewSetGroup


@hooks.register("register_admin_viewset")
def register_lti_viewsets() -> LtiViewSetGroup:
    return LtiViewSetGroup()


@hooks.register("register_admin_urls")
def register_setup_url() -> list[URLPattern]:
    return [path("lti/setup/", setup_view, name="lti_setup")]


@hooks.register("register_admin_menu_item")
def register_setup_menu_item() -> MenuItem:
    return LtiAdministrationMenuItem("LTI setup", reverse("lti_setup"), icon_name="cogs", order=801)


@hooks.register("register_admin_urls")
def register_scores_url() -> list[URLPattern]:
    return [path("lti/scores/", scores_view, name="lti_scores")]


@hooks.register("register_admin_menu_item")
def register_scores_menu_item() -> MenuItem:
    return LtiAdministrationMenuItem(
        "Gradebook scores", reverse("lti_scores"), icon_name="list-ul", order=802
    )

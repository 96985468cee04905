"""The LTI section of the Wagtail admin menu: platforms, deployments and signing keys."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lti_tool.models import Deployment, Registration, ToolKey


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "lti_registration"
    url_prefix = "lti/platforms"
    icon = "link"
    menu_label = "Platforms"
    add_to_admin_menu = False
    list_display = [
        "name",
        "issuer",
        "client_id",
        BooleanColumn("active"),
        Column("score_reporting", accessor="get_score_reporting_display", label="Progress sent as"),
        DateColumn("created_at", label="Added"),
    ]
    list_filter = ["active", "product_family_code", "score_reporting"]
    search_fields = ["name", "issuer", "client_id"]
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("issuer"), FieldPanel("client_id")], heading="Platform identity"
        ),
        MultiFieldPanel(
            [
                FieldPanel("auth_login_url"),
                FieldPanel("auth_token_url"),
                FieldPanel("key_set_url"),
                FieldPanel("audience"),
            ],
            heading="Platform endpoints",
        ),
        FieldRowPanel([FieldPanel("active"), FieldPanel("auto_activate_deployments")]),
        MultiFieldPanel(
            [FieldPanel("product_family_code"), FieldPanel("score_reporting")],
            heading="Gradebook",
        ),
    ]


class DeploymentViewSet(ModelViewSet):
    model = Deployment
    name = "lti_deployment"
    url_prefix = "lti/deployments"
    icon = "site"
    menu_label = "Deployments"
    add_to_admin_menu = False
    list_display = [
        "__str__",
        "deployment_id",
        Column("registration"),
        BooleanColumn("active"),
        DateColumn("created_at", label="First seen"),
    ]
    list_filter = ["active", "registration"]
    search_fields = ["deployment_id", "name"]
    panels = [
        HelpPanel(
            "A deployment launches only when it is active. Unknown deployments appear "
            "here, inactive, after their first launch."
        ),
        FieldPanel("registration"),
        FieldPanel("deployment_id"),
        FieldPanel("name"),
        FieldPanel("active"),
    ]


class ToolKeyViewSet(ModelViewSet):
    model = ToolKey
    name = "lti_key"
    url_prefix = "lti/keys"
    icon = "key"
    menu_label = "Signing keys"
    add_to_admin_menu = False
    list_display = [
        "kid",
        BooleanColumn("active"),
        DateColumn("created_at"),
        DateColumn("publish_until", label="Published until"),
    ]
    form_fields = ["publish_until"]
    inspect_view_enabled = True
    create_view_enabled = False


class LtiViewSetGroup(ViewSetGroup):
    menu_label = "LTI"
    menu_icon = "link"
    menu_order = 800
    items = (RegistrationViewSet, DeploymentViewSet, ToolKeyViewSet)

"""The LTI section of the Wagtail admin: registrations, deployments, keys, setup values."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy

from lti_tool.configuration import tool_configuration
from lti_tool.models import Deployment, Registration, RegistrationToken, ToolKey
from lti_tool.urls_helpers import tool_url


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


@hooks.register("register_admin_viewset")
def register_lti_viewsets() -> LtiViewSetGroup:
    return LtiViewSetGroup()


def _can_manage(request: HttpRequest) -> bool:
    policy = ModelPermissionPolicy(Registration)
    return policy.user_has_permission(request.user, "change")


class LtiAdministrationMenuItem(MenuItem):
    """A menu item for pages only LTI administrators may open (those who may change
    platform registrations): editors never see a link that would turn them away."""

    def is_shown(self, request: HttpRequest) -> bool:
        return _can_manage(request)


def setup_view(request: HttpRequest) -> HttpResponse:
    """Values an LMS administrator copies, and one-time Dynamic Registration links."""
    if not _can_manage(request):
        return redirect("wagtailadmin_home")
    new_link = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "registration_link":
            _, token = RegistrationToken.issue()
            new_link = tool_url(request, "lti:register") + "?token=" + token
            messages.success(request, "A new one-time registration link is ready (below).")
        elif action == "rotate_key":
            key = ToolKey.rotate()
            messages.success(
                request,
                f"New signing key {key.kid[:12]} is in use; earlier keys "
                "stay published for seven days.",
            )
            return redirect("lti_setup")
    return TemplateResponse(
        request,
        "lti_tool/admin_setup.html",
        {
            "config": tool_configuration(request),
            "new_link": new_link,
            "keys": ToolKey.objects.published(),
            "pending": Deployment.objects.filter(active=False).select_related("registration"),
        },
    )


@hooks.register("register_admin_urls")
def register_setup_url() -> list:
    return [path("lti/setup/", setup_view, name="lti_setup")]


@hooks.register("register_admin_menu_item")
def register_setup_menu_item() -> MenuItem:
    return LtiAdministrationMenuItem("LTI setup", reverse("lti_setup"), icon_name="cogs", order=801)


# --- Gradebook scores (the AGS outbox) ---------------------------------------------------------
def scores_view(request: HttpRequest) -> HttpResponse:
    """Scores waiting, failed and delivered, per platform, with "retry now"."""
    from django.db.models import Count, Q

    from lti_tool.models import Score
    from lti_tool.services import outbox

    if not _can_manage(request):
        return redirect("wagtailadmin_home")
    if request.method == "POST":
        score, platform = request.POST.get("score", ""), request.POST.get("registration", "")
        if score.isdigit():
            chosen = Score.objects.filter(pk=int(score))
        elif platform.isdigit():
            chosen = Score.objects.filter(
                registration_id=int(platform),
                status__in=Score.WAITING,
            )
        else:
            messages.error(request, "Choose a score or a platform to retry.")
            return redirect(request.get_full_path())
        count = outbox.retry_now(chosen)
        if count:
            messages.success(request, f"{count} score(s) queued to be sent now.")
        else:
            messages.warning(request, "Nothing to retry: those scores are delivered or gone.")
        return redirect(request.get_full_path())
    statuses = [s for s, _ in Score.Status.choices]
    summary = (
        Registration.objects.annotate(
            total=Count("scores"),
            **{status: Count("scores", filter=Q(scores__status=status)) for status in statuses},
        )
        .filter(total__gt=0)
        .order_by("name")
    )
    rows = Score.objects.select_related("registration", "line_item", "user").order_by("-timestamp")
    status = request.GET.get("status", "failed")
    if status in statuses:
        rows = rows.filter(status=status)
    registration = request.GET.get("registration", "")
    if registration.isdigit():
        rows = rows.filter(registration_id=int(registration))
    return TemplateResponse(
        request,
        "lti_tool/admin_scores.html",
        {
            "summary": summary,
            "rows": rows[:200],
            "status": status,
            "statuses": Score.Status.choices,
            "registration": registration,
        },
    )


@hooks.register("register_admin_urls")
def register_scores_url() -> list:
    return [path("lti/scores/", scores_view, name="lti_scores")]


@hooks.register("register_admin_menu_item")
def register_scores_menu_item() -> MenuItem:
    return LtiAdministrationMenuItem(
        "Gradebook scores", reverse("lti_scores"), icon_name="list-ul", order=802
    )

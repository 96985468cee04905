"""The LTI pages of the Wagtail admin: setup values and one-time links, gradebook scores.

Only LTI administrators (those who may change platform registrations) open them; the menu
items that lead here are shown to no one else. ``lti_tool/wagtail_hooks.py`` registers them.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.menu import MenuItem
from wagtail.permissions import ModelPermissionPolicy

from lti_tool.models import Deployment, Registration, RegistrationToken, Score, ToolKey
from lti_tool.registration.configuration import tool_configuration
from lti_tool.services import outbox
from lti_tool.urls_helpers import tool_url


def can_manage(request: HttpRequest) -> bool:
    """May this person change platform registrations (the LTI administrators)?"""
    policy = ModelPermissionPolicy(Registration)
    return policy.user_has_permission(request.user, "change")


class LtiAdministrationMenuItem(MenuItem):
    """A menu item for pages only LTI administrators may open (those who may change
    platform registrations): editors never see a link that would turn them away."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_manage(request)


def setup_view(request: HttpRequest) -> HttpResponse:
    """Values an LMS administrator copies, and one-time Dynamic Registration links."""
    if not can_manage(request):
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


# --- Gradebook scores (the AGS outbox) ---------------------------------------------------------
def scores_view(request: HttpRequest) -> HttpResponse:
    """Scores waiting, failed and delivered, per platform, with "retry now"."""
    if not can_manage(request):
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

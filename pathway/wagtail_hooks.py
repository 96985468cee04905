"""Wagtail admin: editors' accreditation requirements (snippets) and the assessors' review
queue and accreditation pages."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pathway import admin_views, reviewing
from pathway.models import Requirement


class RequirementViewSet(SnippetViewSet):
    """Per accreditation: steps required, rubric, referee questions, assessors, validity."""

    model = Requirement
    icon = "list-ul"
    menu_label = "Accreditation requirements"
    menu_name = "accreditation-requirements"
    add_to_admin_menu = True
    menu_order = 905
    list_display = ["achievement", "assessors_required", "validity_days", "renewal_window_days"]


register_snippet(RequirementViewSet)

_admin_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.review, name="review"),
        path("accreditations/", admin_views.accreditations, name="accreditations"),
        path("accreditations/<int:pk>/", admin_views.standing, name="standing"),
    ],
    "pathway_admin",
)


@hooks.register("register_admin_urls")
def register_review_urls() -> list[Any]:
    return [path("pathway/", include(_admin_urls))]


class AssessorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return reviewing.may_review(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item() -> MenuItem:
    return AssessorMenuItem(
        "Accreditation reviews", reverse("pathway_admin:queue"), icon_name="tasks", order=908
    )

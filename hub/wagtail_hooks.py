"""Wagtail admin integration for the hub: the editors' accessibility checker and page views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from hub import content_changes
from hub.models import (
    GlossaryPage,
    LessonPage,
    MentorIndexPage,
    MentorPage,
    ProgrammePage,
    StepPage,
)
from hub.views import handle_lesson_post

HUB_PAGE_MODELS = (ProgrammePage, StepPage, LessonPage, MentorIndexPage, MentorPage, GlossaryPage)


class CreateWithoutAutosaveView(CreateView):
    """The "add page" form, which never saves by itself.

    Wagtail's autosave on the add form creates the page as soon as the required fields are
    filled in: an attempt the editor abandons stays behind as a draft, holding the slug the
    next attempt needs. A page here exists only once the editor chooses "Save draft" (or
    submits it); from then on the edit form autosaves as usual.
    """

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        return context

    def post(self, request: Any) -> Any:
        if self.expects_json_response and self.action_name == "save":
            # Only autosave posts for JSON on this form; a page it made would be a ghost.
            return self.json_error_response(
                "autosave_disabled_on_create",
                "New pages are saved when you choose “Save draft”.",
            )
        return super().post(request)


@hooks.register("before_delete_page")
def keep_pages_that_hold_learners_progress(request: HttpRequest, page: Page) -> Any:
    """Deleting a lesson or step would erase learners' answers, reflections and completions
    (they cascade with the page): such a page can be unpublished, not deleted."""
    held = content_changes.learners_with_progress(page)
    if not held:
        return None
    messages.error(
        request,
        f"“{page.get_admin_display_title()}” cannot be deleted: {held} learner(s) have "
        "progress on it or on pages below it, and deleting would erase it. Unpublish the "
        "page instead; learners keep what they completed.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_pages_that_hold_learners_progress_in_bulk(
    request: HttpRequest, action_type: str, objects: Any, action: Any
) -> Any:
    """The same rule for the page explorer's bulk delete."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    held = [page for page in objects if content_changes.learners_with_progress(page)]
    if not held:
        return None
    titles = ", ".join(f"“{page.get_admin_display_title()}”" for page in held)
    messages.error(
        request,
        f"Nothing was deleted: learners have progress on {titles}. Unpublish those pages "
        "instead; learners keep what they completed.",
    )
    return redirect("wagtailadmin_explore", held[0].get_parent().pk)


@hooks.register("register_admin_viewset")
def register_programme_page_viewsets() -> list[PageViewSet]:
    return [
        PageViewSet(
            name=f"hub_{model._meta.model_name}",
            model=model,
            add_view_class=CreateWithoutAutosaveView,
        )
        for model in HUB_PAGE_MODELS
    ]


class ProgrammeContentChecker(ContentCheckerItem):
    """Wagtail's built-in checker, with extra rules that matter for the programme's readers.

    It runs in the page editor's "Checks" panel and the userbar on previews and live pages.
    """

    axe_include = ["main"]
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "label",
        "list",
        "listitem",
        "duplicate-id-aria",
        "video-caption",
        "link-in-text-block",
        "color-contrast",
    ]


@hooks.register("construct_wagtail_userbar")
def use_programme_content_checker(request: Any, items: list[Any], page: Any = None) -> None:
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ProgrammeContentChecker):
            items[index] = ProgrammeContentChecker()


@hooks.register("before_serve_page")
def answer_lesson_posts(page: Page, request: HttpRequest, serve_args: Any, serve_kwargs: Any):
    """A lesson's POST (an answer, a reflection, "I have finished") is answered by the hub's
    lesson view; GETs are served by the page as usual."""
    if request.method == "POST" and isinstance(page, LessonPage):
        return handle_lesson_post(request, page)
    return None

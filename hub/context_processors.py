"""Template context shared by every page: the programme's navigation, found once per request.

Every page renders the header and footer from the same few pages (the programme's home, its
steps, the mentor directory and the glossary), and rich text links glossary terms to the
glossary page. :func:`navigation` looks them up at most once per request, and only when a
template uses them: framed pages, which show no header, never ask for the steps. Nothing is
kept between requests, so a page published a moment ago shows on the next one.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from hub.models.pages import GlossaryPage, MentorIndexPage, ProgrammePage, StepPage


class Navigation:
    """The programme's home, steps, mentor directory and glossary, each looked up once."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request

    @cached_property
    def home(self) -> Page | None:
        """The live programme: the site's root page, which serving the page has found already.

        Falls back to a query when the site's root is something else (a programme has at
        most one, so both find the same page).
        """
        site = Site.find_for_request(self.request) if self.request is not None else None
        root = site.root_page if site is not None else None
        if root is not None and root.live and issubclass(root.specific_class, ProgrammePage):
            return root
        return ProgrammePage.objects.live().first()

    @cached_property
    def _sections(self) -> dict[type, Page]:
        """The first live mentor directory and glossary under the home, in one query."""
        if self.home is None:
            return {}
        found: dict[type, Page] = {}
        children = Page.objects.child_of(self.home).live().type(MentorIndexPage, GlossaryPage)
        for page in children.order_by("path"):
            found.setdefault(page.specific_class, page)
        return found

    @property
    def mentor_index(self) -> Page | None:
        return self._sections.get(MentorIndexPage)

    @property
    def glossary(self) -> Page | None:
        return self._sections.get(GlossaryPage)

    @cached_property
    def steps(self) -> list[Any]:
        """The programme's live steps in order (``ProgrammePage.steps``)."""
        if self.home is None:
            return []
        steps = StepPage.objects.child_of(self.home).live()
        return list(steps.order_by("step_number", "path"))


def navigation(request: HttpRequest | None) -> Navigation:
    """The request's navigation (a new one when there is no request)."""
    if request is None:
        return Navigation()
    found = getattr(request, "_hub_navigation", None)
    if found is None:
        # Kept on the request itself: it lives exactly as long as the request.
        found = request._hub_navigation = Navigation(request)  # type: ignore[attr-defined]
    return found


def programme(request: HttpRequest) -> dict[str, Any]:
    """The programme's home, mentor directory, glossary and steps, for the header and footer."""
    found = navigation(request)
    return {
        "programme_home": SimpleLazyObject(lambda: found.home),
        "nav_mentors": SimpleLazyObject(lambda: found.mentor_index),
        "nav_glossary": SimpleLazyObject(lambda: found.glossary),
        "nav_steps": SimpleLazyObject(lambda: found.steps),
    }


def add_programme_context(
    page: Page, request: HttpRequest, context: dict[str, Any], options: dict[str, Any]
) -> None:
    """A programme page shown as the site's home reuses the steps and the mentor directory
    the header's navigation has looked up for this request (registered in HubConfig.ready())."""
    found = navigation(request)
    if found.home is not None and found.home.pk == page.pk:
        context["steps"] = found.steps
        context["mentor_index"] = found.mentor_index

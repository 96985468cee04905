"""The frame itself: what every page shown inside the LMS after a launch shares.

Each URL carries the launch session token (see :mod:`lti_tool.launch.sessions`); that token, not a
cookie, says who the learner is. :func:`framed` loads the session and the learner, and refuses
cross-origin posts; :func:`register_lesson_panel` lets other apps (the discussion) show a
section under every framed lesson without the tool importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from hub.models import Learner, LessonPage, StepPage
from lti_tool.launch.sessions import LaunchSession

View = Callable[..., HttpResponse]


class FramedRequest(HttpRequest):
    """A request inside the LMS frame, as :func:`framed` hands it to its view: with the
    learner of the launch session (loaded when first used)."""

    learner: Learner


@dataclass(frozen=True)
class FramedLesson:
    """What the framed lesson view has worked out already, for the sections under it."""

    lesson: LessonPage
    open_to_learner: bool  # the lesson's step is open to the session's learner
    step_lesson_ids: frozenset[int]  # the live lessons of the linked step


LessonPanel = Callable[["FramedRequest", LaunchSession, FramedLesson], str]


#: Sections other apps show under a framed lesson, by name (see :func:`register_lesson_panel`).
LESSON_PANELS: dict[str, LessonPanel] = {}


def register_lesson_panel(name: str, panel: LessonPanel) -> None:
    """Show ``panel(request, session, framed_lesson)``'s HTML under every framed lesson.

    Apps that build on the tool (the discussion) register from their ``AppConfig.ready()``,
    so the tool never imports them.
    """
    LESSON_PANELS[name] = panel


CohortPanel = Callable[["FramedRequest", LaunchSession], str]
#: Sections other apps show in the cohort view, by name (see :func:`register_cohort_panel`).
COHORT_PANELS: dict[str, CohortPanel] = {}


def register_cohort_panel(name: str, panel: CohortPanel) -> None:
    """Show ``panel(request, session)``'s HTML in the cohort view (to its tutors and mentors)."""
    COHORT_PANELS[name] = panel


FrameLink = Callable[["FramedRequest", LaunchSession], "tuple[str, str] | None"]

#: Links other apps add to the framed pages' navigation, by name (see register_frame_link).
FRAME_LINKS: dict[str, FrameLink] = {}


def register_frame_link(name: str, link: FrameLink) -> None:
    """Show ``link(request, session)``'s (label, url) beside "My badges" in the framed pages'
    navigation; ``None`` leaves it out for that person. Registered from ``AppConfig.ready()``."""
    FRAME_LINKS[name] = link


def frame_links(request: FramedRequest, session: LaunchSession) -> list[tuple[str, str]]:
    """The registered links that apply to this request, in registration order."""
    found = (link(request, session) for link in FRAME_LINKS.values())
    return [each for each in found if each is not None]


def framed(view: View) -> View:
    """Load the launch session named in the URL; refuse cross-origin posts."""

    @csrf_exempt
    @xframe_options_exempt
    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        session = LaunchSession.load(token)
        if session is None:
            return render(request, "lti_tool/session_ended.html", status=403)
        origin = request.headers.get("Origin")
        if (
            request.method == "POST"
            and origin
            and origin != f"{request.scheme}://{request.get_host()}"
        ):
            return render(
                request,
                "lti_tool/refused.html",
                {"message": "That form came from another site and was not saved."},
                status=403,
            )
        # Read when a view needs it (the landing redirect does not).
        in_frame = cast(FramedRequest, request)
        in_frame.learner = cast(
            Learner, SimpleLazyObject(lambda: Learner.objects.get(pk=session.learner_id))
        )
        return view(in_frame, session, *args, **kwargs)

    return wrapper


def linked_live_page(session: LaunchSession) -> Page | None:
    """The page the session's link shows, if it is live (loaded with the session)."""
    if session.resource_link_id is None:
        return None
    link = session.resource_link
    if link is None or link.page is None or not link.page.live:
        return None
    return link.page


def linked_page(session: LaunchSession) -> Page | None:
    """The linked live page as its specific type (a step or a lesson, usually)."""
    page = linked_live_page(session)
    return page.specific if page is not None else None


def step_of(page: Page) -> StepPage | None:
    """The step a step or lesson page belongs to (``None`` for any other page)."""
    if isinstance(page, StepPage):
        return page
    if isinstance(page, LessonPage):
        return page.step
    return None

"""Pages shown inside the LMS frame after a launch: lessons, steps, Deep Linking, cohort.

Each URL carries the launch session token (see :mod:`lti_tool.sessions`); that token, not a
cookie, says who the learner is. Views stay thin: they load the session, call the hub's
progress functions or the deep-linking module, and render a compact template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from badges.public import step_badge_name
from hub import progress
from hub.lesson_contents import contents_for
from hub.models import Learner, LessonPage, StepPage
from hub.views import NOTICES, STEP_COMPLETE, apply_lesson_action
from lti_tool import deep_linking
from lti_tool.models import Deployment, Registration
from lti_tool.sessions import LaunchSession
from lti_tool.urls_helpers import tool_url

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
NOTICE_ANCHOR = "plh-notice"  # the result of a lesson's form, at the top of framed_lesson.html


#: Sections other apps show under a framed lesson, by name (see :func:`register_lesson_panel`).
LESSON_PANELS: dict[str, LessonPanel] = {}


def register_lesson_panel(name: str, panel: LessonPanel) -> None:
    """Show ``panel(request, session, framed_lesson)``'s HTML under every framed lesson.

    Apps that build on the tool (the discussion) register from their ``AppConfig.ready()``,
    so the tool never imports them.
    """
    LESSON_PANELS[name] = panel


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


def _linked_live_page(session: LaunchSession) -> Page | None:
    """The page the session's link shows, if it is live (loaded with the session)."""
    if session.resource_link_id is None:
        return None
    link = session.resource_link
    if link is None or link.page is None or not link.page.live:
        return None
    return link.page


def _linked_page(session: LaunchSession) -> Page | None:
    page = _linked_live_page(session)
    return page.specific if page is not None else None


def _step_of(page: Page) -> StepPage | None:
    if isinstance(page, StepPage):
        return page
    if isinstance(page, LessonPage):
        return page.step
    return None


def _page_in_step(
    step: StepPage, page_id: int, linked: Page | None = None
) -> StepPage | LessonPage | None:
    """The linked step itself or one of its live lessons, found in at most one query (none
    when it is the step or the linked lesson, which the session has loaded already).

    A lesson found here knows its step, so nothing looks the step up again while the page
    is rendered.
    """
    if page_id == step.pk:
        return step if step.live else None
    if isinstance(linked, LessonPage) and linked.pk == page_id:
        return linked if linked.live else None
    lesson = step.lessons().filter(pk=page_id).first()
    if lesson is not None:
        lesson.step = step  # the cached property ``LessonPage.step``
    return lesson


def _page_url(session: LaunchSession, page: Page) -> str:
    return reverse("lti:page", kwargs={"token": session.token, "page_id": page.pk})


@framed
def resume(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Where a launch lands: the linked page (a step resumes at the learner's next lesson)."""
    page = _linked_live_page(session)  # its id is all the redirect needs
    if page is None:
        return render(request, "lti_tool/link_not_set.html", {"session": session}, status=200)
    return HttpResponseRedirect(_page_url(session, page))


@framed
def page(request: FramedRequest, session: LaunchSession, page_id: int) -> HttpResponse:
    """A step or lesson in the compact layout, limited to the linked step."""
    linked = _linked_page(session)
    step = _step_of(linked) if linked else None
    if step is None:
        raise Http404("This link does not show a step or lesson.")
    target = _page_in_step(step, page_id, linked)
    if target is None:
        raise Http404("That page is not part of this course link, or not published.")
    base = {
        "session": session,
        "step": step,
        "token": session.token,
        "cohort_url": reverse("lti:cohort", kwargs={"token": session.token}),
    }
    if isinstance(target, StepPage) and (session.is_staff or session.is_mentor):
        return _tutor_step(request, session, target, base)
    if isinstance(target, StepPage):
        context = target.get_context(request)
        context.update(base, **_locked_links(context["access"], request))
        context["lesson_urls"] = {
            lesson.pk: _page_url(session, lesson) for lesson in context["lessons"]
        }
        return render(request, "lti_tool/framed_step.html", context)

    lesson: LessonPage = target
    code = request.GET.get("notice", "")
    status, notice, feedback, error = 200, NOTICES.get(code, ""), {}, ""
    access = None  # decided by the lesson's context after a POST
    if request.method == "POST":
        result = apply_lesson_action(request, lesson)
        if result.ok and result.redirect:
            # An explicit fragment: without one, browsers keep the form's (``#reflect-…``)
            # across the redirect and the page opens scrolled away from the result.
            url = f"{_page_url(session, lesson)}?notice={result.code}#{NOTICE_ANCHOR}"
            return HttpResponseRedirect(url)
        feedback, status = result.feedback, result.status
        if result.ok:  # an answer: its feedback in place, and what it completed on top
            code, notice = result.code, result.message
        else:
            code, error = "", result.message
    else:
        # A locked step records nothing; the page explains why from the access returned.
        access = progress.open_lesson(request.learner, lesson)
    context = lesson.get_context(request, feedback=feedback, access=access)
    previous_lesson, next_lesson = context["previous_lesson"], context["next_lesson"]
    context.update(
        base,
        **_locked_links(context["access"], request),
        error_message=error,
        notice=notice,
        # After an answer, focus goes to its feedback (where the learner is), not to the top.
        notice_takes_focus=not feedback,
        step_progress=progress.step_progress(
            request.learner, step, lessons=context["step_lessons"]
        ),
        previous_url=_page_url(session, previous_lesson) if previous_lesson else "",
        next_url=_page_url(session, next_lesson) if next_lesson else "",
        step_url=_page_url(session, step),
        contents=contents_for(lesson),
        lesson_panels=_lesson_panels(request, session, lesson, context),
    )
    # Only when the step really is complete: the notice is a URL parameter anyone can type.
    if code in STEP_COMPLETE and context["step_progress"].complete:
        context.update(_step_finished(request.learner, step, session))
    return render(request, "lti_tool/framed_lesson.html", context, status=status)


def _lesson_panels(
    request: FramedRequest, session: LaunchSession, lesson: LessonPage, context: dict[str, Any]
) -> list[str]:
    """The registered sections' HTML, each told what the view already knows."""
    if not LESSON_PANELS:
        return []
    known = FramedLesson(
        lesson=lesson,
        open_to_learner=context["access"].allowed,
        step_lesson_ids=frozenset(each.pk for each in context["step_lessons"]),
    )
    return [panel(request, session, known) for panel in LESSON_PANELS.values()]


def _step_finished(learner: Learner, step: StepPage, session: LaunchSession) -> dict[str, Any]:
    """What a learner who has just completed the step has earned, and where to go next.

    The next step is outside this course link, so it opens on the public site in a new tab.
    """
    following = step.get_next_siblings().live().type(StepPage).specific().first()
    return {
        "step_finished": True,
        "earned_badge": step_badge_name(learner, step),
        "my_badges_url": reverse("lti:my_badges", kwargs={"token": session.token}),
        "next_step": following,
    }


def _tutor_step(
    request: HttpRequest, session: LaunchSession, step: StepPage, base: dict[str, Any]
) -> HttpResponse:
    """Tutors and mentors: who is where in this step, and the way to the cohort view.

    The learner's view ("0 of 3 lessons completed, Start with…") says nothing useful to
    someone who teaches the step. Counts need the same right as the cohort view itself.
    """
    from lti_tool import cohort as cohorts

    lessons = list(step.lessons())
    overview = None
    if cohorts.may_view_cohort(session.context_id, session.lti_user_id, session.roles):
        overview = cohorts.cohort_overview(session.context_id, step)
    context = {
        **base,
        "page": step,
        "lessons": lessons,
        "lesson_urls": {lesson.pk: _page_url(session, lesson) for lesson in lessons},
        "overview": overview,
        "status_labels": cohorts.STATUS_LABELS,
    }
    return render(request, "lti_tool/framed_step_tutor.html", context)


def _locked_links(access: progress.StepAccess, request: HttpRequest) -> dict[str, Any]:
    """Inside the frame only the linked step is reachable: link out to the step to do first."""
    if access.do_first is None:
        return {}
    return {"do_first_url": access.do_first.get_full_url(request), "do_first_new_tab": True}


@framed
def deep_link(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The picker an instructor uses to add steps and lessons to their course."""
    if session.message_type != "LtiDeepLinkingRequest":
        raise Http404("This launch is not a Deep Linking request.")
    settings = session.deep_linking_settings
    query = request.GET.get("q", "").strip()[:100]
    pages = deep_linking.selectable_pages()
    if query:
        lowered = query.lower()
        pages = [
            p
            for p in pages
            if lowered in p.title.lower() or lowered in getattr(p, "summary", "").lower()
        ]
    context: dict[str, Any] = {
        "session": session,
        "pages": pages,
        "query": query,
        "settings": settings,
        "accept_multiple": settings.get("accept_multiple", True) not in (False, "false"),
        "selected": set(request.POST.getlist("page")),
        "gradebook": request.POST.get("gradebook") == "on",
        "label": request.POST.get("label", ""),
        "score_maximum": request.POST.get("score_maximum", "100"),
    }
    if request.method != "POST":
        return render(request, "lti_tool/deep_link.html", context)

    registration = Registration.objects.get(pk=session.registration_id)
    deployment = Deployment.objects.get(pk=session.deployment_id)
    if request.POST.get("cancel"):
        items: list[dict] = []
        message = "No items were added."
    else:
        try:
            chosen, column = deep_linking.parse_choice(
                request.POST.getlist("page"),
                settings,
                context["gradebook"],
                context["label"],
                context["score_maximum"],
            )
        except deep_linking.DeepLinkingError as error:
            context["error_message"] = str(error)
            return render(request, "lti_tool/deep_link.html", context, status=400)
        items = deep_linking.content_items(chosen, tool_url(request, "lti:launch"), column)
        message = (
            f"Added {len(items)} item{'s' if len(items) != 1 else ''} from Peer Leadership Hub."
        )
    token = deep_linking.response_jwt(
        registration, deployment.deployment_id, settings, items, message=message
    )
    return render(
        request,
        "lti_tool/deep_link_return.html",
        {"return_url": settings.get("deep_link_return_url", ""), "jwt": token, "items": items},
    )


COHORT_REFUSED = "Only tutors and mentors of this course can see its cohort."


def _cohort_overview(session: LaunchSession, status_filter: str) -> tuple[Any, Any]:
    """The step the launched link belongs to, and its cohort overview (page and CSV alike)."""
    from lti_tool import cohort as cohorts

    linked = _linked_page(session)
    step = _step_of(linked) if linked else None
    return step, cohorts.cohort_overview(session.context_id, step, status_filter)


@framed
def cohort(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Staff and mentors: progress of the learners in this course, lesson by lesson."""
    from lti_tool import cohort as cohorts

    if not cohorts.may_view_cohort(session.context_id, session.lti_user_id, session.roles):
        return render(
            request,
            "lti_tool/refused.html",
            {"message": COHORT_REFUSED},
            status=403,
        )
    cohort_url = reverse("lti:cohort", kwargs={"token": session.token})
    sync_asked = request.method == "POST" and request.POST.get("action") == "sync"
    if sync_asked and session.is_staff and session.context_id is not None:
        from lti_tool.models import Context
        from lti_tool.services.nrps import request_sync

        context = Context.objects.get(pk=session.context_id)
        request_sync(context, force=True)
        return HttpResponseRedirect(cohort_url)
    if request.GET.get("part") == "sync":  # the status region, refreshed by cohort.js
        sync = cohorts.sync_state(session.context_id)
        response = render(
            request,
            "lti_tool/cohort_sync_status.html",
            {"sync": sync, "cohort_url": cohort_url},
        )
        response["X-Sync-Busy"] = "1" if sync.busy else "0"
        return response
    step, overview = _cohort_overview(session, request.GET.get("status", ""))
    return render(
        request,
        "lti_tool/cohort.html",
        {
            "session": session,
            "step": step,
            "overview": overview,
            "filters": cohorts.FILTERS,
            "status_labels": cohorts.STATUS_LABELS,
            "sync": cohorts.sync_state(session.context_id),
            "cohort_url": cohort_url,
            "csv_url": reverse("lti:cohort_csv", kwargs={"token": session.token}),
            "back_url": reverse("lti:resume", kwargs={"token": session.token}),
        },
    )


@framed
def cohort_csv(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The cohort overview (as filtered) as a CSV download, for the same people."""
    from lti_tool import cohort as cohorts

    if not cohorts.may_view_cohort(session.context_id, session.lti_user_id, session.roles):
        return HttpResponse(COHORT_REFUSED, status=403)
    _, overview = _cohort_overview(session, request.GET.get("status", ""))
    response = HttpResponse(cohorts.cohort_csv(overview), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cohort-progress.csv"'
    return response

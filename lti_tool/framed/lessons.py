"""The lessons and steps shown inside the LMS frame, and where a launch lands.

Views stay thin: they load the session (through :func:`~lti_tool.framed.frame.framed`), call
the hub's progress functions and lesson actions, and render a compact template.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Page

from badges.public import step_badge_name
from hub import progress
from hub.lesson_actions import NOTICES, STEP_COMPLETE, apply_lesson_action
from hub.lesson_contents import contents_for
from hub.models import Learner, LessonPage, StepPage
from lti_tool.framed import cohort as cohorts
from lti_tool.framed.frame import (
    LESSON_PANELS,
    FramedLesson,
    FramedRequest,
    framed,
    linked_live_page,
    linked_page,
    step_of,
)
from lti_tool.launch.sessions import LaunchSession

NOTICE_ANCHOR = "plh-notice"  # the result of a lesson's form, at the top of framed_lesson.html


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
    page = linked_live_page(session)  # its id is all the redirect needs
    if page is None:
        return render(request, "lti_tool/link_not_set.html", {"session": session}, status=200)
    return HttpResponseRedirect(_page_url(session, page))


@framed
def page(request: FramedRequest, session: LaunchSession, page_id: int) -> HttpResponse:
    """A step or lesson in the compact layout, limited to the linked step."""
    linked = linked_page(session)
    step = step_of(linked) if linked else None
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

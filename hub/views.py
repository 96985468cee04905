"""Thin views: parse the request, call one function from :mod:`hub.progress`, render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from hub import progress
from hub.models.snippets import GlossaryTerm

if TYPE_CHECKING:
    from hub.models.pages import LessonPage


NOTICES = {
    "reflection_saved": "Your reflection is saved.",
    "reflection_lesson_complete": "Your reflection is saved. Lesson complete.",
    "reflection_step_complete": (
        "Your reflection is saved. You have completed this step. Well done."
    ),
    "answer_lesson_complete": "Lesson complete.",
    "answer_step_complete": "You have completed this step. Well done.",
    "step_complete": "You have completed this step. Well done.",
    "lesson_complete": "Lesson complete.",
    "saved_incomplete": "Saved. Some parts of this lesson are still to do.",
}

#: The outcomes that complete the lesson's step, whichever action did it: the page then says
#: what the learner earned and where to go next.
STEP_COMPLETE = frozenset({"step_complete", "reflection_step_complete", "answer_step_complete"})


def _completion_code(prefix: str, lesson_done: bool, step_done: bool, otherwise: str) -> str:
    if step_done:
        return f"{prefix}step_complete"
    if lesson_done:
        return f"{prefix}lesson_complete"
    return otherwise


@dataclass
class LessonAction:
    """What a learner's POST on a lesson did."""

    ok: bool
    message: str = ""
    code: str = ""  # a stable name for the outcome, e.g. "reflection_saved"
    feedback: dict[str, Any] = field(default_factory=dict)  # knowledge-check feedback
    redirect: bool = False  # True: show the lesson again with a GET (post/redirect/get)
    status: int = 200  # the HTTP status a refusal answers with (400 bad input, 403 locked)


def apply_lesson_action(request: HttpRequest, lesson: LessonPage) -> LessonAction:
    """Record a knowledge-check answer, a reflection or the end of a lesson.

    Bad input changes nothing and comes back as ``ok=False`` with a message for the learner.
    """
    learner = progress.learner_for(request)
    action = request.POST.get("action", "")
    try:
        if action == "answer":
            question_id = request.POST.get("question_id", "")
            raw = request.POST.get("option", "")
            if not raw.isdigit():
                raise progress.UnknownQuestion("Choose an answer before checking it.")
            outcome = progress.answer_question(learner, lesson, question_id, int(raw))
            # The answer's feedback shows in place; an answer that completes the lesson or
            # its step also says so (without a redirect, which would lose the feedback).
            code = _completion_code("answer_", outcome.lesson_completed, outcome.step_completed, "")
            return LessonAction(
                True,
                NOTICES.get(code, ""),
                code,
                feedback={question_id: {"option": int(raw), **vars(outcome)}},
            )
        if action == "reflect":
            lesson_done, step_done = progress.save_reflection(
                learner,
                lesson,
                request.POST.get("prompt_id", ""),
                request.POST.get("text", ""),
                shared=request.POST.get("shared") == "on",
            )
            code = _completion_code("reflection_", lesson_done, step_done, "reflection_saved")
            return LessonAction(True, NOTICES[code], code, redirect=True)
        if action == "finish":
            lesson_done, step_done = progress.reach_end(learner, lesson)
            code = _completion_code("", lesson_done, step_done, "saved_incomplete")
            return LessonAction(True, NOTICES[code], code, redirect=True)
        raise progress.ProgressError("That action is not recognised.")
    except progress.StepLocked as error:
        return LessonAction(False, str(error), "step_locked", status=403)
    except progress.ProgressError as error:
        return LessonAction(False, str(error), status=400)


def handle_lesson_post(request: HttpRequest, lesson: LessonPage) -> HttpResponse:
    """The public site's lesson POST: answers in place, other actions post/redirect/get."""
    result = apply_lesson_action(request, lesson)
    if result.ok and result.redirect:
        messages.success(request, result.message)
        return HttpResponseRedirect(request.get_full_path())
    context = lesson.get_context(request, feedback=result.feedback)
    if not result.ok:
        context["error_message"] = result.message
    elif result.message:
        messages.success(request, result.message)
    return TemplateResponse(request, lesson.get_template(request), context, status=result.status)


def search(request: HttpRequest) -> HttpResponse:
    """Site search over live pages and glossary terms (Wagtail's search backend)."""
    query = request.GET.get("q", "").strip()[:200]
    pages = Page.objects.none()
    terms: list[GlossaryTerm] = []
    if query:
        pages = Page.objects.live().public().specific().search(query)
        terms = list(get_search_backend().search(query, GlossaryTerm)[:10])
    paginator = Paginator(pages, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "hub/search.html",
        {"query": query, "results": page_obj, "terms": terms},
    )

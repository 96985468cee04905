"""What a learner's POST on a lesson does: answer a question, save a reflection, finish.

The public lesson page (:func:`hub.views.handle_lesson_post`) and the lesson framed in an LMS
(:mod:`lti_tool.framed.lessons`) both call :func:`apply_lesson_action` and show its outcome
with the same words (:data:`NOTICES`); each then answers in its own layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from hub import progress

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

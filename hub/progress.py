"""Progress and completion rules, as plain functions tests and views call directly.

A learner may be ``None`` (someone reading the public site without signing in through an
LMS): reading functions then describe an empty state and writing functions refuse with
:class:`LearnerRequired`, except answering a knowledge check, which still gives feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from hub import events
from hub.models.learning import (
    KnowledgeCheckAnswer,
    Learner,
    LessonProgress,
    Reflection,
    StepCompletion,
)

if TYPE_CHECKING:
    from hub.models.pages import LessonPage, StepPage

MAX_REFLECTION_LENGTH = 10_000


class ProgressError(ValueError):
    """A progress action was refused; the message is fit to show the learner."""


class LearnerRequired(ProgressError):
    pass


class UnknownQuestion(ProgressError):
    pass


class UnknownPrompt(ProgressError):
    pass


def learner_for(request: HttpRequest | None) -> Learner | None:
    """The learner a request acts for, set on the request by whoever authenticated it."""
    learner = getattr(request, "learner", None)
    return learner if isinstance(learner, Learner) else None


# --- Reading ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LessonState:
    started: bool = False
    reached_end: bool = False
    complete: bool = False
    answers: dict[str, int] = field(default_factory=dict)
    reflections: dict[str, Reflection] = field(default_factory=dict)
    criteria_met: dict[str, bool] = field(default_factory=dict)


def _criteria(
    lesson: LessonPage, progress: LessonProgress | None, answers: set[str], reflections: set[str]
) -> dict[str, bool]:
    met: dict[str, bool] = {}
    if lesson.complete_on_reaching_end:
        met["reached_end"] = bool(progress and progress.reached_end_at)
    if lesson.requires_knowledge_checks:
        met["knowledge_checks_answered"] = lesson.question_ids() <= answers
    if lesson.requires_reflections:
        met["reflections_saved"] = lesson.reflection_prompt_ids() <= reflections
    return met


def lesson_state(learner: Learner | None, lesson: LessonPage) -> LessonState:
    """Everything the lesson page needs to show the learner where they are."""
    if learner is None:
        return LessonState(criteria_met=_criteria(lesson, None, set(), set()))
    progress = LessonProgress.objects.filter(learner=learner, lesson=lesson).first()
    answers = {
        a.question_id: a.option_index
        for a in KnowledgeCheckAnswer.objects.filter(learner=learner, lesson=lesson)
    }
    reflections = {
        r.prompt_id: r for r in Reflection.objects.filter(learner=learner, lesson=lesson)
    }
    return LessonState(
        started=progress is not None,
        reached_end=bool(progress and progress.reached_end_at),
        complete=bool(progress and progress.completed_at),
        answers=answers,
        reflections=reflections,
        criteria_met=_criteria(lesson, progress, set(answers), set(reflections)),
    )


@dataclass(frozen=True)
class LessonStatus:
    lesson: Any
    status: str  # "not_started" | "in_progress" | "complete"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "in_progress": "In progress"}.get(
            self.status, "Completed"
        )


@dataclass(frozen=True)
class StepProgress:
    lessons: list[LessonStatus]
    completed: int
    total: int
    complete: bool
    resume: Any | None  # the lesson to continue with

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def step_progress(
    learner: Learner | None, step: StepPage, lessons: list[LessonPage] | None = None
) -> StepProgress:
    """Per-lesson status for a step, how many are complete, and where to resume."""
    lessons = list(step.lessons()) if lessons is None else lessons
    records: dict[int, LessonProgress] = {}
    if learner is not None:
        records = {
            p.lesson_id: p
            for p in LessonProgress.objects.filter(learner=learner, lesson__in=lessons)
        }
    statuses = []
    for lesson in lessons:
        record = records.get(lesson.pk)
        if record is None:
            status = "not_started"
        elif record.completed_at:
            status = "complete"
        else:
            status = "in_progress"
        statuses.append(LessonStatus(lesson, status))
    completed = sum(1 for s in statuses if s.status == "complete")
    resume = next((s.lesson for s in statuses if s.status == "in_progress"), None) or next(
        (s.lesson for s in statuses if s.status == "not_started"), None
    )
    step_done = (
        learner is not None and StepCompletion.objects.filter(learner=learner, step=step).exists()
    )
    return StepProgress(statuses, completed, len(lessons), step_done, resume)


@dataclass(frozen=True)
class StepAccess:
    allowed: bool
    reasons: list[str]


def check_step_access(learner: Learner | None, step: StepPage) -> StepAccess:
    """Whether the learner may start a step: its prerequisites and its eligibility."""
    from hub.models.pages import StepPage

    done = set()
    if learner is not None:
        done = set(StepCompletion.objects.filter(learner=learner).values_list("step_id", flat=True))
    reasons = [
        f"Complete {p.step_label}: {p.title} first."
        for p in step.prerequisites.all().order_by("step_number")
        if p.pk not in done
    ]
    if step.eligibility == StepPage.Eligibility.GRADUATES:
        earlier = StepPage.objects.sibling_of(step).live().filter(step_number__lt=step.step_number)
        if any(s.pk not in done for s in earlier):
            reasons.append(f"{step.step_label} is for graduates: complete every earlier step.")
    return StepAccess(not reasons, reasons)


# --- Writing ----------------------------------------------------------------------------------
def _require(learner: Learner | None) -> Learner:
    if learner is None:
        raise LearnerRequired("Open this lesson from your course to save your progress.")
    return learner


def start_lesson(
    learner: Learner, lesson: LessonPage, now: datetime | None = None
) -> LessonProgress:
    """Record that the learner opened the lesson (idempotent; refreshes ``last_seen_at``)."""
    learner = _require(learner)
    now = now or timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        learner=learner, lesson=lesson, defaults={"started_at": now, "last_seen_at": now}
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=now)
        progress.last_seen_at = now
    return progress


@dataclass(frozen=True)
class AnswerOutcome:
    correct: bool
    feedback: str
    lesson_completed: bool = False
    step_completed: bool = False


def answer_question(
    learner: Learner | None, lesson: LessonPage, question_id: str, option_index: int
) -> AnswerOutcome:
    """Give feedback on a knowledge-check answer, and record it when there is a learner."""
    question = next((q for qid, _, q in lesson.iter_questions() if qid == question_id), None)
    if question is None:
        raise UnknownQuestion("That question is not part of this lesson.")
    options = list(question["options"])
    if not 0 <= option_index < len(options):
        raise UnknownQuestion("Choose one of the options given.")
    option = options[option_index]
    correct, feedback = bool(option["correct"]), str(option["feedback"])
    if learner is None:
        return AnswerOutcome(correct, feedback)
    now = timezone.now()
    with transaction.atomic():
        start_lesson(learner, lesson, now)
        KnowledgeCheckAnswer.objects.update_or_create(
            learner=learner,
            lesson=lesson,
            question_id=question_id,
            defaults={"option_index": option_index, "correct": correct, "answered_at": now},
        )
        result = evaluate_lesson(learner, lesson, now)
    return AnswerOutcome(correct, feedback, *result)


def save_reflection(
    learner: Learner | None, lesson: LessonPage, prompt_id: str, text: str, shared: bool = False
) -> tuple[bool, bool]:
    """Save (or replace) the learner's reflection. Returns (lesson_completed, step_completed)."""
    learner = _require(learner)
    if prompt_id not in lesson.reflection_prompt_ids():
        raise UnknownPrompt("That reflection prompt is not part of this lesson.")
    text = text.strip()
    if not text:
        raise ProgressError("Write your reflection before saving it.")
    if len(text) > MAX_REFLECTION_LENGTH:
        raise ProgressError(
            f"Reflections can be up to {MAX_REFLECTION_LENGTH:,} characters; "
            f"yours is {len(text):,}."
        )
    now = timezone.now()
    with transaction.atomic():
        start_lesson(learner, lesson, now)
        Reflection.objects.update_or_create(
            learner=learner,
            lesson=lesson,
            prompt_id=prompt_id,
            defaults={"text": text, "shared_with_mentors": shared},
        )
        return evaluate_lesson(learner, lesson, now)


def reach_end(learner: Learner | None, lesson: LessonPage) -> tuple[bool, bool]:
    """Record that the learner reached the end of the lesson."""
    learner = _require(learner)
    now = timezone.now()
    with transaction.atomic():
        progress = start_lesson(learner, lesson, now)
        LessonProgress.objects.filter(pk=progress.pk, reached_end_at__isnull=True).update(
            reached_end_at=now
        )
        return evaluate_lesson(learner, lesson, now)


def evaluate_lesson(
    learner: Learner, lesson: LessonPage, now: datetime | None = None
) -> tuple[bool, bool]:
    """Complete the lesson (and its step) if the completion rule is now met.

    Returns ``(lesson_completed_now, step_completed_now)``; each is true at most once per
    learner, however often or concurrently this runs.
    """
    now = now or timezone.now()
    with transaction.atomic():
        state = lesson_state(learner, lesson)
        if state.complete or not state.criteria_met or not all(state.criteria_met.values()):
            return False, False
        won = LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=True
        ).update(completed_at=now)
        if not won:
            return False, False
        progress = LessonProgress.objects.get(learner=learner, lesson=lesson)
        events.lesson_completed.send(
            sender=type(lesson), learner=learner, lesson=lesson, progress=progress
        )
        step = lesson.step
        step_done = step is not None and _complete_step_if_done(learner, step, now)
        return True, step_done


def _complete_step_if_done(learner: Learner, step: StepPage, now: datetime) -> bool:
    lesson_ids = set(step.lessons().values_list("pk", flat=True))
    if not lesson_ids:
        return False
    done = set(
        LessonProgress.objects.filter(
            learner=learner, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if done != lesson_ids:
        return False
    try:
        with transaction.atomic():
            completion = StepCompletion.objects.create(learner=learner, step=step, completed_at=now)
    except IntegrityError:
        return False  # already completed: the unique constraint makes this exactly-once
    events.step_completed.send(sender=type(step), learner=learner, step=step, completion=completion)
    return True


# --- Lessons edited after learners started ----------------------------------------------------
# The rule editors are told in the lesson's "The lesson is complete when" panel: a completion
# is never taken back (``completed_at`` is only ever set); learners who have not finished meet
# the rule as it is now published. These two functions apply that rule when content changes.
def apply_lesson_change(lesson: LessonPage) -> int:
    """After ``lesson`` is published: complete it for unfinished learners who now meet its rule.

    A requirement an editor removes (a question, a prompt, a tick box) must not leave a
    learner stuck on "in progress" until they happen to act again. Returns how many learners
    completed the lesson now; learners who had completed it are not touched.
    """
    unfinished = Learner.objects.filter(
        lesson_progress__lesson=lesson, lesson_progress__completed_at__isnull=True
    ).distinct()
    return sum(evaluate_lesson(learner, lesson)[0] for learner in unfinished)


def apply_step_change(step: StepPage) -> int:
    """After a lesson leaves ``step``: complete the step for learners who finished the rest.

    Returns how many learners completed the step now (each at most once, by the unique
    constraint in ``_complete_step_if_done``).
    """
    lesson_ids = list(step.lessons().values_list("pk", flat=True))
    done_step = StepCompletion.objects.filter(step=step).values("learner_id")
    candidates = (
        Learner.objects.filter(
            lesson_progress__lesson_id__in=lesson_ids,
            lesson_progress__completed_at__isnull=False,
        )
        .exclude(pk__in=done_step)
        .distinct()
    )
    now = timezone.now()
    return sum(_complete_step_if_done(learner, step, now) for learner in candidates)

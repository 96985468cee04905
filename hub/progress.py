"""Progress and completion rules, as plain functions tests and views call directly.

A learner may be ``None`` (someone reading the public site without signing in through an
LMS): reading functions then describe an empty state and writing functions refuse with
:class:`LearnerRequired`, except answering a knowledge check, which still gives feedback.

Step access (prerequisites and eligibility) is one rule, :func:`check_step_access`, and every
writing function applies it to the lesson's step before it writes anything: a lesson of a locked
step refuses with :class:`StepLocked`, so no progress, completion, score or badge can be earned
through it whichever view (framed, public, or none) calls in.

Every function that can complete a lesson (answering, reflecting, reaching the end, evaluating)
takes a row lock on the learner before it reads or writes progress, so those changes run one
transaction at a time per learner: the transaction that finishes the last lesson of a step
always sees the others complete, whatever the interleaving (see ``docs/progress.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from hub import events
from hub.models.learning import (
    KnowledgeCheckAnswer,
    Learner,
    LessonProgress,
    ProgressStatus,
    Reflection,
    StepCompletion,
)
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


class StepLocked(ProgressError):
    """The lesson's step is not open to this learner yet; ``access`` says why."""

    def __init__(self, access: StepAccess) -> None:
        super().__init__(" ".join(access.reasons))
        self.access = access


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
    status: ProgressStatus

    @property
    def label(self) -> str:
        return self.status.label


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
    statuses = [
        LessonStatus(lesson, ProgressStatus.of(records.get(lesson.pk))) for lesson in lessons
    ]
    completed = sum(1 for s in statuses if s.status == ProgressStatus.COMPLETE)
    resume = next(
        (s.lesson for s in statuses if s.status == ProgressStatus.IN_PROGRESS), None
    ) or next((s.lesson for s in statuses if s.status == ProgressStatus.NOT_STARTED), None)
    step_done = (
        learner is not None and StepCompletion.objects.filter(learner=learner, step=step).exists()
    )
    return StepProgress(statuses, completed, len(lessons), step_done, resume)


@dataclass(frozen=True)
class StepAccess:
    """Whether a learner may work on a step, and if not, why and which step to do first."""

    allowed: bool
    reasons: list[str]
    do_first: StepPage | None = None  # the earliest step the learner still has to complete


def check_step_access(
    learner: Learner | None, step: StepPage, prerequisites: list[StepPage] | None = None
) -> StepAccess:
    """Whether the learner may work on a step: its prerequisites and its eligibility.

    Someone reading without a learner has completed nothing, so a step with prerequisites is
    locked for them too: they may read it, but nothing can be saved or answered through it.
    ``prerequisites`` are the step's, when the caller has them already.
    """
    done = set()
    if learner is not None:
        done = set(StepCompletion.objects.filter(learner=learner).values_list("step_id", flat=True))
    if prerequisites is None:
        prerequisites = list(step.prerequisites.all())
    in_order = sorted(prerequisites, key=lambda p: p.step_number)
    missing = [p for p in in_order if p.pk not in done]
    reasons = [f"Complete {p.step_label}: {p.title} first." for p in missing]
    if step.eligibility == StepPage.Eligibility.GRADUATES:
        earlier = StepPage.objects.sibling_of(step).live().filter(step_number__lt=step.step_number)
        not_done = [s for s in earlier.order_by("step_number") if s.pk not in done]
        if not_done:
            reasons.append(f"{step.step_label} is for graduates: complete every earlier step.")
            missing.extend(not_done)
    do_first = min(missing, key=lambda s: s.step_number) if missing else None
    return StepAccess(not reasons, reasons, do_first)


def lesson_access(learner: Learner | None, lesson: LessonPage) -> StepAccess:
    """The access rule applied to a lesson: the access of the step it belongs to."""
    step = lesson.step
    if not isinstance(step, StepPage):
        return StepAccess(True, [])
    return check_step_access(learner, step)


# --- Writing ----------------------------------------------------------------------------------
def _require(learner: Learner | None) -> Learner:
    if learner is None:
        raise LearnerRequired("Open this lesson from your course to save your progress.")
    return learner


def _require_access(learner: Learner | None, lesson: LessonPage) -> None:
    """Refuse with :class:`StepLocked` when the lesson's step is locked for the learner."""
    access = lesson_access(learner, lesson)
    if not access.allowed:
        raise StepLocked(access)


def _lock_learner(learner: Learner) -> None:
    """Hold the learner's row until the transaction ends (PostgreSQL; a no-op on SQLite).

    Taken first by every function that can complete a lesson, it serialises them per learner, so a
    transaction never decides a step from a read that another, uncommitted finish would change.
    SQLite needs no row lock: its write transactions (``IMMEDIATE``) already run one at a time.
    """
    list(Learner.objects.select_for_update().filter(pk=learner.pk).values_list("pk", flat=True))


def start_lesson(
    learner: Learner, lesson: LessonPage, now: datetime | None = None
) -> LessonProgress:
    """Record that the learner opened the lesson (idempotent; refreshes ``last_seen_at``).

    Refuses with :class:`StepLocked` when the lesson's step is locked for the learner.
    """
    _require_access(learner, lesson)
    learner = _require(learner)
    return _visit(learner, lesson, now or timezone.now())


def open_lesson(
    learner: Learner | None, lesson: LessonPage, now: datetime | None = None
) -> StepAccess:
    """A learner opens a lesson: record the visit if its step is open to them.

    Returns the access, open or not, so the page that shows the lesson need not decide it
    again. Records nothing without a learner or when the step is locked (the page explains
    why); :func:`start_lesson` is the same visit for callers that want a refusal instead.
    """
    access = lesson_access(learner, lesson)
    if access.allowed and learner is not None:
        _visit(learner, lesson, now or timezone.now())
    return access


def _visit(learner: Learner, lesson: LessonPage, now: datetime) -> LessonProgress:
    """Create or refresh the learner's progress row; callers have checked access."""
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
    """Give feedback on a knowledge-check answer, and record it when there is a learner.

    A lesson of a locked step takes no answers, not even for feedback without a learner.
    """
    _require_access(learner, lesson)
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
        _lock_learner(learner)
        _visit(learner, lesson, now)
        KnowledgeCheckAnswer.objects.update_or_create(
            learner=learner,
            lesson=lesson,
            question_id=question_id,
            defaults={"option_index": option_index, "correct": correct, "answered_at": now},
        )
        result = _evaluate(learner, lesson, now)
    return AnswerOutcome(correct, feedback, *result)


def save_reflection(
    learner: Learner | None, lesson: LessonPage, prompt_id: str, text: str, shared: bool = False
) -> tuple[bool, bool]:
    """Save (or replace) the learner's reflection. Returns (lesson_completed, step_completed)."""
    _require_access(learner, lesson)
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
        _lock_learner(learner)
        _visit(learner, lesson, now)
        Reflection.objects.update_or_create(
            learner=learner,
            lesson=lesson,
            prompt_id=prompt_id,
            defaults={"text": text, "shared_with_mentors": shared},
        )
        return _evaluate(learner, lesson, now)


def reach_end(learner: Learner | None, lesson: LessonPage) -> tuple[bool, bool]:
    """Record that the learner reached the end of the lesson."""
    _require_access(learner, lesson)
    learner = _require(learner)
    now = timezone.now()
    with transaction.atomic():
        _lock_learner(learner)
        progress = _visit(learner, lesson, now)
        LessonProgress.objects.filter(pk=progress.pk, reached_end_at__isnull=True).update(
            reached_end_at=now
        )
        return _evaluate(learner, lesson, now)


def evaluate_lesson(
    learner: Learner, lesson: LessonPage, now: datetime | None = None
) -> tuple[bool, bool]:
    """Complete the lesson (and its step) if the completion rule is now met.

    Returns ``(lesson_completed_now, step_completed_now)``; each is true at most once per
    learner, however often or concurrently this runs: the learner's row lock makes whichever
    transaction completes a step's last lesson see every other lesson's committed completion.
    Refuses with :class:`StepLocked` when the lesson's step is locked for the learner.
    """
    _require_access(learner, lesson)
    with transaction.atomic():
        _lock_learner(learner)
        return _evaluate(learner, lesson, now or timezone.now())


def _evaluate(learner: Learner, lesson: LessonPage, now: datetime) -> tuple[bool, bool]:
    """:func:`evaluate_lesson` for callers that hold the learner's lock and checked access."""
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


def record_step_if_done(learner: Learner, step: StepPage, completed_at: datetime) -> bool:
    """Record the step's completion if every lesson is complete, without sending the event.

    For repairs (:mod:`hub.reconcile`), whose step reconcilers then write what the event's
    receivers would have. Takes the learner's lock like every writer; ``True`` when this call
    recorded it. The caller decides access.
    """
    with transaction.atomic():
        _lock_learner(learner)
        return _complete_step_if_done(learner, step, completed_at, announce=False)


def _complete_step_if_done(
    learner: Learner, step: StepPage, now: datetime, announce: bool = True
) -> bool:
    """Record the step's completion when all its live lessons are complete.

    Runs under the learner's row lock (see :func:`_lock_learner`), so the read below sees every
    lesson completion committed before this transaction got the lock; the unique constraint
    still makes the insert exactly-once should anything call this without the lock.
    """
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
    if announce:
        events.step_completed.send(
            sender=type(step), learner=learner, step=step, completion=completion
        )
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


# --- Page context (registered in HubConfig.ready(), see hub.models.pages.extend_context) -------
def add_step_context(
    page: StepPage, request: HttpRequest, context: dict[str, Any], options: dict[str, Any]
) -> None:
    """The learner's progress through the step's lessons, and whether the step is open."""
    learner = learner_for(request)
    context["step_progress"] = step_progress(learner, page, lessons=context["lessons"])
    context["access"] = check_step_access(learner, page, context["prerequisites"])


def add_lesson_context(
    page: LessonPage, request: HttpRequest, context: dict[str, Any], options: dict[str, Any]
) -> None:
    """The learner, whether the lesson's step is open to them (``options["access"]`` when
    the caller decided it already) and what they have done in the lesson."""
    learner = learner_for(request)
    access = options.get("access") or lesson_access(learner, page)
    context.update(
        access=access,
        lesson_locked=not access.allowed,
        learner=learner,
        lesson_state=lesson_state(learner, page),
    )

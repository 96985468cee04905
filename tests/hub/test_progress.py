"""Progress and completion rules, called directly, and the events they emit."""

from __future__ import annotations

import pytest

from hub import events, progress
from hub.models import KnowledgeCheckAnswer, LessonProgress, Reflection, StepCompletion
from tests.factories import record_steps_done

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """Collect the hub's events while a test runs."""
    log: list[tuple[str, dict]] = []

    def on_lesson(sender, **kwargs):
        log.append(("lesson", kwargs))

    def on_step(sender, **kwargs):
        log.append(("step", kwargs))

    events.lesson_completed.connect(on_lesson)
    events.step_completed.connect(on_step)
    yield log
    events.lesson_completed.disconnect(on_lesson)
    events.step_completed.disconnect(on_step)


def test_start_lesson_is_idempotent(programme, learner):
    lesson = programme.lessons["first"]
    first = progress.start_lesson(learner, lesson)
    again = progress.start_lesson(learner, lesson)
    assert first.pk == again.pk
    assert LessonProgress.objects.filter(learner=learner).count() == 1
    assert again.last_seen_at >= first.started_at


def test_lesson_needs_every_criterion_of_its_rule(programme, learner, received):
    lesson = programme.lessons["first"]  # reach the end AND answer the knowledge check
    assert progress.reach_end(learner, lesson) == (False, False)
    assert not progress.lesson_state(learner, lesson).complete
    outcome = progress.answer_question(learner, lesson, "q1", 1)
    assert outcome.correct is False
    assert "survey" in outcome.feedback
    # A wrong answer still answers the question: the rule asks for answers, not scores.
    assert outcome.lesson_completed is True
    assert progress.lesson_state(learner, lesson).complete
    assert [kind for kind, _ in received] == ["lesson"]
    assert received[0][1]["lesson"].pk == lesson.pk
    assert received[0][1]["learner"] == learner


def test_answer_is_replaced_not_duplicated(programme, learner):
    lesson = programme.lessons["first"]
    progress.answer_question(learner, lesson, "q1", 1)
    outcome = progress.answer_question(learner, lesson, "q1", 0)
    assert outcome.correct is True
    answers = KnowledgeCheckAnswer.objects.filter(learner=learner)
    assert [(a.question_id, a.option_index, a.correct) for a in answers] == [("q1", 0, True)]


def test_anonymous_answer_gives_feedback_and_stores_nothing(programme):
    outcome = progress.answer_question(None, programme.lessons["first"], "q1", 0)
    assert outcome.correct is True and outcome.feedback.startswith("Yes")
    assert not KnowledgeCheckAnswer.objects.exists()
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(("question", "option"), [("nope", 0), ("q1", 7), ("q1", -1)])
def test_unknown_question_or_option_is_refused(programme, learner, question, option):
    with pytest.raises(progress.UnknownQuestion):
        progress.answer_question(learner, programme.lessons["first"], question, option)
    assert not KnowledgeCheckAnswer.objects.exists()
    assert not LessonProgress.objects.exists()


def test_reflection_rules(programme, learner):
    lesson = programme.lessons["second"]
    with pytest.raises(progress.LearnerRequired):
        progress.save_reflection(None, lesson, "r2", "text")
    with pytest.raises(progress.UnknownPrompt):
        progress.save_reflection(learner, lesson, "not-a-prompt", "text")
    with pytest.raises(progress.ProgressError, match="Write your reflection"):
        progress.save_reflection(learner, lesson, "r2", "   ")
    with pytest.raises(progress.ProgressError, match="10,000"):
        progress.save_reflection(learner, lesson, "r2", "x" * 10_001)
    assert not Reflection.objects.exists()
    assert not LessonProgress.objects.exists()
    assert progress.save_reflection(learner, lesson, "r2", "My family.", shared=True) == (
        True,
        False,
    )
    reflection = Reflection.objects.get()
    assert reflection.text == "My family." and reflection.shared_with_mentors


def test_step_completes_once_when_every_lesson_is_complete(programme, learner, received):
    first, second = programme.lessons["first"], programme.lessons["second"]
    progress.reach_end(learner, first)
    progress.answer_question(learner, first, "q1", 0)
    assert not StepCompletion.objects.exists()
    lesson_done, step_done = progress.save_reflection(learner, second, "r2", "Done.")
    assert (lesson_done, step_done) == (True, True)
    assert StepCompletion.objects.filter(learner=learner, step=programme.steps[0]).count() == 1
    # Doing it all again (a double submit) completes nothing twice.
    assert progress.save_reflection(learner, second, "r2", "Done again.") == (False, False)
    assert progress.reach_end(learner, first) == (False, False)
    assert progress.evaluate_lesson(learner, first) == (False, False)
    assert [kind for kind, _ in received] == ["lesson", "lesson", "step"]
    assert received[-1][1]["step"].pk == programme.steps[0].pk
    assert StepCompletion.objects.count() == 1


def test_step_progress_and_resume(programme, learner):
    step = programme.steps[0]
    empty = progress.step_progress(learner, step)
    assert (empty.completed, empty.total, empty.percent) == (0, 2, 0)
    assert empty.resume.pk == programme.lessons["first"].pk
    progress.save_reflection(learner, programme.lessons["second"], "r2", "Text")
    summary = progress.step_progress(learner, step)
    assert [s.status for s in summary.lessons] == ["not_started", "complete"]
    assert summary.percent == 50
    assert summary.resume.pk == programme.lessons["first"].pk
    progress.start_lesson(learner, programme.lessons["first"])
    assert progress.step_progress(learner, step).lessons[0].label == "In progress"


def test_step_access_prerequisites_and_graduates_only(programme, learner):
    step_one, step_two = programme.steps
    assert progress.check_step_access(learner, step_one).allowed
    access = progress.check_step_access(learner, step_two)
    assert not access.allowed
    assert any("Complete Step One" in reason for reason in access.reasons)
    assert any("graduates" in reason for reason in access.reasons)
    StepCompletion.objects.create(learner=learner, step=step_one, completed_at="2026-01-01T00:00Z")
    assert progress.check_step_access(learner, step_two).allowed


def test_a_failing_subscriber_rolls_the_progress_back(programme, learner):
    lesson = programme.lessons["third"]  # completes on reaching the end
    record_steps_done(learner, programme.steps[0])  # Step Two is open to graduates of Step One

    def broken(sender, **kwargs):
        raise RuntimeError("subscriber failed")

    events.lesson_completed.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            progress.reach_end(learner, lesson)
    finally:
        events.lesson_completed.disconnect(broken)
    assert not LessonProgress.objects.exists()
    # Step Two has this one lesson, so the step completes with it.
    assert progress.reach_end(learner, lesson) == (True, True)

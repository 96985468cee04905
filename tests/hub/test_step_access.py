"""Step access is one rule: a lesson of a locked step can be read but records nothing.

Step Two needs Step One (and is for graduates); Step Four is for graduates of every earlier
step. Each write is tried directly and through the public site; the database must not change.
"""

from __future__ import annotations

import re

import pytest

from hub import progress
from hub.models import KnowledgeCheckAnswer, LessonProgress, Reflection, StepCompletion
from tests.factories import add_step_four, record_steps_done

pytestmark = pytest.mark.django_db

PROGRESS_MODELS = (LessonProgress, KnowledgeCheckAnswer, Reflection, StepCompletion)


def snapshot() -> dict[str, list[dict]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in PROGRESS_MODELS}


@pytest.fixture
def step_four(programme):
    return add_step_four(programme)


def test_access_names_the_step_to_do_first(programme, learner, step_four):
    step_one, step_two = programme.steps
    four, _ = step_four
    assert progress.check_step_access(learner, step_one) == progress.StepAccess(True, [], None)
    two = progress.check_step_access(learner, step_two)
    assert not two.allowed and two.do_first.pk == step_one.pk
    access = progress.check_step_access(learner, four)
    assert access.reasons == ["Step Four is for graduates: complete every earlier step."]
    assert access.do_first.pk == step_one.pk
    record_steps_done(learner, step_one)
    assert progress.check_step_access(learner, four).do_first.pk == step_two.pk
    record_steps_done(learner, step_two)
    assert progress.check_step_access(learner, four).allowed
    assert progress.lesson_access(learner, step_four[1]).allowed


def _every_write(learner, lesson, question: str, prompt: str):
    yield lambda: progress.start_lesson(learner, lesson)
    yield lambda: progress.answer_question(learner, lesson, question, 0)
    yield lambda: progress.save_reflection(learner, lesson, prompt, "My answer.")
    yield lambda: progress.reach_end(learner, lesson)
    yield lambda: progress.evaluate_lesson(learner, lesson)


@pytest.mark.parametrize("which", ["step_two", "step_four"])
def test_every_write_to_a_locked_step_is_refused_and_changes_nothing(
    programme, learner, step_four, which
):
    if which == "step_two":
        lesson, question, prompt = programme.lessons["third"], "q1", "r2"
        # Even a learner who somehow has progress rows there cannot complete it.
        LessonProgress.objects.create(
            learner=learner,
            lesson=lesson,
            started_at="2026-01-01T00:00Z",
            last_seen_at="2026-01-01T00:00Z",
            reached_end_at="2026-01-01T00:00Z",
        )
    else:
        lesson, question, prompt = step_four[1], "q4", "r4"
    before = snapshot()
    for write in _every_write(learner, lesson, question, prompt):
        with pytest.raises(progress.StepLocked, match=r"first|graduates") as refused:
            write()
        assert refused.value.access.do_first.pk == programme.steps[0].pk
    assert snapshot() == before
    assert not StepCompletion.objects.exists()


@pytest.mark.parametrize("which", ["step_two", "step_four"])
def test_opening_a_lesson_of_a_locked_step_records_nothing_and_says_why(
    programme, learner, step_four, which
):
    lesson = programme.lessons["third"] if which == "step_two" else step_four[1]
    before = snapshot()
    access = progress.open_lesson(learner, lesson)
    assert not access.allowed
    assert access.do_first.pk == programme.steps[0].pk
    assert snapshot() == before


def test_opening_a_lesson_of_an_open_step_records_the_visit(programme, learner):
    lesson = programme.lessons["first"]
    assert progress.open_lesson(learner, lesson).allowed
    assert progress.open_lesson(None, lesson).allowed  # a reader: nothing to record
    assert LessonProgress.objects.filter(learner=learner, lesson=lesson).count() == 1


def test_reader_without_a_learner_gets_no_feedback_through_a_locked_step(programme, step_four):
    with pytest.raises(progress.StepLocked):
        progress.answer_question(None, step_four[1], "q4", 0)
    # An open step still gives feedback without a learner (and stores nothing).
    assert progress.answer_question(None, programme.lessons["first"], "q1", 0).correct


def test_writes_open_once_the_earlier_steps_are_done(programme, learner, step_four):
    _, lesson = step_four
    record_steps_done(learner, *programme.steps)
    progress.answer_question(learner, lesson, "q4", 0)
    progress.save_reflection(learner, lesson, "r4", "Ask people.")
    assert progress.reach_end(learner, lesson) == (True, True)


# --- The public site ------------------------------------------------------------------------
def _forms(html: str) -> list[str]:
    return re.findall(r"<form\b[^>]*>", html)


@pytest.mark.parametrize("which", ["step_two", "step_four"])
def test_public_locked_lesson_can_be_read_but_offers_nothing_to_do(
    client, programme, step_four, which
):
    lesson = programme.lessons["third"] if which == "step_two" else step_four[1]
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "step is not open to you yet" in html
    if which == "step_two":  # graduates of Step One: the prerequisite is named
        assert "Complete Step One: Your story first." in html
    else:  # graduates of every earlier step: no one step is named
        assert "Complete Step One: Your story first." not in html
    assert "for graduates" in html
    assert f'href="{programme.steps[0].url}"' in html  # the step to do first
    assert "Do Step One: Your story first" in html
    assert lesson.title in html
    if which == "step_four":
        assert "Begin with the people served." in html  # the content is still readable
        assert "Where do you start?" in html and "Listen first" in html
    forms = _forms(html)  # the header's site search, and nothing else
    assert len(forms) == 1 and 'action="/search/"' in forms[0] and 'role="search"' in forms[0]
    assert "Start with" not in html and "I have finished this lesson</button>" not in html
    assert "Check my answer" not in html and "Save reflection" not in html


def test_public_locked_step_page_explains_and_offers_no_start(client, programme, step_four):
    for step in (programme.steps[1], step_four[0]):
        html = client.get(step.url).content.decode()
        assert "This step is not open to you yet" in html
        assert "Do Step One: Your story first" in html
        assert "Start with" not in html and "Continue with" not in html
    open_step = client.get(programme.steps[0].url).content.decode()
    assert "Start with Why stories matter" in open_step
    assert "not open to you yet" not in open_step


@pytest.mark.parametrize(
    "data",
    [
        {"action": "answer", "question_id": "q4", "option": "0"},
        {"action": "reflect", "prompt_id": "r4", "text": "Mine."},
        {"action": "finish"},
    ],
    ids=["answer", "reflect", "finish"],
)
def test_public_post_to_a_locked_lesson_is_refused(client, programme, step_four, data):
    before = snapshot()
    response = client.post(step_four[1].url, data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Step Four is for graduates: complete every earlier step." in html
    assert "There is a problem" in html
    assert "Check my answer" not in html and "Yes." not in html  # no feedback either
    assert snapshot() == before

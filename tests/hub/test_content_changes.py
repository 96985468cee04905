"""Editing a lesson after learners started never takes away what they completed."""

from __future__ import annotations

import copy

import pytest

from hub import progress
from hub.models import LessonPage, LessonProgress, StepCompletion

pytestmark = pytest.mark.django_db

NEW_QUESTION = {
    "type": "item",
    "id": "q2",
    "value": {
        "question": "Who decides in co-production?",
        "options": [
            {
                "type": "item",
                "id": "q2-a",
                "value": {"text": "Everyone", "correct": True, "feedback": "Yes."},
            },
            {
                "type": "item",
                "id": "q2-b",
                "value": {"text": "Staff", "correct": False, "feedback": "No."},
            },
        ],
    },
}


def publish_with_questions(lesson: LessonPage, questions: list[dict]) -> LessonPage:
    """Publish a new revision of ``lesson`` whose knowledge check holds ``questions``."""
    draft = lesson.get_latest_revision_as_object()
    body = copy.deepcopy(list(draft.body.raw_data))
    for child in body:
        if child["type"] == "knowledge_check":
            child["value"]["questions"] = questions
    draft.body = body
    draft.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def original_question(lesson: LessonPage) -> dict:
    check = next(c for c in lesson.body.raw_data if c["type"] == "knowledge_check")
    return check["value"]["questions"][0]


def complete_step_one(learner, programme) -> None:
    first, second = programme.lessons["first"], programme.lessons["second"]
    progress.answer_question(learner, first, "q1", 0)
    progress.reach_end(learner, first)
    progress.save_reflection(learner, second, "r2", "My audience is my peers.")


def test_a_completed_lesson_and_step_stay_completed_after_a_question_is_added(learner, programme):
    complete_step_one(learner, programme)
    first = programme.lessons["first"]
    completed_at = LessonProgress.objects.get(learner=learner, lesson=first).completed_at

    changed = publish_with_questions(first, [original_question(first), NEW_QUESTION])

    assert "q2" in changed.question_ids()
    state = progress.lesson_state(learner, changed)
    assert state.complete
    assert not state.criteria_met["knowledge_checks_answered"]  # the new rule is not met...
    record = LessonProgress.objects.get(learner=learner, lesson=first)
    assert record.completed_at == completed_at  # ...and the completion stands
    assert StepCompletion.objects.filter(learner=learner, step=programme.steps[0]).exists()


def test_an_unfinished_learner_must_meet_the_new_rule(learner, programme):
    first = programme.lessons["first"]
    progress.answer_question(learner, first, "q1", 0)
    changed = publish_with_questions(first, [original_question(first), NEW_QUESTION])

    assert progress.reach_end(learner, changed) == (False, False)
    assert not progress.lesson_state(learner, changed).complete
    assert progress.answer_question(learner, changed, "q2", 0).lesson_completed
    assert progress.lesson_state(learner, changed).complete


def test_removing_the_unanswered_question_completes_the_lesson_on_publishing(learner, programme):
    first = programme.lessons["first"]
    with_two = publish_with_questions(first, [original_question(first), NEW_QUESTION])
    progress.answer_question(learner, with_two, "q1", 0)
    progress.reach_end(learner, with_two)
    assert not progress.lesson_state(learner, with_two).complete

    publish_with_questions(with_two, [original_question(first)])  # q2 removed

    record = LessonProgress.objects.get(learner=learner, lesson=first)
    assert record.completed_at is not None


def test_publishing_does_not_complete_a_learner_who_has_not_met_the_rule(learner, programme):
    first = programme.lessons["first"]
    progress.answer_question(learner, first, "q1", 0)  # has not reached the end
    publish_with_questions(first, [original_question(first)])
    assert LessonProgress.objects.get(learner=learner, lesson=first).completed_at is None
    assert progress.apply_lesson_change(first) == 0


def test_unpublishing_the_last_unfinished_lesson_completes_the_step(learner, programme):
    first, second = programme.lessons["first"], programme.lessons["second"]
    progress.answer_question(learner, first, "q1", 0)
    progress.reach_end(learner, first)
    step = programme.steps[0]
    assert not StepCompletion.objects.filter(learner=learner, step=step).exists()

    second.unpublish()

    assert StepCompletion.objects.filter(learner=learner, step=step).count() == 1
    assert progress.apply_step_change(step) == 0  # exactly once


def test_unpublishing_does_not_complete_a_step_with_lessons_left(learner, programme):
    first = programme.lessons["first"]
    progress.answer_question(learner, first, "q1", 0)  # first is not complete
    programme.lessons["second"].unpublish()
    assert not StepCompletion.objects.filter(learner=learner).exists()


def test_a_lesson_learners_started_cannot_be_deleted(admin_client, learner, programme):
    first = programme.lessons["first"]
    progress.answer_question(learner, first, "q1", 0)
    for method in (admin_client.get, admin_client.post):
        response = method(f"/admin/pages/{first.pk}/delete/", follow=True)
        assert "cannot be deleted: 1 learner(s) have progress" in response.content.decode()
    assert LessonPage.objects.filter(pk=first.pk).exists()
    # Nor can the step above it.
    step = programme.steps[0]
    admin_client.post(f"/admin/pages/{step.pk}/delete/")
    assert LessonPage.objects.filter(pk=first.pk).exists()


def test_a_lesson_nobody_started_can_be_deleted(admin_client, learner, programme):
    third = programme.lessons["third"]
    response = admin_client.post(f"/admin/pages/{third.pk}/delete/")
    assert response.status_code == 302
    assert not LessonPage.objects.filter(pk=third.pk).exists()


def test_editors_are_told_the_rule_in_the_lesson_and_step_forms(admin_client, programme):
    lesson = admin_client.get(f"/admin/pages/{programme.lessons['first'].pk}/edit/")
    assert "Learners who have completed it keep it completed" in lesson.content.decode()
    step = admin_client.get(f"/admin/pages/{programme.steps[0].pk}/edit/")
    assert "Learners who completed the step keep it" in step.content.decode()


def test_bulk_delete_refuses_pages_learners_started(admin_client, learner, programme):
    first, third = programme.lessons["first"], programme.lessons["third"]
    progress.answer_question(learner, first, "q1", 0)
    response = admin_client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={first.pk}&id={third.pk}", follow=True
    )
    assert "Nothing was deleted: learners have progress on “Why stories matter”" in (
        response.content.decode()
    )
    assert LessonPage.objects.filter(pk__in=[first.pk, third.pk]).count() == 2


def test_bulk_delete_of_pages_nobody_started_goes_ahead(admin_client, learner, programme):
    third = programme.lessons["third"]
    admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={third.pk}")
    assert not LessonPage.objects.filter(pk=third.pk).exists()

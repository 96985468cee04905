"""Scores from real progress reach the platform peer's gradebook over HTTP."""

from __future__ import annotations

import pytest
from django.db import transaction

from hub import progress
from hub.models import LessonProgress
from lti_tool.models import LineItem, Score
from lti_tool.roles import LEARNER
from tests.factories import record_steps_done
from tests.support.courses import make_course
from tests.support.lti import follow, launch

pytestmark = pytest.mark.django_db


def _token(page) -> str:
    return page.wsgi_request.path.split("/")[3]


def test_step_link_launch_then_lessons_send_in_progress_then_completed(
    client, lms, programme, django_capture_on_commit_callbacks
):
    step = programme.steps[0]
    with django_capture_on_commit_callbacks(execute=True):
        launched = launch(
            client,
            lms,
            user="learner-1",
            roles=[LEARNER],
            custom={"plh_page": str(step.pk)},
            lineitem=True,
            resource_link_id="step-one-link",
        )
    # The launch's background task read the column: label and maximum (100 on this LMS).
    item = LineItem.objects.get()
    assert (item.label, item.score_maximum) == ("Peer mentoring session", 100)
    page = follow(client, launched)
    token = _token(page)
    second = f"/lti/s/{token}/page/{programme.lessons['second'].pk}/"
    first = f"/lti/s/{token}/page/{programme.lessons['first'].pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."})
    assert saved.status_code == 302
    assert item.url.endswith("/lineitems/1")
    scores = lms.platform.ags.scores
    assert [(s.user_id, s.score_given, s.score_maximum) for s in scores] == [("learner-1", 50, 100)]
    assert scores[0].activity_progress == "InProgress"
    assert scores[0].grading_progress == "Pending"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(first, {"action": "answer", "question_id": "q1", "option": "0"})
        client.post(first, {"action": "finish"})
    assert [(s.score_given, s.activity_progress, s.grading_progress) for s in scores] == [
        (50, "InProgress", "Pending"),
        (100, "Completed", "FullyGraded"),
    ]
    assert all(s.applied for s in scores)
    assert scores[0].timestamp < scores[1].timestamp
    assert list(Score.objects.values_list("status", flat=True)) == ["delivered", "delivered"]


def test_lesson_link_scores_full_marks_once_and_only_on_completion(
    lms, programme, django_capture_on_commit_callbacks
):
    lesson = programme.lessons["third"]
    course = make_course(lms, lesson, ["learner-1"], score_maximum=5)
    user = course.users["learner-1"]
    record_steps_done(user.learner, programme.steps[0])  # Step Two is for graduates
    with django_capture_on_commit_callbacks(execute=True):
        progress.start_lesson(user.learner, lesson)
    assert course.received() == []
    with django_capture_on_commit_callbacks(execute=True):
        progress.reach_end(user.learner, lesson)
        progress.reach_end(user.learner, lesson)  # no second completion, no second score
    received = course.received()
    assert len(received) == 1
    assert received[0].payload["userId"] == "learner-1"
    assert (received[0].score_given, received[0].score_maximum) == (5, 5)
    assert received[0].activity_progress == "Completed"


def test_score_is_written_in_the_progress_transaction_and_rolls_back_with_it(
    lms, programme, django_capture_on_commit_callbacks
):
    lesson = programme.lessons["third"]
    course = make_course(lms, lesson, ["learner-1"])
    learner = course.users["learner-1"].learner
    record_steps_done(learner, programme.steps[0])  # Step Two is for graduates
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        progress.reach_end(learner, lesson)
        assert Score.objects.count() == 1  # written beside the progress...
        raise RuntimeError("the request failed later on")
    assert Score.objects.count() == 0  # ...and gone with it
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    assert callbacks == [] and course.received() == []


def test_links_in_courses_the_learner_is_not_in_get_no_score(
    lms, programme, django_capture_on_commit_callbacks
):
    lesson = programme.lessons["third"]
    mine = make_course(lms, lesson, ["learner-1"])
    other = make_course(lms, lesson, ["learner-2"], context_id="course-2", link_id="link-2")
    record_steps_done(mine.users["learner-1"].learner, programme.steps[0])
    with django_capture_on_commit_callbacks(execute=True):
        progress.reach_end(mine.users["learner-1"].learner, lesson)
    assert len(mine.received()) == 1
    assert other.received() == []


def test_public_learner_without_lms_account_sends_nothing(learner, programme):
    record_steps_done(learner, programme.steps[0])  # Step Two is for graduates
    progress.reach_end(learner, programme.lessons["third"])
    assert Score.objects.count() == 0


def test_resync_command_sends_current_scores_again_newer_than_before(
    lms, programme, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    step = programme.steps[0]
    course = make_course(lms, step, ["learner-1", "learner-2"], score_maximum=10)
    with django_capture_on_commit_callbacks(execute=True):
        progress.save_reflection(
            course.users["learner-1"].learner, programme.lessons["second"], "r2", "x"
        )
    assert [s.score_given for s in course.received()] == [5]
    call_command("lti_resync_scores", "--context", course.context.context_id)
    received = course.received()
    # learner-2 has no progress: nothing to say; learner-1's score is sent again, newer.
    assert [(s.user_id, s.score_given) for s in received] == [("learner-1", 5), ("learner-1", 5)]
    assert received[0].timestamp < received[1].timestamp and received[1].applied
    assert Score.objects.filter(status="delivered").count() == 2
    assert not Score.objects.filter(status__in=Score.UNDELIVERED).exists()  # nothing waiting

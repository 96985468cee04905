"""``manage.py reconcile_progress``: what a lost step completion should have earned comes back.

Three learners finish Step One in a graded course. For "lost" the step completion, its badge
and its final score went missing (as when two finishes raced before the fix); for "half" only
the badge and the score; "fine" is whole. A fourth learner finished Step Two's lesson without
Step One (data from before access was enforced): nothing is earned through a locked step.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from badges.models import Credential
from hub import progress
from hub.models import LessonProgress, StepCompletion
from lti_tool.models import LineItem, Score
from tests.support.courses import make_course

pytestmark = pytest.mark.django_db

WATCHED = (StepCompletion, Credential, Score, LineItem, LessonProgress)


def snapshot() -> dict[str, list[dict]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in WATCHED}


def reconcile(*args: str) -> str:
    out = StringIO()
    call_command("reconcile_progress", *args, stdout=out)
    return out.getvalue()


def final_scores(user) -> int:
    return Score.objects.filter(user=user, activity_progress=Score.Activity.COMPLETED).count()


@pytest.fixture
def course(lms, programme):
    call_command("setup_badges", "--demo", verbosity=0)
    course = make_course(lms, programme.steps[0], ["lost", "half", "fine", "early"])
    first, second = programme.lessons["first"], programme.lessons["second"]
    for sub in ("lost", "half", "fine"):
        learner = course.users[sub].learner
        progress.answer_question(learner, first, "q1", 0)
        progress.reach_end(learner, first)
        progress.save_reflection(learner, second, "r2", "Done.")
        assert StepCompletion.objects.filter(learner=learner).count() == 1
        assert final_scores(course.users[sub]) == 1
    for sub in ("lost", "half"):
        user = course.users[sub]
        Credential.objects.filter(learner=user.learner).delete()
        Score.objects.filter(user=user, activity_progress=Score.Activity.COMPLETED).delete()
    StepCompletion.objects.filter(learner=course.users["lost"].learner).delete()
    LessonProgress.objects.create(
        learner=course.users["early"].learner,
        lesson=programme.lessons["third"],
        started_at="2026-01-01T00:00Z",
        last_seen_at="2026-01-01T00:00Z",
        reached_end_at="2026-01-01T00:00Z",
        completed_at="2026-01-01T00:00Z",
    )
    return course


def test_dry_run_counts_what_is_missing_and_changes_nothing(course):
    before = snapshot()
    printed = reconcile("--dry-run")
    assert "Would record 1 missing step completions" in printed
    assert "Would record 2 missing step badges" in printed
    assert "Would record 2 missing step scores" in printed
    assert "Skipped: step locked: 1" in printed
    assert "Dry run: nothing was changed." in printed
    assert snapshot() == before


def test_repair_restores_each_kind_once_and_a_second_run_changes_nothing(course, programme):
    step_one = programme.steps[0]
    printed = reconcile()
    assert "Recorded 1 missing step completions" in printed
    assert "Recorded 2 missing step badges" in printed
    assert "Recorded 2 missing step scores" in printed
    assert "Skipped: step locked: 1" in printed
    for sub in ("lost", "half", "fine"):
        user = course.users[sub]
        assert StepCompletion.objects.filter(learner=user.learner, step=step_one).count() == 1
        assert Credential.objects.filter(learner=user.learner).count() == 1
        assert final_scores(user) == 1
    # The repaired completion keeps the time the learner actually finished.
    lost = course.users["lost"].learner
    last = LessonProgress.objects.filter(learner=lost).order_by("-completed_at").first()
    assert StepCompletion.objects.get(learner=lost).completed_at == last.completed_at
    early = course.users["early"].learner
    assert not StepCompletion.objects.filter(learner=early).exists()
    assert not Credential.objects.filter(learner=early).exists()

    after_first = snapshot()
    again = reconcile()
    assert "Recorded 0 missing step completions" in again
    assert "Recorded 0 missing step badges" in again
    assert "Recorded 0 missing step scores" in again
    assert snapshot() == after_first

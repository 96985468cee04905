"""Finishing a step's last two lessons at the same moment completes the step exactly once.

Real concurrency: two threads, each with its own database connection and transaction, wait at
a barrier and then finish one of Step One's two lessons for the same learner. Without the
learner's row lock, under READ COMMITTED each transaction could read the other lesson as
unfinished and neither would record the step; with it, exactly one does, and its
``step_completed`` event awards exactly one badge.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection, connections

from badges.models import Credential
from hub import events, progress
from hub.models import Learner, StepCompletion

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEARNERS = 24


@pytest.fixture
def file_database_only() -> None:
    """Concurrent writers need a database that lets them wait for each other's locks.

    SQLite's in-memory shared cache answers "table is locked" at once instead of waiting;
    the test database is moving to a file (WAL, IMMEDIATE transactions, busy timeout).
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite has no lock waiting; runs on the file test database")


def run_together(*calls: Callable[[], object]) -> list[BaseException]:
    """Run each call in its own thread, released at once by a barrier; return their errors."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def worker(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            call()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a finish never returned"
    return errors


def test_last_two_lessons_finished_at_once_complete_the_step_exactly_once(
    file_database_only, programme
):
    call_command("setup_badges", "--demo", verbosity=0)
    step = programme.steps[0]
    first, second = programme.lessons["first"], programme.lessons["second"]
    completed: Counter[int] = Counter()
    lock = threading.Lock()

    def on_step(sender, learner, step, **kwargs):
        with lock:
            completed[learner.pk] += 1

    events.step_completed.connect(on_step, dispatch_uid="test-step-race")
    try:
        learners = []
        for n in range(LEARNERS):
            learner = Learner.objects.create(display_name=f"Racer {n}")
            # The first lesson waits only for its end; the second only for its reflection.
            progress.answer_question(learner, first, "q1", 0)
            learners.append(learner)
        for learner in learners:
            errors = run_together(
                lambda learner=learner: progress.reach_end(learner, first),
                lambda learner=learner: progress.save_reflection(learner, second, "r2", "Done."),
            )
            assert errors == []
    finally:
        events.step_completed.disconnect(dispatch_uid="test-step-race")

    ids = [learner.pk for learner in learners]
    per_learner = Counter(
        StepCompletion.objects.filter(step=step).values_list("learner_id", flat=True)
    )
    assert {pk: per_learner[pk] for pk in ids} == dict.fromkeys(ids, 1)
    assert {pk: completed[pk] for pk in ids} == dict.fromkeys(ids, 1)
    badges = Counter(
        Credential.objects.filter(achievement__step=step).values_list("learner_id", flat=True)
    )
    assert {pk: badges[pk] for pk in ids} == dict.fromkeys(ids, 1)

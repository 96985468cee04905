"""A sweep delivers many learners' scores in batches: one claim and one record per batch.

The batch keeps every rule of the one-stream path: the newest score of a stream is sent and
older ones are superseded, a score another worker holds under a live lease is left alone, a
sweep that dies after sending leaves rows that the next one finds on the platform instead of
sending them again, and sends stop well inside the lease.
"""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from django.db import connection

from hub.models import Learner
from lti_tool.models import LtiUser, Score
from lti_tool.services import outbox
from tests.support.courses import later, make_course

pytestmark = pytest.mark.django_db

GRADE = outbox.Grade(5, 10, "InProgress", "Pending")


def _learners(lms, count: int, prefix: str = "b") -> list[LtiUser]:
    learners = Learner.objects.bulk_create(Learner() for _ in range(count))
    return LtiUser.objects.bulk_create(
        LtiUser(registration=lms.registration, sub=f"{prefix}{n}", learner=learner)
        for n, learner in enumerate(learners)
    )


@pytest.fixture
def course(lms, programme):
    lms.platform.ags.strict_score_users = False
    return make_course(lms, programme.steps[0], [])


class SweepKilled(BaseException):
    """Stands for the process dying: nothing after it runs."""


def test_a_sweep_claims_each_batch_in_one_transaction_and_sends_each_score_once(lms, course):
    streams = outbox.BATCH_STREAMS * 2 + 7
    for user in _learners(lms, streams):
        outbox.write_score(user, course.item, GRADE, "batch")
    transactions = 0

    def counting(execute, sql, params, many, context):
        nonlocal transactions
        transactions += sql.startswith(("SAVEPOINT", "BEGIN"))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        assert outbox.deliver_due() == streams

    assert transactions == math.ceil(streams / outbox.BATCH_STREAMS)
    received = course.received()
    assert len(received) == streams
    assert len({s.user_id for s in received}) == streams
    assert Score.objects.filter(status="delivered").count() == streams


def test_only_the_newest_score_of_a_stream_is_sent_and_older_ones_are_superseded(lms, course):
    (user,) = _learners(lms, 1)
    older = outbox.write_score(user, course.item, GRADE, "first")
    newer = outbox.write_score(
        user, course.item, outbox.Grade(10, 10, "Completed", "FullyGraded"), "x"
    )

    assert outbox.deliver_due() == 1

    assert [s.score_given for s in course.received()] == [10]
    assert Score.objects.get(pk=older.pk).status == "superseded"
    assert Score.objects.get(pk=newer.pk).status == "delivered"


def test_a_stream_another_worker_is_sending_is_left_alone(lms, course):
    busy, free = _learners(lms, 2)
    outbox.write_score(busy, course.item, GRADE, "busy")
    outbox.write_score(free, course.item, GRADE, "free")
    held = outbox.claim(busy.pk, course.item.pk)  # another worker, its lease still running
    assert held is not None

    assert outbox.deliver_due() == 1

    assert [s.user_id for s in course.received()] == [free.sub]
    assert Score.objects.get(pk=held.pk).status == "sending"
    assert Score.objects.get(pk=held.pk).attempts == 1  # not claimed a second time


def test_a_sweep_killed_before_recording_sends_nothing_twice(lms, course, monkeypatch):
    users = _learners(lms, 3)
    for user in users:
        outbox.write_score(user, course.item, GRADE, "batch")

    def dying(scores):
        raise SweepKilled

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "mark_delivered_batch", dying)
        with pytest.raises(SweepKilled):
            outbox.deliver_due()
    assert len(course.received()) == 3  # they reached the platform...
    assert set(Score.objects.values_list("status", flat=True)) == {"sending"}  # ...unrecorded

    assert outbox.deliver_due() == 0  # the leases still hold: nobody touches them
    assert set(Score.objects.values_list("status", flat=True)) == {"sending"}

    assert outbox.deliver_due(now=later()) == 3
    assert all("not sent again" in s.last_error for s in Score.objects.all())
    assert set(Score.objects.values_list("status", flat=True)) == {"delivered"}
    assert len(course.received()) == 3
    assert lms.server.request_count("ags.scores") == 3


def test_sends_stop_inside_the_lease_and_unsent_scores_are_given_back(lms, course, monkeypatch):
    users = _learners(lms, 2)
    for user in users:
        outbox.write_score(user, course.item, GRADE, "batch")
    streams = list(outbox.due_streams())
    with monkeypatch.context() as patch:
        patch.setattr(outbox, "LEASE", timedelta(0))  # the time to send is already over
        assert outbox.deliver_batch(streams, later()) == (0, set())
    assert course.received() == []
    assert (
        list(Score.objects.values_list("status", "attempts", "lease_until"))
        == [("pending", 0, None)] * 2
    )

    assert outbox.deliver_due() == 2
    assert len(course.received()) == 2


def test_the_command_delivers_what_is_due_once_and_says_how_many(lms, course, capsys):
    from django.core.management import call_command

    for user in _learners(lms, 3, prefix="c"):
        outbox.write_score(user, course.item, GRADE, "command")
    call_command("lti_deliver_scores")
    assert capsys.readouterr().out == "Delivered 3 score(s).\n"
    call_command("lti_deliver_scores")  # nothing left: nothing sent twice
    assert capsys.readouterr().out == "Delivered 0 score(s).\n"
    assert len(course.received()) == 3

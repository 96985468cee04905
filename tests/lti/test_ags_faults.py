"""Delivery through faults: 5xx, timeouts, cut connections, 401s and a worker that dies.

Every score reaches the platform peer exactly once, in timestamp order per learner and line
item; a newer score supersedes an older one still waiting, which is then never sent.
"""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from hub import progress
from lti_platform import claims as c
from lti_tool.models import Score
from lti_tool.services import outbox
from tests.support.courses import later, make_course

pytestmark = pytest.mark.django_db


def _reflect(course, sub, programme):
    progress.save_reflection(
        course.users[sub].learner, programme.lessons["second"], "r2", "My audience."
    )


def _finish_first(course, sub, programme):
    lesson = programme.lessons["first"]
    learner = course.users[sub].learner
    progress.answer_question(learner, lesson, "q1", 0)
    progress.reach_end(learner, lesson)


def _drain(rounds: int = 6) -> None:
    for attempt in range(rounds):
        outbox.deliver_due(now=later(3600 * (attempt + 1) * 8))


def _assert_once_in_order(received, expected):
    assert [(s.user_id, s.score_given, s.activity_progress) for s in received] == expected
    stamps = [s.timestamp for s in received]
    assert len(set(stamps)) == len(stamps)  # nothing arrived twice
    assert stamps == sorted(stamps)  # in timestamp order
    assert all(s.applied for s in received)


def test_500s_then_recovery(lms, programme, django_capture_on_commit_callbacks):
    course = make_course(lms, programme.steps[0], ["learner-1", "learner-2"])
    server = lms.server
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)  # delivered at once
    server.faults.fail_next("ags.scores", times=3, status=500)
    with django_capture_on_commit_callbacks(execute=True):
        _finish_first(course, "learner-1", programme)
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-2", programme)
    waiting = Score.objects.filter(status="pending").order_by("pk")
    assert waiting.count() == 2
    for score in waiting:
        assert score.attempts == 1 and "HTTP 500" in score.last_error
        assert score.next_attempt_at > timezone.now() + outbox.backoff(1) * 0.8

    outbox.deliver_due()  # not due yet: nothing is sent
    assert server.request_count("ags.scores") == 3

    _drain()
    _assert_once_in_order(
        course.received("learner-1"),
        [("learner-1", 5, "InProgress"), ("learner-1", 10, "Completed")],
    )
    _assert_once_in_order(course.received("learner-2"), [("learner-2", 5, "InProgress")])
    assert server.request_count("ags.scores") == 3 + 3  # three delivered, three refused
    assert set(Score.objects.values_list("status", flat=True)) == {"delivered"}
    assert max(Score.objects.values_list("attempts", flat=True)) >= 2


def test_backoff_grows_exponentially(settings):
    settings.LTI_SCORE_RETRY_BASE_SECONDS = 10
    waits = [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)]
    for wait, expected in zip(waits, (10, 20, 40, 80), strict=True):
        assert expected * 0.9 <= wait <= expected * 1.1
    assert outbox.backoff(40).total_seconds() <= outbox.RETRY_CAP_SECONDS * 1.1


def test_newer_score_supersedes_an_older_one_still_waiting(
    lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    lms.server.faults.fail_next("ags.scores", times=2, status=503)
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)
    with django_capture_on_commit_callbacks(execute=True):
        _finish_first(course, "learner-1", programme)
    older, newer = Score.objects.order_by("timestamp")
    assert older.status == "superseded" and newer.status == "pending"
    _drain()
    # The older score is never sent after the newer one (nor at all).
    _assert_once_in_order(course.received(), [("learner-1", 10, "Completed")])
    assert Score.objects.get(pk=older.pk).status == "superseded"


def test_older_score_left_sending_is_not_sent_after_a_newer_one(
    lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    with django_capture_on_commit_callbacks(execute=False):  # nothing delivered yet
        _reflect(course, "learner-1", programme)
    first = Score.objects.get()
    claimed = outbox.claim(first.user_id, first.line_item_id)  # a worker takes it, then dies
    assert claimed.pk == first.pk
    with django_capture_on_commit_callbacks(execute=True):
        _finish_first(course, "learner-1", programme)  # the stream is busy: wait for the lease
    assert course.received() == []
    _drain()
    _assert_once_in_order(course.received(), [("learner-1", 10, "Completed")])
    assert Score.objects.get(pk=first.pk).status == "superseded"


@pytest.mark.parametrize("fault", ["drop", "delay"])
def test_timeouts_and_cut_connections(
    lms, programme, settings, django_capture_on_commit_callbacks, fault
):
    settings.LTI_SERVICE_TIMEOUT = (2.0, 0.5)
    course = make_course(lms, programme.steps[0], ["learner-1"])
    if fault == "drop":
        lms.server.faults.drop_next("ags.scores", times=2)  # not processed
    else:
        lms.server.faults.delay_next("ags.scores", 1.5)  # processed after we gave up
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)
    score = Score.objects.get()
    assert score.status == "pending"
    assert score.last_error.startswith(outbox.UNKNOWN_OUTCOME)
    if fault == "delay":
        deadline = time.monotonic() + 5
        while not course.received() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(course.received()) == 1  # the slow platform did apply it
    _drain()
    _assert_once_in_order(course.received(), [("learner-1", 5, "InProgress")])
    score.refresh_from_db()
    assert score.status == "delivered"
    if fault == "delay":
        # The tool read the result instead of sending the same score again.
        assert lms.server.request_count("ags.scores") == 1
        assert "not sent again" in score.last_error
    else:
        assert lms.server.request_count("ags.scores") == 3


def test_401_for_a_while_then_recovery(lms, programme, django_capture_on_commit_callbacks):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    platform = lms.platform
    tokens_before = platform.token_request_count
    lms.server.faults.fail_next("ags.scores", times=3, status=401)
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)
    score = Score.objects.get()
    # One token, refused; refreshed once; refused again: try later.
    assert score.status == "pending" and "HTTP 401" in score.last_error
    assert platform.token_request_count == tokens_before + 2
    _drain()
    _assert_once_in_order(course.received(), [("learner-1", 5, "InProgress")])
    assert platform.token_request_count == tokens_before + 3

    # A token the platform expired early is refreshed once, within the same attempt.
    platform.expire_access_tokens()
    with django_capture_on_commit_callbacks(execute=True):
        _finish_first(course, "learner-1", programme)
    assert [s.score_given for s in course.received()] == [5, 10]
    assert platform.token_request_count == tokens_before + 4
    assert set(Score.objects.values_list("status", flat=True)) == {"delivered"}


def test_platform_down_for_a_long_time_loses_nothing(
    lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1", "learner-2"])
    lms.server.faults.fail_next("*", times=12, status=502)  # tokens and scores alike
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)
        _reflect(course, "learner-2", programme)
    for _ in range(5):
        outbox.deliver_due(now=later(10**6))
    # Twelve refused token requests: the first try and five retries of each learner's score.
    assert lms.server.faults.pending() == 0
    assert course.received() == []
    assert list(Score.objects.values_list("status", "attempts")) == [("pending", 6)] * 2
    _drain(10)
    assert lms.server.faults.pending() == 0
    assert sorted(s.user_id for s in course.received()) == ["learner-1", "learner-2"]
    assert set(Score.objects.values_list("status", flat=True)) == {"delivered"}


class WorkerKilled(BaseException):
    """Stands for the process dying: nothing after it runs."""


def _die_after_sending(monkeypatch):
    real = outbox.mark_delivered
    calls = {"n": 0}

    def dying(score, note=""):
        calls["n"] += 1
        if calls["n"] == 1:
            raise WorkerKilled
        real(score, note)

    monkeypatch.setattr(outbox, "mark_delivered", dying)


def test_worker_killed_after_sending_before_recording(
    lms, programme, monkeypatch, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    _die_after_sending(monkeypatch)
    with django_capture_on_commit_callbacks(execute=False):
        _reflect(course, "learner-1", programme)
    score = Score.objects.get()
    with pytest.raises(WorkerKilled):
        outbox.deliver_stream(score.user_id, score.line_item_id)
    assert len(course.received()) == 1  # it reached the platform...
    score.refresh_from_db()
    assert score.status == "sending"  # ...but the tool never recorded it

    outbox.deliver_due()  # the lease still holds: nobody touches it
    assert Score.objects.get(pk=score.pk).status == "sending"

    outbox.deliver_due(now=later())
    score.refresh_from_db()
    assert score.status == "delivered"
    assert "not sent again" in score.last_error
    _assert_once_in_order(course.received(), [("learner-1", 5, "InProgress")])
    assert lms.server.request_count("ags.scores") == 1


def test_worker_killed_when_platform_cannot_show_results_resends_harmlessly(
    lms, programme, monkeypatch, django_capture_on_commit_callbacks
):
    """Without the results service the score is sent again: the same body, the same timestamp.

    The peer (like the AGS specification) applies scores by timestamp: the copy leaves the
    gradebook exactly as the first one did.
    """
    lms.platform.registration().scopes.discard(c.SCOPE_AGS_RESULT_READONLY)
    course = make_course(lms, programme.steps[0], ["learner-1"])
    _die_after_sending(monkeypatch)
    with django_capture_on_commit_callbacks(execute=False):
        _reflect(course, "learner-1", programme)
    score = Score.objects.get()
    with pytest.raises(WorkerKilled):
        outbox.deliver_stream(score.user_id, score.line_item_id)
    outbox.deliver_due(now=later())
    assert Score.objects.get(pk=score.pk).status == "delivered"
    first, again = course.received()
    assert first.payload == again.payload  # identical, timestamp included
    assert first.applied and again.applied
    latest = {s.user_id: s for s in lms.platform.ags.scores if s.applied}  # the gradebook
    assert len(latest) == 1 and latest["learner-1"].score_given == 5


def test_permanent_errors_fail_until_an_administrator_retries(
    lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    lms.server.faults.fail_next("ags.scores", times=1, status=400)
    with django_capture_on_commit_callbacks(execute=True):
        _reflect(course, "learner-1", programme)
    score = Score.objects.get()
    assert score.status == "failed" and "HTTP 400" in score.last_error
    _drain()
    assert course.received() == []  # not retried on its own
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.retry_now(Score.objects.filter(pk=score.pk)) == 1
    assert Score.objects.get(pk=score.pk).status == "delivered"
    _assert_once_in_order(course.received(), [("learner-1", 5, "InProgress")])


def test_same_timestamp_is_unique_per_learner_and_line_item(lms, programme):
    from django.db import IntegrityError, transaction

    course = make_course(lms, programme.steps[0], ["learner-1"])
    user = course.users["learner-1"]
    grade = outbox.Grade(1, 2, "InProgress", "Pending")
    score = outbox.write_score(user, course.item, grade, "test")
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            registration=lms.registration,
            line_item=course.item,
            user=user,
            score_given=1,
            score_maximum=2,
            activity_progress="InProgress",
            grading_progress="Pending",
            timestamp=score.timestamp,
        )
    # Writing the same grade again adds nothing; a different one gets a later timestamp.
    assert outbox.write_score(user, course.item, grade, "test") is None
    newer = outbox.write_score(
        user, course.item, outbox.Grade(2, 2, "Completed", "FullyGraded"), "t"
    )
    assert newer.timestamp > score.timestamp

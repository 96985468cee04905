"""No database transaction is open while the tool talks to the platform about a score.

On SQLite a write transaction locks the whole file: one held across a slow platform would
make every learner's request wait for the network (and fail once the busy timeout ran out).
The spies below call the real functions; they only note whether a transaction was open.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from hub import progress
from lti_tool.models import Score
from lti_tool.services import ags, outbox
from tests.support.courses import later, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def open_transactions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record, for every score POST and result GET, whether a transaction was open."""
    seen: list[tuple[str, bool]] = []
    for name in ("post_score", "platform_result"):
        real = getattr(ags, name)

        def spy(score: Score, _real=real, _name=name):
            seen.append((_name, connection.in_atomic_block))
            return _real(score)

        monkeypatch.setattr(ags, name, spy)
    return seen


def test_scores_are_posted_and_checked_outside_any_transaction(lms, programme, open_transactions):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    learner = course.users["learner-1"].learner
    progress.save_reflection(learner, programme.lessons["second"], "r2", "My audience.")
    # A delivery whose outcome is unknown (its sender stopped) checks the platform's result.
    lesson = programme.lessons["first"]
    progress.answer_question(learner, lesson, "q1", 0)
    with pytest.MonkeyPatch.context() as patch:  # keep this one in the outbox
        patch.setattr(outbox, "enqueue_delivery", lambda *args, **kwargs: None)
        progress.reach_end(learner, lesson)
    score = Score.objects.get(status="pending")
    assert outbox.claim(score.user_id, score.line_item_id) is not None  # a sender that stops
    outbox.deliver_due(now=later())

    assert [name for name, _ in open_transactions] == [
        "post_score",
        "platform_result",
        "post_score",
    ]
    assert not any(was_open for _, was_open in open_transactions), open_transactions
    assert [s.score_given for s in course.received()] == [5, 10]


def test_the_spy_sees_a_transaction_when_one_is_open(lms, programme, open_transactions):
    """The negative case: delivering inside a transaction is what the spy would report."""
    course = make_course(lms, programme.steps[0], ["learner-1"])
    learner = course.users["learner-1"].learner
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "enqueue_delivery", lambda *args, **kwargs: None)
        progress.save_reflection(learner, programme.lessons["second"], "r2", "My audience.")
    score = Score.objects.get(status="pending")
    with transaction.atomic():
        outbox.deliver_stream(score.user_id, score.line_item_id)
    assert open_transactions == [("post_score", True)]

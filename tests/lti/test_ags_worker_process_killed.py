"""A real worker process killed between sending a score and recording it loses nothing.

The test database is shared with a second Python process: the PostgreSQL test database, or
the SQLite test database file (config/settings/test.py keeps it in a file, in WAL mode, for
exactly this kind of sharing). That process delivers a score and is killed
with SIGKILL as soon as the platform peer has accepted it. The tool, in this process, then
finds the score still marked as being sent; once the dead worker's lease runs out it checks
the platform's result, records the score delivered and does not send it a second time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from hub import progress
from lti_tool.models import Score
from lti_tool.services import outbox
from tests.support.courses import later, make_course
from tests.support.database import shared_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)


def _run_dying_worker(score: Score) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    worker = ["-m", "tests.lti.worker_that_dies", str(score.user_id), str(score.line_item_id)]
    return subprocess.run(
        [sys.executable, *worker],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_worker_process_killed_after_sending_loses_nothing_and_sends_once(lms, programme):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    progress.save_reflection(
        course.users["learner-1"].learner, programme.lessons["second"], "r2", "My audience."
    )
    # The immediate task backend delivered that score already; the next one is for the worker.
    assert [s.score_given for s in course.received()] == [5]
    lesson = programme.lessons["first"]
    learner = course.users["learner-1"].learner
    progress.answer_question(learner, lesson, "q1", 0)
    with pytest.MonkeyPatch.context() as patch:  # keep this one in the outbox
        patch.setattr(outbox, "enqueue_delivery", lambda *args, **kwargs: None)
        progress.reach_end(learner, lesson)
    score = Score.objects.get(status="pending")
    assert score.score_given == 10

    finished = _run_dying_worker(score)
    assert finished.returncode == -signal.SIGKILL, finished.stderr[-2000:]
    assert [s.score_given for s in course.received()] == [5, 10]  # it reached the platform
    score.refresh_from_db()
    assert score.status == "sending"  # but the dead worker never recorded it

    outbox.deliver_due()  # its lease still holds: nobody takes the score over yet
    assert Score.objects.get(pk=score.pk).status == "sending"

    outbox.deliver_due(now=later())  # the lease has run out
    score.refresh_from_db()
    assert score.status == "delivered" and "not sent again" in score.last_error
    assert [s.score_given for s in course.received()] == [5, 10]  # exactly once
    assert lms.server.request_count("ags.scores") == 2

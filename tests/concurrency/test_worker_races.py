"""The task worker delivers scores while the web server takes writes, on one database.

This is ``make run``'s arrangement: the web server and a separate ``manage.py db_worker``
process share the database (on SQLite, one file). Learners finish lessons together; every
score they earn is queued as a task, which the worker claims and posts to the platform while
more requests write. Nothing may fail with "database is locked", in the web server or in the
worker, and the platform receives every score exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django_tasks_db.models import DBTaskResult

from lti_tool.models import Score
from lti_tool.roles import LEARNER
from tests.support.database import shared_database_url
from tests.support.live import TIMEOUT, at_once, framed_token, launch_over_http

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEARNERS = 8
ROOT = Path(django_settings.BASE_DIR)
DELIVERY_DEADLINE = 180  # seconds to wait for the worker before failing; never asserted on


def _start_worker() -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.concurrency.worker_settings",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _stop(worker: subprocess.Popen[str]) -> str:
    worker.send_signal(signal.SIGTERM)
    try:
        output, _ = worker.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output


def _wait_until_delivered(learners: int) -> None:
    """Wait (bounded) until every learner's final score is delivered and every task has run."""
    give_up = time.monotonic() + DELIVERY_DEADLINE
    while time.monotonic() < give_up:
        final = Score.objects.filter(
            status=Score.Status.DELIVERED, activity_progress=Score.Activity.COMPLETED
        ).count()
        undelivered = Score.objects.filter(status__in=Score.UNDELIVERED).exists()
        waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
        if final >= learners and not undelivered and not waiting:
            return
        time.sleep(0.5)


def test_worker_delivers_every_score_once_while_the_web_server_writes(
    live_lms, programme, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    step = programme.steps[0]
    lessons = programme.lessons
    worker = _start_worker()
    try:

        def learn(index: int) -> list[int]:
            """One learner's launch, then both lessons of Step One: two scores."""
            launched = launch_over_http(
                live_lms,
                user=f"worker-learner-{index}",
                roles=[LEARNER],
                custom={"plh_page": str(step.pk)},
                lineitem=True,
                resource_link_id="step-one-link",
            )
            base = f"{live_lms.tool}/lti/s/{framed_token(launched)}/page/"
            second, first = f"{base}{lessons['second'].pk}/", f"{base}{lessons['first'].pk}/"
            statuses = [requests.get(second, timeout=TIMEOUT).status_code]
            for url, data in [
                (second, {"action": "reflect", "prompt_id": "r2", "text": f"Mine, {index}."}),
                (first, {"action": "answer", "question_id": "q1", "option": "0"}),
                (first, {"action": "finish"}),
            ]:
                answer = requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)
                statuses.append(answer.status_code)
            return statuses

        statuses = at_once(LEARNERS, learn)
        _wait_until_delivered(LEARNERS)
    finally:
        output = _stop(worker)

    assert statuses == [[200, 302, 200, 302]] * LEARNERS
    assert "database is locked" not in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    tasks = list(DBTaskResult.objects.values_list("task_path", "status"))
    assert tasks and all(status == "SUCCESSFUL" for _, status in tasks), tasks
    # A half-way score still waiting when the full one is written is superseded, not sent
    # (the platform keeps the newest anyway); everything else is delivered, nothing is left.
    assert set(Score.objects.values_list("status", flat=True)) <= {"delivered", "superseded"}
    # Every learner's step ends in a delivered Completed score at full marks. A learner may have
    # two: the column's maximum can arrive from the platform (the line item refresh the worker
    # runs) between the last lesson's score and the step's, and the step's is then a new grade
    # (2/2, then 100/100). The first is either sent before the second or, still waiting when
    # the second is written, superseded by it; the newest is always the one delivered last.
    final = Score.objects.filter(activity_progress=Score.Activity.COMPLETED)
    assert final.values("user_id").distinct().count() == LEARNERS
    for user in final.values_list("user_id", flat=True).distinct():
        stream = list(final.filter(user_id=user).order_by("timestamp"))
        assert stream[-1].status == "delivered", stream
        assert {s.status for s in stream[:-1]} <= {"delivered", "superseded"}, stream
        assert {s.score_given / s.score_maximum for s in stream} == {1.0}, stream
    for index in range(LEARNERS):
        sub = f"worker-learner-{index}"
        delivered = Score.objects.filter(user__sub=sub, status="delivered").order_by("timestamp")
        received = live_lms.platform.ags.scores_for(user_id=sub)
        # Each delivered score reached the platform once, in order, ending at the completed step.
        sent = [s.payload()["timestamp"] for s in delivered]
        assert [s.timestamp for s in received] == sent, sub
        assert [s.activity_progress for s in received][-1:] == ["Completed"], sub

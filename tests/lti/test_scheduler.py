"""The periodic jobs: score sweeps and scheduled roster syncs, queued by the scheduler."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lti_platform import Member
from lti_tool.models import Context, Deployment, RosterSync
from lti_tool.roles import LEARNER
from lti_tool.schedule import Scheduler
from lti_tool.services import nrps

pytestmark = pytest.mark.django_db


def _course(lms, context_id: str) -> Context:
    lms.platform.ensure_context(context_id, title=context_id)
    lms.platform.add_members([Member(f"{context_id}-learner", roles=[LEARNER])], context_id)
    return Context.objects.create(
        deployment=Deployment.objects.get(deployment_id="deployment-1"),
        context_id=context_id,
        memberships_url=lms.platform.nrps.memberships_url(context_id),
    )


def test_stale_rosters_are_synced_fresh_ones_are_left_alone(
    lms, django_capture_on_commit_callbacks
):
    never = _course(lms, "never-synced")
    old = _course(lms, "synced-long-ago")
    fresh = _course(lms, "synced-just-now")
    now = timezone.now()
    RosterSync.objects.create(context=old, status="done", finished_at=now - timedelta(hours=7))
    RosterSync.objects.create(context=fresh, status="done", finished_at=now - timedelta(hours=1))
    Context.objects.create(  # no roster service: nothing to sync
        deployment=never.deployment, context_id="no-nrps", memberships_url=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = nrps.request_stale_syncs(timedelta(hours=6))
    assert queued == 2
    assert RosterSync.objects.get(context=never).status == "done"
    assert RosterSync.objects.get(context=old).finished_at > now
    assert RosterSync.objects.get(context=fresh).finished_at < now
    assert lms.platform.nrps.request_count == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert nrps.request_stale_syncs(timedelta(hours=6)) == 0  # all fresh now


def test_failed_sync_is_retried_later_not_every_tick(lms, django_capture_on_commit_callbacks):
    course = _course(lms, "flaky")
    now = timezone.now()
    RosterSync.objects.create(context=course, status="failed", finished_at=now)
    assert nrps.request_stale_syncs(timedelta(hours=6), now) == 0
    later = now + nrps.FAILED_RETRY + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert nrps.request_stale_syncs(timedelta(hours=6), later) == 1
    assert RosterSync.objects.get(context=course).status == "done"


def test_a_sync_stuck_in_queue_is_queued_again(lms, django_capture_on_commit_callbacks):
    course = _course(lms, "stuck")
    RosterSync.objects.create(context=course, status="queued")
    assert nrps.request_stale_syncs(timedelta(hours=6)) == 0  # queued a moment ago: waiting
    RosterSync.objects.filter(context=course).update(
        updated_at=timezone.now() - nrps.RECENT - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert nrps.request_stale_syncs(timedelta(hours=6)) == 1
    assert RosterSync.objects.get(context=course).status == "done"


def test_score_sweep_is_queued_once_per_interval(db):
    scheduler = Scheduler(sweep_every=timedelta(seconds=60), rosters_older_than=timedelta(hours=6))
    now = timezone.now()
    assert scheduler.tick(now).score_sweep is True
    assert scheduler.tick(now + timedelta(seconds=30)).score_sweep is False
    assert scheduler.tick(now + timedelta(seconds=61)).score_sweep is True


def test_sweep_waits_while_the_previous_one_has_not_run(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    scheduler = Scheduler(sweep_every=timedelta(seconds=60), rosters_older_than=timedelta(hours=6))
    now = timezone.now()
    assert scheduler.tick(now).score_sweep is True
    # No worker has picked it up: a second sweep would only pile up behind the first.
    assert scheduler.tick(now + timedelta(minutes=5)).score_sweep is False
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_due_scores").count() == 1
    DBTaskResult.objects.update(status="SUCCESSFUL")
    assert scheduler.tick(now + timedelta(minutes=6)).score_sweep is True
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_due_scores").count() == 2


def test_command_runs_one_tick(lms, capsys):
    _course(lms, "command-course")
    call_command("lti_scheduler", "--once")
    assert "Queued: score sweep yes, 1 roster sync(s)." in capsys.readouterr().out


def test_command_refuses_a_non_positive_tick(db):
    with pytest.raises(CommandError, match="--tick must be a positive number of seconds"):
        call_command("lti_scheduler", "--tick", "0")

"""/healthz and the admin dashboard's task queue panel."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations.health import describe_age, queue_status
from operations.models import WorkerHeartbeat
from operations.views import healthz
from tests.operations.tasks import add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def beat(seconds_ago: float) -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=f"w-{seconds_ago}",
        host="here",
        pid=1,
        started_at=now - timedelta(hours=1),
        last_seen_at=now - timedelta(seconds=seconds_ago),
    )


def waiting_task(seconds_ago: float) -> DBTaskResult:
    result = add.enqueue(1, 1)
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return DBTaskResult.objects.get(id=result.id)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def test_healthz_answers_200_when_database_and_cache_answer(client):
    beat(5)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    assert 4 <= body["worker"]["last_heartbeat_age_seconds"] < 60
    assert body["tasks"]["oldest_waiting_age_seconds"] is None
    assert body["warnings"] == []
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_head_with_headers_only(rf):
    # Called directly: the test client would drop a HEAD body itself; gunicorn does not.
    response = healthz(rf.head("/healthz"))
    assert response.status_code == 200 and response.content == b""


def test_healthz_answers_503_naming_the_cache_when_it_cannot_connect(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing" and body["failed"] == ["cache"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] != "ok"


def test_healthz_reports_a_stalled_queue_but_still_serves(client):
    beat(90)
    waiting_task(120)
    response = client.get("/healthz")
    assert response.status_code == 200  # the web process itself is fine
    body = response.json()
    assert body["worker"]["last_heartbeat_age_seconds"] >= 90
    assert body["tasks"]["oldest_waiting_age_seconds"] >= 120
    assert len(body["warnings"]) == 2


def test_queue_status_counts_a_scheduled_task_from_when_it_became_due():
    beat(1)
    task = waiting_task(3600)
    DBTaskResult.objects.filter(id=task.id).update(run_after=timezone.now() - timedelta(seconds=10))
    status = queue_status()
    assert 10 <= status.oldest_waiting_age < 60
    assert not status.stalled


def test_a_task_scheduled_for_later_is_not_waiting():
    beat(1)
    task = waiting_task(3600)
    DBTaskResult.objects.filter(id=task.id).update(run_after=timezone.now() + timedelta(hours=1))
    assert queue_status().oldest_waiting_age is None


def test_no_worker_ever_seen_is_a_warning():
    status = queue_status()
    assert status.heartbeat_age is None and status.stalled
    assert "ever reported" in status.warnings[0]


def test_describe_age():
    assert describe_age(1) == "1 second"
    assert describe_age(59.9) == "59 seconds"
    assert describe_age(61) == "1 minute"
    assert describe_age(7300) == "2 hours"
    assert describe_age(None) == "never"


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("boss", "", "pw"))
    return client


def test_dashboard_panel_warns_superusers_when_the_worker_is_not_seen(superuser_client):
    beat(75)
    html = superuser_client.get("/admin/").content.decode()
    assert "Background tasks" in html
    assert "The background task queue has stalled" in html
    assert "No task worker has been seen for 1 minute" in html


def test_dashboard_panel_warns_when_a_task_has_waited_over_a_minute(superuser_client):
    beat(2)
    waiting_task(65)
    html = superuser_client.get("/admin/").content.decode()
    assert "The background task queue has stalled" in html
    assert "A background task has been waiting for 1 minute" in html


def test_dashboard_panel_has_no_warning_when_the_queue_moves(superuser_client):
    beat(3)
    waiting_task(5)
    html = superuser_client.get("/admin/").content.decode()
    assert "Background tasks" in html
    assert "waiting for 5 seconds" in html
    assert "has stalled" not in html


def test_dashboard_panel_is_for_superusers_only(client):
    editor = get_user_model().objects.create_user("editor", "", "pw")
    group = Group.objects.create(name="Admin access")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    beat(500)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Background tasks" not in response.content.decode()

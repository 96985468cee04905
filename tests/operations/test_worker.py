"""The task worker survives database errors, then runs the task; it beats only when due."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from operations.models import WorkerHeartbeat
from operations.worker import ResilientWorker, backoff_delay, heartbeat_due
from tests.operations.tasks import add

# The worker runs in its own thread with its own connection: it must see committed rows.
with_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def database_tasks(settings) -> None:
    """Enqueue into the database, as production does (the suite otherwise runs tasks inline)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerLog(logging.Handler):
    """Collects the worker's log records and signals the first database error."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.database_error = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        if "database error" in message:
            self.database_error.set()


@pytest.fixture
def worker_log() -> Iterator[WorkerLog]:
    handler = WorkerLog()
    worker_logger = logging.getLogger("operations.worker")
    worker_logger.addHandler(handler)
    yield handler
    worker_logger.removeHandler(handler)


def make_worker(**options: object) -> ResilientWorker:
    values: dict = {
        "queue_names": ["default"],
        "interval": 0.05,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": 1,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
        "first_backoff": 0.05,
        "max_backoff": 0.2,
    }
    values.update(options)
    return ResilientWorker(**values)


def start(worker: ResilientWorker) -> threading.Thread:
    """Run the worker in its own thread, with its own database connection, like a process."""

    def run() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def stop(worker: ResilientWorker, thread: threading.Thread) -> None:
    thread.join(60)
    if thread.is_alive():
        worker.running = False
        thread.join(10)
        pytest.fail("the worker did not finish its task")


def rename_task_table(old: str, new: str) -> None:
    with connection.schema_editor() as editor:
        editor.alter_db_table(DBTaskResult, old, new)


@with_database
def test_worker_logs_a_database_error_recovers_and_then_runs_the_task(worker_log):
    result = add.enqueue(2, 3)
    table = DBTaskResult._meta.db_table
    rename_task_table(table, f"{table}_away")  # every query for tasks now fails
    worker = make_worker()
    try:
        thread = start(worker)
        assert worker_log.database_error.wait(60), worker_log.messages
    finally:
        rename_task_table(f"{table}_away", table)
    stop(worker, thread)

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.return_value == 5
    assert any("database answers again" in m for m in worker_log.messages)
    assert worker.database_failures == 0


@with_database
def test_upstream_worker_dies_on_the_same_error():
    """Without the wrapper, django-tasks-db's loop ends on the first database error."""
    from django.db import DatabaseError
    from django_tasks_db.management.commands.db_worker import Worker

    add.enqueue(1, 1)
    table = DBTaskResult._meta.db_table
    rename_task_table(table, f"{table}_away")
    try:
        upstream = Worker(
            queue_names=["default"],
            interval=0.05,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id="upstream",
            excluded_queue_names=[],
        )
        with pytest.raises(DatabaseError):
            upstream.run()
    finally:
        connection.close()
        rename_task_table(f"{table}_away", table)


@with_database
def test_worker_writes_its_heartbeat_when_it_starts():
    add.enqueue(1, 2)
    worker = make_worker(worker_id="beating-worker")
    stop(worker, start(worker))

    beat = WorkerHeartbeat.objects.get(worker_id="beating-worker")
    assert beat.pid == worker.pid and beat.host == worker.host
    assert beat.started_at <= beat.last_seen_at


@with_database
def test_worker_does_not_beat_on_every_poll():
    worker = make_worker(heartbeat_every=3600)
    thread = start(worker)
    first = wait_for_heartbeat("test-worker")
    result = add.enqueue(4, 4)  # polled for and run after the first beat
    stop(worker, thread)

    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL
    assert WorkerHeartbeat.objects.get(worker_id="test-worker").last_seen_at == first


@with_database
def test_worker_beats_again_once_a_beat_is_due():
    worker = make_worker(heartbeat_every=0)  # always due
    thread = start(worker)
    first = wait_for_heartbeat("test-worker")
    later = None
    for _ in range(600):  # the worker polls every 0.05 s: a later beat comes within a moment
        beat = WorkerHeartbeat.objects.get(worker_id="test-worker").last_seen_at
        if beat > first:
            later = beat
            break
        threading.Event().wait(0.1)
    add.enqueue(4, 4)  # lets the worker finish (max_tasks=1)
    stop(worker, thread)

    assert later is not None, "the worker did not beat again although a beat was due"


def wait_for_heartbeat(worker_id: str):
    """The first heartbeat's time, once the worker thread has written it."""
    seen = threading.Event()
    for _ in range(600):
        beat = WorkerHeartbeat.objects.filter(worker_id=worker_id).first()
        if beat:
            return beat.last_seen_at
        seen.wait(0.1)
    pytest.fail("the worker never wrote a heartbeat")


@pytest.mark.django_db
def test_a_starting_worker_forgets_workers_gone_for_over_a_week():
    now = timezone.now()
    for name, age in (("gone", timedelta(days=8)), ("recent", timedelta(days=6))):
        WorkerHeartbeat.objects.create(
            worker_id=name, host="h", pid=1, started_at=now - age, last_seen_at=now - age
        )
    make_worker(worker_id="new").beat()
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"recent", "new"}


def test_heartbeat_is_due_only_after_the_interval():
    assert heartbeat_due(None, 100.0, 15)
    assert not heartbeat_due(100.0, 114.9, 15)
    assert heartbeat_due(100.0, 115.0, 15)


def test_backoff_doubles_up_to_the_ceiling():
    assert [backoff_delay(n, 1, 30) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


REFUSE_AT_COMMIT = """
CREATE FUNCTION plh_test_refuse_claim() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'claim refused at commit'; END $$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER plh_test_refuse_claim AFTER UPDATE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plh_test_refuse_claim();
"""
ALLOW_COMMIT = """
DROP TRIGGER plh_test_refuse_claim ON {table};
DROP FUNCTION plh_test_refuse_claim();
"""


@with_database
def test_worker_survives_the_commit_of_its_claim_failing(worker_log):
    """The claim's transaction fails only at COMMIT (a deferred trigger on PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("deferred constraint triggers are PostgreSQL's; CI runs this on PostgreSQL")
    result = add.enqueue(20, 22)
    table = connection.ops.quote_name(DBTaskResult._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(REFUSE_AT_COMMIT.format(table=table))
    worker = make_worker()
    try:
        thread = start(worker)
        assert worker_log.database_error.wait(60), worker_log.messages
    finally:
        with connection.cursor() as cursor:
            cursor.execute(ALLOW_COMMIT.format(table=table))
    stop(worker, thread)

    assert any("claim refused at commit" in m for m in worker_log.messages)
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL and stored.return_value == 42

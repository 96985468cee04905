"""Shared fixtures: a small published programme and its learner."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from django.db import connections
from pytest_django.plugin import blocking_manager_key

from hub.models import Learner
from tests.factories import Programme, build_programme

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """Put back what the migrations created once a transactional test has flushed it.

    A transactional test (live server, browser) ends by emptying every table, which also
    removes the rows that data migrations wrote: Wagtail's root page and default site,
    groups, workflows. Django restores them only for the next test that asks for
    ``serialized_rollback``; an ordinary test that pytest-xdist schedules afterwards on the
    same worker would find no root page. Restoring them here, from the snapshot taken when
    the test database was created, keeps every test independent of the order it runs in.
    """
    result = yield
    # After the last test the session's teardown has already removed the test database.
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                snapshot = getattr(connection, "_test_serialized_contents", None)
                if snapshot and not _has_root_page(connection.alias):
                    connection.creation.deserialize_db_from_string(snapshot)
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remove the SQLite test database's ``-wal`` and ``-shm`` files.

    Django deletes the test database file at the end of the run. SQLite leaves its two WAL
    companions behind if a connection (a live-server thread's) was still open at that
    moment. The test database is on tmpfs (see config/settings/test.py), so they would
    otherwise pile up in memory run after run.
    """
    from django.conf import settings

    if not settings.configured:
        return
    database = settings.DATABASES.get("default", {})
    name = str(database.get("TEST", {}).get("NAME") or "")
    if database.get("ENGINE") != "django.db.backends.sqlite3" or not name:
        return
    if os.path.exists(name):  # kept on purpose (--reuse-db)
        return
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(name + suffix)


def _has_root_page(alias: str) -> bool:
    from wagtail.models import Page

    return Page.objects.using(alias).filter(depth=1).exists()


@pytest.fixture(autouse=True)
def _forget_platforms_in_memory() -> None:
    """Registrations kept in this process's memory may be rows an earlier test rolled back
    (no signal says so); each test starts without them, and without platform keys in hand."""
    from lti_tool import platform_cache, platform_keys

    platform_cache.clear_local()
    platform_keys.forget_all()


@pytest.fixture(autouse=True)
def _media_root(settings) -> Iterator[None]:
    """Every test writes uploads to its own temporary folder."""
    path = tempfile.mkdtemp(prefix="plh-media-")
    settings.MEDIA_ROOT = path
    yield
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def programme(db) -> Programme:
    return build_programme()


@pytest.fixture
def learner(db) -> Learner:
    return Learner.objects.create(display_name="Test Learner")

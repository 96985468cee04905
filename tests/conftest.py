"""Shared fixtures: a small published programme and its learner.

The programme is built once for a run of tests that only need it in the database (see
:class:`ProgrammeLayer`), not once per test: building it publishes nine pages with their
revisions, search entries and references.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key, validate_django_db

from hub.models import Learner
from tests.factories import Programme, build_programme
from tests.support.lti import Lms, serve_lms

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
    from lti_tool.launch import platform_keys
    from lti_tool.registration import platform_cache

    platform_cache.clear_local()
    platform_keys.forget_all()


@pytest.fixture(autouse=True)
def _media_root(settings) -> Iterator[None]:
    """Every test writes uploads to its own temporary folder."""
    path = tempfile.mkdtemp(prefix="plh-media-")
    settings.MEDIA_ROOT = path
    yield
    shutil.rmtree(path, ignore_errors=True)


def _in_rolled_back_transaction(item: pytest.Item) -> bool:
    """Whether pytest-django runs ``item`` inside a transaction that it rolls back at the end
    (``django.test.TestCase``), as opposed to a transactional test or one without a database.
    The same reading of markers and fixtures as pytest-django's."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )
    if marker is not None:
        transaction_, reset_sequences, databases, *_ = validate_django_db(marker)
        if databases not in (None, [DEFAULT_DB_ALIAS], (DEFAULT_DB_ALIAS,)):
            return False
        return not (transactional or transaction_ or reset_sequences)
    return "db" in names and not transactional


def _reads_shared_programme(item: pytest.Item) -> bool:
    """A test gets the shared programme when it asks for ``programme`` and runs in a
    transaction that is rolled back, so whatever it changes is undone."""
    return "programme" in getattr(item, "fixturenames", ()) and _in_rolled_back_transaction(item)


class ProgrammeLayer:
    """The programme, built once in a transaction held open around consecutive tests that use it.

    This is Django's ``setUpTestData`` pattern for pytest: the layer's transaction holds the
    programme; pytest-django runs each test in a savepoint inside it (it nests its own
    atomic blocks), so a test that edits, moves or deletes pages finds them as built again in
    the next test. Each test gets its own deep copy of the Python objects (as ``TestData``
    gives), a copy of the programme's files in its own ``MEDIA_ROOT`` and the site-root cache
    emptied, as building it again would leave them.

    The layer is opened for a test that reads the shared programme and closed (rolled back)
    before any other test, so tests that do not ask for the programme never see it, and
    transactional tests (live server, browser) build their own as before.
    :func:`pytest_collection_modifyitems` puts the tests that read it first, so one layer
    serves all of them in a file.
    """

    def __init__(self, blocker: object) -> None:
        self.blocker = blocker
        self.atomic: transaction.Atomic | None = None
        self.built: Programme | None = None
        self.media = ""

    @property
    def is_open(self) -> bool:
        return self.atomic is not None

    def ensure(self, wanted: bool) -> None:
        if wanted and not self.is_open:
            self.open()
        elif not wanted and self.is_open:
            self.close()

    def open(self) -> None:
        media = tempfile.mkdtemp(prefix="plh-programme-media-")
        with self.blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            atomic._from_testcase = True  # as TestCase marks its own: durable blocks may nest
            atomic.__enter__()
            try:
                with override_settings(MEDIA_ROOT=media):
                    built = build_programme()
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                shutil.rmtree(media, ignore_errors=True)
                raise
        self.atomic, self.built, self.media = atomic, built, media

    def close(self) -> None:
        from wagtail.models import Site

        atomic, self.atomic, self.built = self.atomic, None, None
        if atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            atomic.__exit__(None, None, None)
        Site.clear_site_root_paths_cache()
        shutil.rmtree(self.media, ignore_errors=True)

    def programme_for(self, media_root: str) -> Programme:
        """This test's programme: the same rows, its own objects and files."""
        from wagtail.models import Site

        assert self.built is not None
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)
        Site.clear_site_root_paths_cache()
        return copy.deepcopy(self.built)


class _Layers:
    layer: ProgrammeLayer | None = None
    wanted = False  # whether the test being set up reads the shared programme


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that read the shared programme first (after pytest-django has put the
    database tests first), so that one programme serves them all. A stable sort: the order
    among those tests, and among the others, stays as it was."""
    items.sort(key=lambda item: not _reads_shared_programme(item))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a test's fixtures: open the programme layer for a test that reads it, close it
    for any other (the previous test's own transaction has ended by now)."""
    _Layers.wanted = _reads_shared_programme(item)
    if _Layers.layer is not None:
        _Layers.layer.ensure(_Layers.wanted)


@pytest.fixture(scope="session")
def _programme_layer(django_db_setup, django_db_blocker) -> Iterator[ProgrammeLayer]:
    """Session-scoped, so pytest sets it up before any test's own transaction begins."""
    layer = _Layers.layer = ProgrammeLayer(django_db_blocker)
    layer.ensure(_Layers.wanted)
    try:
        yield layer
    finally:
        layer.close()
        _Layers.layer = None


@pytest.fixture
def programme(_programme_layer: ProgrammeLayer, db, _media_root, settings) -> Programme:
    """Programme > Step One (two lessons), Step Two (one lesson, graduates only), mentors,
    glossary: see ``tests.factories.build_programme``."""
    if _programme_layer.is_open:
        return _programme_layer.programme_for(settings.MEDIA_ROOT)
    return build_programme()


@pytest.fixture
def learner(db) -> Learner:
    return Learner.objects.create(display_name="Test Learner")


@pytest.fixture
def lms(db) -> Iterator[Lms]:
    """The platform peer (``lti_platform``) on loopback, registered with the tool.

    The browser tests replace it with the demo LMS (``tests/browser/conftest.py``)."""
    with serve_lms() as lms:
        yield lms

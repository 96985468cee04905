"""Settings for the test suite: fast hashing, tasks run immediately, no manifest needed."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "t" * 40
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # a dict built in base.py
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Keep parallel test workers' cache keys apart when they share one Redis server.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "plh-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")

# SQLite tests use a database file, not memory: live-server threads, a task worker thread and
# a second process must write to the test database at the same moment, and an in-memory
# shared-cache database answers "table is locked" to that, which no busy timeout cures. The
# file gets the same WAL / IMMEDIATE / busy-timeout options as production (base.py). It lives
# on tmpfs where there is one (about as fast as memory), with a name of its own per test
# process so parallel runs never share it; pytest-xdist adds a "_gw<n>" suffix per worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _shm = Path("/dev/shm")  # noqa: S108 (a random name, created by this process alone)
    _folder = _shm if _shm.is_dir() and os.access(_shm, os.W_OK) else Path(tempfile.gettempdir())
    DATABASES["default"]["TEST"] = {"NAME": str(_folder / f"plh-test-{uuid.uuid4().hex[:12]}")}

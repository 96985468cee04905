"""Settings for the test suite: fast hashing, tasks run immediately, no manifest needed."""

import os

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
LOGGING["root"]["level"] = "WARNING"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Keep parallel test workers' cache keys apart when they share one Redis server.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "plh-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")

"""Settings for a task worker process started by a test: the test settings, with the
database task backend (the test settings run tasks immediately instead) and INFO logging, so
the worker's output shows every task it ran and any error it met."""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOGGING["root"]["level"] = "INFO"  # noqa: F405

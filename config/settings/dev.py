"""Local development: the default settings of ``manage.py`` and ``make run``."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-" + "x" * 40
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve static files straight from the apps (no collectstatic needed while developing).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

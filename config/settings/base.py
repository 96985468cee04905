"""Settings shared by every environment.

Everything that differs between machines is read from the environment, so the same code runs on
a laptop (SQLite, local-memory cache), in CI (SQLite, then PostgreSQL) and in production.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment, dropping empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First: its templates give Wagtail admin's few inline scripts the CSP nonce.
    "security",
    "hub",
    "lti_tool",
    "badges",
    "discussion",
    "pathway",
    "pool",
    "operations",
    "wagtailnhsukfrontend",
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "hub.apps.EditorialUsersConfig",  # wagtail.users, with group purposes on user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything else, so error pages and every inner layer's response get the policy.
    "security.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads a parameter: a NUL character gets a 400, never a 500 further in.
    "operations.request_guard.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lti_tool.middleware.FrameAncestorsMiddleware",
    # Last, so the 405 page it fills in still gets the frame headers set above.
    "operations.middleware.MethodNotAllowedPageMiddleware",
]
# A form without a valid CSRF token gets the site's 403 page (public or framed).
CSRF_FAILURE_VIEW = "operations.views.csrf_failure"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.programme",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# SQLite is shared by the web server's threads, the task worker and the scheduler: separate
# processes writing one file. Left at its defaults it answers "database is locked" under that
# load: the rollback journal blocks readers while anyone writes, a deferred transaction that
# read first and then wants to write fails at once (no busy wait can help it), and the busy
# wait is five seconds. So: write-ahead logging (readers never wait for a writer and a writer
# never waits for readers; NORMAL sync is safe with WAL and skips an fsync per commit), every
# transaction takes the write lock when it begins (IMMEDIATE), so waiting for the lock happens
# where the busy timeout applies, and a busy timeout long enough for any short write
# transaction ahead in the queue. See docs/database.md. PostgreSQL needs none of this.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 25,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# wagtail-nhsuk-frontend and pylti1p3 ship migrations made with AutoField; matching it avoids
# phantom migrations in third-party apps.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "plh",
        }
    }
# The database cache is shared by every process (web server and task worker); run
# ``manage.py createcachetable`` after migrating (the Makefile does). Wagtail writes every image
# rendition it serves to the "renditions" cache, which in the database is a read and a write of
# several queries per image on every page view; the pages prefetch the renditions they show
# instead (docs/performance.md), so that cache is a no-op here and a rendition not prefetched
# costs one query, as a database-cache read would.
DATABASE_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "plh_cache",
    },
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
if not REDIS_URL:
    CACHES = DATABASE_CACHES

# --- Background work (django-tasks) -------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Auth -------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Peer Leadership Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search automatically on PostgreSQL.
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "vtt", "mp4", "webm", "docx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Video and audio live in the media library, with their captions and transcript (hub.models.media).
WAGTAILMEDIA = {"MEDIA_MODEL": "hub.AccessibleMedia"}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Peer Leadership Hub API",
    "DESCRIPTION": "The peer-leadership programme's content (steps, lessons and mentors; read "
    "only), badge and learner-record verification, lesson discussions (for launched learners, "
    "with their launch session as a bearer token) and the pool of peer leaders (for approved "
    "organisations, signed in).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["hub.api.documented_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "operations.openapi.document_refusals",
    ],
}
API_SCHEMA_PATH_PREFIXES = ["/api/content/", "/api/badges/", "/api/discussion/", "/api/pool/"]

# --- LTI tool -----------------------------------------------------------------------------
# The tool's public origin, when it differs from what requests say (e.g. behind a proxy).
LTI_TOOL_BASE_URL = os.environ.get("LTI_TOOL_BASE_URL", "")
# Dynamic Registration needs a one-time link unless this is switched on.
LTI_OPEN_DYNAMIC_REGISTRATION = env_bool("LTI_OPEN_DYNAMIC_REGISTRATION", False)
# Platforms must use https, except on loopback; this allows plain http everywhere (demos).
LTI_ALLOW_HTTP_PLATFORMS = env_bool("LTI_ALLOW_HTTP_PLATFORMS", False)
# `manage.py lti_scheduler`: how often undelivered scores are swept up, and how old a course
# roster may grow before it is synced again.
LTI_SCORE_SWEEP_SECONDS = int(os.environ.get("LTI_SCORE_SWEEP_SECONDS", "60"))
LTI_ROSTER_SYNC_HOURS = float(os.environ.get("LTI_ROSTER_SYNC_HOURS", "6"))
LTI_STATE_PURGE_MINUTES = float(os.environ.get("LTI_STATE_PURGE_MINUTES", "10"))
# Login initiation is public, so one client address may hold only so many unfinished logins
# and start only so many a minute (answered 429 past that). The defaults let 500 learners
# behind one campus address start within the same minute. Behind a reverse proxy, name the
# header carrying the client's address and how many proxies you run (see docs/deploy.md).
LTI_LOGIN_PENDING_PER_ADDRESS = int(os.environ.get("LTI_LOGIN_PENDING_PER_ADDRESS", "750"))
LTI_LOGIN_PER_ADDRESS_PER_MINUTE = int(os.environ.get("LTI_LOGIN_PER_ADDRESS_PER_MINUTE", "1500"))
LTI_LOGIN_PENDING_TOTAL = int(os.environ.get("LTI_LOGIN_PENDING_TOTAL", "20000"))
LTI_CLIENT_ADDRESS_HEADER = os.environ.get("LTI_CLIENT_ADDRESS_HEADER", "")
LTI_TRUSTED_PROXY_COUNT = int(os.environ.get("LTI_TRUSTED_PROXY_COUNT", "1"))

# Discussion: how many posts one person may make in ten minutes (docs/discussion.md).
DISCUSSION_POSTS_PER_TEN_MINUTES = int(os.environ.get("DISCUSSION_POSTS_PER_TEN_MINUTES", "10"))

# --- Badges -------------------------------------------------------------------------------
# The public origin of issuer, credential and status list URLs (default: WAGTAILADMIN_BASE_URL).
BADGES_BASE_URL = os.environ.get("BADGES_BASE_URL", "")
# The issuer profile `manage.py setup_badges` creates when there is none.
BADGES_ISSUER_SLUG = os.environ.get("BADGES_ISSUER_SLUG", "peer-leadership-hub")
BADGES_ISSUER_NAME = os.environ.get("BADGES_ISSUER_NAME", "Peer Leadership Hub")
BADGES_ISSUER_URL = os.environ.get("BADGES_ISSUER_URL", "")
BADGES_ISSUER_EMAIL = os.environ.get("BADGES_ISSUER_EMAIL", "badges@example.org")
# Optional dotted path to a function(learner) -> email or None, giving the recipient's email.
BADGES_RECIPIENT_EMAIL = os.environ.get("BADGES_RECIPIENT_EMAIL", "")

# --- Logging ----------------------------------------------------------------------------------
# Every handler masks registration tokens in quoted URLs (security.log_redaction); runserver's
# request lines get their own handler here so that they pass through the filter too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "security.log_redaction.RedactSecretsFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}


def require_secret_key(key: str) -> str:
    """Refuse to start without a real secret key (production only)."""
    if len(key) < 50 or key.startswith("django-insecure"):
        raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
    return key

"""``make run``: production-like on one machine, over plain http on loopback.

``DEBUG`` is off (visitors see the site's error pages, never Django's debug page), static files
come from ``collectstatic``'s hashed, compressed copies through WhiteNoise, and the secret key
is generated once and kept in ``var/secret-key.txt`` (``SECRET_KEY_FILE`` elsewhere), so
sessions survive restarts. Unlike ``production`` it allows plain http: no SSL redirect, no
secure-only cookies, no HSTS, because the demo is served on 127.0.0.1.
"""

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR


def generated_secret_key(path: Path) -> str:
    """The key in ``path``, created (readable by its owner only) the first time.

    Several processes start at once under the supervisor: the key is written to a private
    temporary file and linked into place, so every process reads the same complete key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process got there first; use its key
        finally:
            draft.unlink()
    return path.read_text().strip()


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or generated_secret_key(
    Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / "var" / "secret-key.txt"))
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

"""OIDC login state and nonces, kept in the database (:class:`~lti_tool.models.LoginState`).

A login lives ten minutes. Its nonce is consumed exactly once: :func:`consume_nonce` is one
conditional ``UPDATE`` that only the first of any number of concurrent launches can win, in
any web process. Used logins stay until they expire, so a replay is told apart from a login
that never existed.

Login initiation is public: anyone can post an issuer, a client id and a made-up login hint.
So that nobody can fill the table, :func:`begin_login` bounds what one client address may
hold: unfinished logins (a real learner finishes theirs within seconds) and logins started in
the last minute. The defaults let a cohort of 500 learners behind one campus address start
within the same minute; past them the view answers 429. Nothing a flood creates can push out
another learner's login or session: rows are never evicted, only purged once expired.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from lti_tool.models import LaunchSession, LoginState
from lti_tool.models.launch_state import digest

STATE_TTL = 10 * 60
MAX_STATE_LENGTH = 64
# Per client address: unfinished logins at any moment, and logins started within a minute.
DEFAULT_PENDING_PER_ADDRESS = 750
DEFAULT_PER_ADDRESS_PER_MINUTE = 1500
# Across all addresses: unfinished logins at any moment (bounds the table under a spread flood).
DEFAULT_PENDING_TOTAL = 20_000


class TooManyLogins(Exception):
    """Login initiation refused for now: this address (or everyone) has too many pending."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def check_login_allowance(client_address: str) -> None:
    """Raise :class:`TooManyLogins` if ``client_address`` may not start another login now."""
    now = timezone.now()
    # One query: the address's unfinished and recent logins, and everyone's unfinished ones.
    mine = Q(client_address=client_address)
    counts = LoginState.objects.filter(expires_at__gt=now).aggregate(
        pending=Count("pk", filter=mine & Q(used_at__isnull=True)),
        recent=Count("pk", filter=mine & Q(created_at__gt=now - timedelta(minutes=1))),
        pending_total=Count("pk", filter=Q(used_at__isnull=True)),
    )
    pending_limit = _limit("LTI_LOGIN_PENDING_PER_ADDRESS", DEFAULT_PENDING_PER_ADDRESS)
    if counts["pending"] >= pending_limit:
        raise TooManyLogins(
            f"{counts['pending']} unfinished logins from {client_address} (limit {pending_limit}).",
            retry_after=60,
        )
    minute_limit = _limit("LTI_LOGIN_PER_ADDRESS_PER_MINUTE", DEFAULT_PER_ADDRESS_PER_MINUTE)
    if counts["recent"] >= minute_limit:
        raise TooManyLogins(
            f"{counts['recent']} logins from {client_address} in a minute (limit {minute_limit}).",
            retry_after=60,
        )
    total_limit = _limit("LTI_LOGIN_PENDING_TOTAL", DEFAULT_PENDING_TOTAL)
    if counts["pending_total"] >= total_limit:
        raise TooManyLogins(f"{counts['pending_total']} unfinished logins in all.", retry_after=60)


def begin_login(
    issuer: str,
    client_id: str,
    target_link_uri: str,
    storage_target: str = "",
    client_address: str = "",
) -> tuple[LoginState, str]:
    """Create a state and nonce for a login. Returns the state and the browser secret.

    Raises :class:`TooManyLogins` when ``client_address`` is over its allowance.
    """
    check_login_allowance(client_address)
    secret = secrets.token_urlsafe(24) if storage_target else ""
    now = timezone.now()
    login = LoginState.objects.create(
        state="state-" + secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        issuer=issuer,
        client_id=client_id,
        target_link_uri=target_link_uri,
        storage_target=storage_target,
        browser_secret_hash=digest(secret) if secret else "",
        client_address=client_address[:45],
        created_at=now,
        expires_at=now + timedelta(seconds=STATE_TTL),
    )
    return login, secret


def _valid_shape(value: str) -> bool:
    return bool(value) and len(value) <= MAX_STATE_LENGTH and "\x00" not in value


def find_state(state: str) -> LoginState | None:
    """The unused, unexpired login with this ``state``, or ``None``."""
    if not _valid_shape(state):
        return None
    return LoginState.objects.filter(
        state=state, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def consume_nonce(nonce: str, state: str) -> bool:
    """True once for a nonce this tool issued with ``state``; False if unknown, used or expired.

    The ``UPDATE ... WHERE used_at IS NULL`` is decided by the database: of any number of
    concurrent launches presenting the same login, exactly one sees a row updated.
    """
    if not _valid_shape(nonce) or not _valid_shape(state):
        return False
    now = timezone.now()
    updated = LoginState.objects.filter(
        state=state, nonce=nonce, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    return updated == 1


def was_used(state: str) -> bool:
    """True if ``state`` belonged to a login that already launched (a replay)."""
    if not _valid_shape(state):
        return False
    return LoginState.objects.filter(
        state=state, used_at__isnull=False, expires_at__gt=timezone.now()
    ).exists()


def purge_expired(now: datetime | None = None) -> dict[str, int]:
    """Delete expired logins and framed sessions. Returns how many of each went."""
    now = now or timezone.now()
    logins, _ = LoginState.objects.filter(expires_at__lte=now).delete()
    sessions, _ = LaunchSession.objects.filter(expires_at__lte=now).delete()
    return {"logins": logins, "sessions": sessions}


@task()
def purge_launch_state() -> dict[str, int]:
    """Task (queued by the scheduler): delete expired login states and framed sessions (they
    are never evicted otherwise)."""
    return purge_expired()

"""OIDC login state and nonces, kept in the shared cache (not in a session cookie).

Every process (web workers, the task worker) sees the same cache: Redis when ``REDIS_URL`` is
set, the database cache otherwise. A state record lives ten minutes; its nonce can be consumed
exactly once, because deleting a cache key is atomic in every backend the project uses.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import asdict, dataclass

from django.core.cache import cache

STATE_TTL = 10 * 60
STATE_PREFIX = "lti:state:"
NONCE_PREFIX = "lti:nonce:"
USED_PREFIX = "lti:used:"


@dataclass(frozen=True)
class LoginState:
    """What the tool remembers between the OIDC login and the launch."""

    state: str
    nonce: str
    issuer: str
    client_id: str
    target_link_uri: str
    storage_target: str = ""  # the platform's lti_storage_target, when it offered one
    browser_secret_hash: str = ""  # hash of the secret kept in platform storage

    def browser_secret_matches(self, secret: str) -> bool:
        if not self.browser_secret_hash or not secret:
            return False
        return secrets.compare_digest(self.browser_secret_hash, _hash(secret))


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def begin_login(
    issuer: str, client_id: str, target_link_uri: str, storage_target: str = ""
) -> tuple[LoginState, str]:
    """Create a state and nonce for a login. Returns the state and the browser secret."""
    secret = secrets.token_urlsafe(24) if storage_target else ""
    login = LoginState(
        state="state-" + secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        issuer=issuer,
        client_id=client_id,
        target_link_uri=target_link_uri,
        storage_target=storage_target,
        browser_secret_hash=_hash(secret) if secret else "",
    )
    cache.set(STATE_PREFIX + login.state, asdict(login), STATE_TTL)
    cache.set(NONCE_PREFIX + login.nonce, login.state, STATE_TTL)
    return login, secret


def find_state(state: str) -> LoginState | None:
    if not state or len(state) > 200:
        return None
    data = cache.get(STATE_PREFIX + state)
    return LoginState(**data) if isinstance(data, dict) else None


def consume_nonce(nonce: str, state: str) -> bool:
    """True once for a nonce this tool issued with ``state``; False if unknown or used."""
    if not nonce or len(nonce) > 200:
        return False
    key = NONCE_PREFIX + nonce
    if cache.get(key) != state:
        return False
    return bool(cache.delete(key))


def end_login(state: str) -> None:
    """Forget a login whose nonce was consumed, remembering (for its lifetime) that it was used."""
    cache.set(USED_PREFIX + state, True, STATE_TTL)
    cache.delete(STATE_PREFIX + state)


def was_used(state: str) -> bool:
    """True if ``state`` belonged to a login that already launched (a replay)."""
    if not state or len(state) > 200:
        return False
    return cache.get(USED_PREFIX + state) is True

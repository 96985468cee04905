"""OAuth2 client-credentials tokens for a platform's services, cached until near expiry.

The tool authenticates with a JWT client assertion (RFC 7523) signed by its current key, with
the key's ``kid`` in the header so the platform can find it in the tool's JWKS. Tokens are
kept in the shared cache per registration and scope set, so every process (web and task
workers) reuses one token for its lifetime instead of asking for a new one per call.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Iterable

import jwt
import requests
from django.core.cache import cache

from lti_tool.models import Registration, ToolKey
from lti_tool.services.errors import PermanentServiceError, TransientServiceError

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME = 300
MAX_EARLY_RENEWAL = 60  # seconds before expiry a cached token is given up
TOKEN_TIMEOUT = (5.0, 15.0)

_lock = threading.Lock()


def _cache_key(registration: Registration, scopes: frozenset[str]) -> str:
    parts = [registration.auth_token_url, registration.client_id, registration.audience]
    identity = "\n".join([*parts, *sorted(scopes)])
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return f"lti:token:{registration.pk}:{digest}"


def client_assertion(registration: Registration) -> str:
    """A short-lived JWT proving the tool's identity to the platform's token endpoint."""
    key = ToolKey.current()
    now = int(time.time())
    claims = {
        "iss": registration.client_id,
        "sub": registration.client_id,
        "aud": registration.audience or registration.auth_token_url,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, key.private_key_pem, algorithm="RS256", headers={"kid": key.kid})


def request_token(registration: Registration, scopes: Iterable[str]) -> tuple[str, int]:
    """Ask the platform for a new token; returns ``(access_token, expires_in)``."""
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": client_assertion(registration),
        "scope": " ".join(sorted(scopes)),
    }
    url = registration.auth_token_url
    try:
        response = requests.post(
            url,
            data=form,
            headers={"Accept": "application/json"},
            timeout=TOKEN_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        raise TransientServiceError(f"Token request to {url} failed: {error}") from error
    detail = f"token endpoint {url} answered HTTP {response.status_code}: {response.text[:300]}"
    if response.status_code >= 500 or response.status_code in (401, 408, 429):
        # 401 is often passing: the platform has not yet fetched a newly rotated key.
        raise TransientServiceError(detail, status=response.status_code)
    if not response.ok:
        raise PermanentServiceError(detail, status=response.status_code)
    try:
        body = response.json()
        token = body["access_token"]
        expires_in = int(body.get("expires_in", 3600))
    except (ValueError, KeyError, TypeError) as error:
        raise TransientServiceError(f"Unreadable answer from {url}: {error}") from error
    if not isinstance(token, str) or not token:
        raise TransientServiceError(f"No access token in the answer from {url}")
    return token, expires_in


def access_token(registration: Registration, scopes: Iterable[str], fresh: bool = False) -> str:
    """A bearer token for these scopes: the cached one, or a new one when there is none."""
    scope_set = frozenset(scopes)
    key = _cache_key(registration, scope_set)
    if not fresh:
        cached = cache.get(key)
        if isinstance(cached, str):
            return cached
    with _lock:  # one request per process when many callers miss at once
        if not fresh:
            cached = cache.get(key)
            if isinstance(cached, str):
                return cached
        token, expires_in = request_token(registration, scope_set)
        early = min(MAX_EARLY_RENEWAL, expires_in // 10)
        if expires_in - early > 0:
            cache.set(key, token, expires_in - early)
        return token


def forget(registration: Registration, scopes: Iterable[str]) -> None:
    """Drop a cached token the platform refused (expired or revoked early)."""
    cache.delete(_cache_key(registration, frozenset(scopes)))

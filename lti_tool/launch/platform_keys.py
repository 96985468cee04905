"""Platforms' public keys (their JWKS), kept in memory and fetched before they are needed.

A launch's signature is checked with the key its header names (``kid``), taken from the
platform's JWKS. Each web process keeps the JWKS it has fetched, by URL:

* **fresh** for :data:`FRESH_SECONDS` (an hour): used as it is;
* **stale** after that, up to :data:`KEEP_SECONDS`: still used, and fetched again in the
  background (stale-while-revalidate), so no learner waits for the platform;
* **unknown kid**: the caller fetches once more, at once, before refusing the launch
  (:func:`refresh`), which is how a platform's new (rotated) key is picked up;
* **missing** (a process's first launch): the copy another process left in the shared cache
  is used, else it is fetched. Login initiation calls :func:`prefetch`, so the fetch runs
  while the learner is away at the platform, and the launch finds the keys waiting.

Only one fetch per URL runs at a time in a process; a launch that needs keys another thread
is fetching waits for that fetch instead of starting its own. After a background fetch fails,
logins start none for that URL for a minute, so a flood of logins cannot hammer a platform
that is down. The JWKS is public, so keeping
it is no risk: a removed key stops being accepted when the next fetch no longer lists it
(within an hour, or at once for a launch that names a kid the copy lacks).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from django.core.cache import cache
from django.db import connections

# The name operators filter on, kept from before the launch package was made.
logger = logging.getLogger("lti_tool.platform_keys")

FETCH_TIMEOUT = 10
FRESH_SECONDS = 3600
KEEP_SECONDS = 24 * 3600
SHARED_SECONDS = 3600
RETRY_SECONDS = 60  # no background fetch of a URL within this long after one failed


class JwksUnavailable(Exception):
    """The platform's JWKS could not be fetched, or is not a JWKS."""

    def __init__(self, url: str, detail: str, invalid: bool = False) -> None:
        super().__init__(detail)
        self.url = url
        self.detail = detail
        self.invalid = invalid


@dataclass
class _Held:
    jwks: dict[str, Any]
    fetched_at: float


_held: dict[str, _Held] = {}
_failed_at: dict[str, float] = {}  # when a background fetch last failed, by URL
_in_flight: dict[str, threading.Event] = {}
_lock = threading.Lock()


def _shared_key(url: str) -> str:
    return "lti:jwks:" + hashlib.sha256(url.encode()).hexdigest()


def _fetch(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT)
        response.raise_for_status()
        jwks = response.json()
    except (requests.RequestException, ValueError) as error:
        detail = f"Could not fetch the platform's keys from {url}: {error}"
        raise JwksUnavailable(url, detail) from error
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise JwksUnavailable(url, "The platform's JWKS has no 'keys' list.", invalid=True)
    fetched_at = time.time()
    _held[url] = _Held(jwks, fetched_at)
    try:  # for the other processes; without it they only fetch it themselves
        cache.set(_shared_key(url), {"jwks": jwks, "fetched_at": fetched_at}, SHARED_SECONDS)
    except Exception:
        logger.warning("Could not share the JWKS of %s", url, exc_info=True)
    return jwks


def _fetch_once(url: str) -> dict[str, Any]:
    """Fetch ``url``, or wait for the fetch another thread has already started."""
    with _lock:
        running = _in_flight.get(url)
        if running is None:
            done = threading.Event()
            _in_flight[url] = done
    if running is not None:
        waiting_since = time.time()
        running.wait(FETCH_TIMEOUT + 1)
        held = _held.get(url)
        if held is not None and held.fetched_at >= waiting_since:
            return held.jwks
        return _fetch(url)  # the other fetch failed: try once ourselves, and say why
    try:
        return _fetch(url)
    finally:
        with _lock:
            _in_flight.pop(url, None)
        done.set()


def _in_background(url: str) -> None:
    with _lock:
        if url in _in_flight:
            return

    if time.time() - _failed_at.get(url, 0.0) < RETRY_SECONDS:
        return  # the platform failed a moment ago: launches still fetch for themselves

    def run() -> None:
        try:
            _fetch_once(url)
        except JwksUnavailable:
            # The copy in hand stays; a launch that needs more fetches again.
            _failed_at[url] = time.time()
        finally:
            connections.close_all()  # this thread's, if the shared cache opened one

    threading.Thread(target=run, name="plh-jwks-refresh", daemon=True).start()


def _from_shared(url: str) -> _Held | None:
    """The copy another process fetched, if the shared cache still has it."""
    shared = cache.get(_shared_key(url))
    if not isinstance(shared, dict) or not isinstance(shared.get("fetched_at"), float):
        return None
    jwks = shared.get("jwks")
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        return None
    held = _Held(jwks, shared["fetched_at"])
    _held[url] = held
    return held


def get(url: str) -> dict[str, Any]:
    """The platform's JWKS: the copy in hand (refreshed in the background when stale)."""
    held = _held.get(url)
    if held is None and url not in _in_flight:
        held = _from_shared(url)
    if held is not None:
        age = time.time() - held.fetched_at
        if age < KEEP_SECONDS:
            if age >= FRESH_SECONDS:
                _in_background(url)
            return held.jwks
    return _fetch_once(url)


def refresh(url: str) -> dict[str, Any]:
    """Fetch the JWKS again now (a launch named a kid the copy in hand lacks).

    Never shares a fetch already running: that one may have started before the platform
    published the key this launch names."""
    return _fetch(url)


def prefetch(url: str) -> None:
    """Make sure the JWKS is in hand by the time the launch arrives (called at login)."""
    held = _held.get(url)
    if held is None and url not in _in_flight:
        held = _from_shared(url)
    if held is None or time.time() - held.fetched_at >= FRESH_SECONDS:
        _in_background(url)


def forget_all() -> None:
    """Drop every JWKS this process holds (tests; the shared cache is left alone)."""
    _held.clear()
    _failed_at.clear()

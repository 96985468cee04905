"""Registrations, deployments and the frame-ancestors list, read once per request.

Every login, launch and framed page needs the registration of the platform, the deployment
and the origins that may frame the tool. They change rarely (an administrator's edit, a
Dynamic Registration, a new deployment) and are read on every launch, so each web process
keeps the rows it has looked up in memory, tagged with a *generation*.

The generation lives in the shared cache (the database cache or Redis, which every web
process of a deployment shares) under :data:`CACHE_KEY`, together with the frame-ancestors
list: one small entry, read once per request (:func:`snapshot`, kept on the request). A
process uses its in-memory rows only while the shared generation is the one they were read
under. Saving or deleting a registration or a deployment deletes the entry (at once and again
when the transaction commits, see :func:`forget`), so the next request in *any* process reads
a new generation and looks the rows up again: a deactivated deployment or registration is
refused by the very next launch. The entry also expires after :data:`TTL` seconds, and the
database cache may cull it at any time: a missing entry only makes every process read the
rows again. Only rows that exist are kept; an unknown issuer or deployment is looked up in the
database every time, so a registration created a moment ago is found at once.

Rows are handed out as copies, so a caller may change its instance without touching the one
other threads read.
"""

from __future__ import annotations

import copy
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from lti_tool.models import Deployment, Registration

CACHE_KEY = "lti:frame-ancestors"  # the generation and the frame-ancestors list
TTL = 300
MAX_ROWS = 5000  # in memory, per process; past it the process starts afresh
REQUEST_ATTRIBUTE = "_lti_platform_snapshot"


@dataclass
class Snapshot:
    """What the shared cache says now: the generation and who may frame the tool."""

    generation: str
    frame_ancestors: list[str]


@dataclass
class _Memory:
    generation: str = ""
    registrations: dict[tuple[str, str], Registration] = field(default_factory=dict)
    deployments: dict[tuple[int, str], Deployment] = field(default_factory=dict)


_memory = _Memory()
_lock = threading.Lock()


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _frame_ancestors_from_database() -> list[str]:
    found: set[str] = set()
    for issuer, login in Registration.objects.filter(active=True).values_list(
        "issuer", "auth_login_url"
    ):
        found.update(o for o in (_origin(issuer), _origin(login)) if o)
    return sorted(found)


def _read_shared() -> Snapshot:
    value = cache.get(CACHE_KEY)
    if isinstance(value, dict) and isinstance(value.get("generation"), str):
        return Snapshot(value["generation"], list(value.get("frame_ancestors") or []))
    generation, origins = secrets.token_hex(8), _frame_ancestors_from_database()
    fresh = {"generation": generation, "frame_ancestors": origins}
    if not cache.add(CACHE_KEY, fresh, TTL):  # another process made one first: use theirs
        value = cache.get(CACHE_KEY)
        if isinstance(value, dict) and isinstance(value.get("generation"), str):
            return Snapshot(value["generation"], list(value.get("frame_ancestors") or []))
    return Snapshot(generation, origins)


def snapshot(request: HttpRequest | None = None) -> Snapshot:
    """The current generation and frame-ancestors (read once per ``request``)."""
    if request is not None:
        kept = request.__dict__.get(REQUEST_ATTRIBUTE)
        if kept is not None:
            return kept
    current = _read_shared()
    if request is not None:
        request.__dict__[REQUEST_ATTRIBUTE] = current
    return current


def _memory_for(generation: str) -> _Memory:
    global _memory
    memory = _memory
    if memory.generation != generation or (
        len(memory.registrations) + len(memory.deployments) > MAX_ROWS
    ):
        with _lock:
            if _memory.generation != generation or (
                len(_memory.registrations) + len(_memory.deployments) > MAX_ROWS
            ):
                _memory = _Memory(generation)
            memory = _memory
    return memory


def find_registration(
    issuer: str, client_id: str, request: HttpRequest | None = None
) -> Registration | None:
    """The registration for (``issuer``, ``client_id``), active or not, or ``None``."""
    memory = _memory_for(snapshot(request).generation)
    key = (issuer, client_id)
    found = memory.registrations.get(key)
    if found is None:
        found = Registration.objects.filter(issuer=issuer, client_id=client_id).first()
        if found is None:
            return None
        memory.registrations[key] = found
    return copy.copy(found)


def find_deployment(
    registration: Registration, deployment_id: str, request: HttpRequest | None = None
) -> Deployment | None:
    """``registration``'s deployment called ``deployment_id``, active or not, or ``None``."""
    memory = _memory_for(snapshot(request).generation)
    key = (registration.pk, deployment_id)
    found = memory.deployments.get(key)
    if found is None:
        found = Deployment.objects.filter(
            registration_id=registration.pk, deployment_id=deployment_id
        ).first()
        if found is None:
            return None
        memory.deployments[key] = found
    deployment = copy.copy(found)
    deployment._state = copy.copy(found._state)
    deployment._state.fields_cache = {"registration": registration}
    return deployment


def frame_ancestors(request: HttpRequest | None = None) -> list[str]:
    """Origins allowed to frame the tool: those of active registrations."""
    return list(snapshot(request).frame_ancestors)


def forget(**kwargs: Any) -> None:
    """A registration or deployment changed: every process looks the rows up again.

    The entry goes at once and, inside a transaction, again once it commits: a process that
    read the rows between the two (and so saw them unchanged) starts afresh as well.
    """
    global _memory
    cache.delete(CACHE_KEY)
    _memory = _Memory()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def clear_local() -> None:
    """Drop this process's rows (the shared entry stays). For tests that roll rows back."""
    global _memory
    _memory = _Memory()

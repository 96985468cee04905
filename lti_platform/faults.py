"""Programmable fault injection for the platform's HTTP endpoints.

Faults are queued per *target* (an endpoint family such as ``"ags.scores"``) and consumed one
per incoming request, in order::

    server.faults.fail_next("ags.scores", times=3, status=500)   # next 3 score posts -> 500
    server.faults.delay_next("token", seconds=2.0)               # next token call is slow
    server.faults.drop_next("nrps")                              # next NRPS call: connection cut

A queue for ``"ags"`` matches every ``"ags.*"`` target and ``"*"`` matches everything; the most
specific non-empty queue is consumed first.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["TARGETS", "Fault", "FaultKind", "FaultQueue"]

TARGETS: frozenset[str] = frozenset(
    {
        "jwks",
        "auth",
        "token",
        "openid-configuration",
        "register",
        "deep_link_return",
        "ags.lineitems",
        "ags.lineitem",
        "ags.scores",
        "ags.results",
        "nrps",
    }
)
"""Every target the server tags requests with."""

MAX_DELAY_SECONDS = 30.0


class FaultKind(StrEnum):
    """What happens to a request hit by a fault."""

    STATUS = "status"
    """Answer immediately with an error status (the request is not processed)."""
    DELAY = "delay"
    """Sleep, then process normally (the work is done even if the client gave up)."""
    DROP = "drop"
    """Close the connection without any response (the request is not processed)."""


@dataclass(frozen=True)
class Fault:
    """One injected failure."""

    kind: FaultKind
    status: int = 500
    delay: float = 0.0
    body: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind is FaultKind.STATUS and not 400 <= self.status <= 599:
            raise ValueError("a STATUS fault needs a 4xx/5xx status")
        if self.kind is FaultKind.DELAY and not 0 < self.delay <= MAX_DELAY_SECONDS:
            raise ValueError(f"delay must be in (0, {MAX_DELAY_SECONDS}] seconds")


def _default_headers(status: int) -> dict[str, str]:
    if status == 401:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    if status in (429, 503):
        return {"Retry-After": "1"}
    return {}


class FaultQueue:
    """Thread-safe per-target FIFO queues of :class:`Fault` objects."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Fault]] = {}
        self.injected: list[tuple[str, Fault]] = []
        """Log of ``(target, fault)`` for every fault actually applied to a request."""

    @staticmethod
    def _check_target(target: str) -> None:
        groups = {t.split(".")[0] for t in TARGETS}
        if target != "*" and target not in TARGETS and target not in groups:
            raise ValueError(f"unknown fault target {target!r}; known: {sorted(TARGETS)}")

    def add(self, target: str, fault: Fault, times: int = 1) -> None:
        """Queue ``fault`` ``times`` times for ``target``."""
        self._check_target(target)
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            queue = self._queues.setdefault(target, deque())
            queue.extend([fault] * times)

    def fail_next(
        self,
        target: str,
        times: int = 1,
        *,
        status: int = 500,
        body: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """The next ``times`` requests to ``target`` get HTTP ``status``."""
        merged = {**_default_headers(status), **dict(headers or {})}
        self.add(target, Fault(FaultKind.STATUS, status=status, body=body, headers=merged), times)

    def delay_next(self, target: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` requests to ``target`` are answered after ``seconds``."""
        self.add(target, Fault(FaultKind.DELAY, delay=seconds), times)

    def drop_next(self, target: str, times: int = 1) -> None:
        """The next ``times`` requests to ``target`` see the connection closed, no response."""
        self.add(target, Fault(FaultKind.DROP), times)

    def take(self, target: str) -> Fault | None:
        """Pop the fault for a request to ``target`` (exact, then group, then ``*``)."""
        candidates = [target, target.split(".")[0], "*"]
        with self._lock:
            for name in candidates:
                queue = self._queues.get(name)
                if queue:
                    fault = queue.popleft()
                    self.injected.append((target, fault))
                    return fault
        return None

    def pending(self, target: str | None = None) -> int:
        """Faults still queued for ``target`` (exact queue name), or in total."""
        with self._lock:
            if target is not None:
                return len(self._queues.get(target, ()))
            return sum(len(q) for q in self._queues.values())

    def clear(self) -> None:
        """Drop all queued faults."""
        with self._lock:
            self._queues.clear()

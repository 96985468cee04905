"""Events the hub emits when a learner's progress changes.

Other apps subscribe; the hub never imports them. Both signals are sent *inside* the database
transaction that records the progress, so a receiver's own writes (a score waiting to be sent to
an LMS, a credential to issue) commit or roll back together with the progress itself. A receiver
that raises rolls the whole change back, so nothing is recorded half-way.

Each event is sent exactly once per learner and lesson (or step): the progress functions guard
the transition with a conditional update or a unique constraint, not a check-then-insert.

``lesson_completed``: ``sender=LessonPage``, ``learner``, ``lesson``, ``progress``.
``step_completed``: ``sender=StepPage``, ``learner``, ``step``, ``completion``.

Reconcilers
    What a ``step_completed`` receiver writes can still go missing (a receiver that was not
    connected yet, a completion recorded by hand, an older version of a receiver). An app that
    listens to ``step_completed`` also registers a *step reconciler* (in its
    ``AppConfig.ready()``): a function of a :class:`~hub.models.StepCompletion` that writes
    whatever of its own the completion should have produced and is missing, and returns how
    many things it wrote; it must write nothing when nothing is missing, so running it again
    is harmless. ``manage.py reconcile_progress`` runs them (see :mod:`hub.reconcile`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from hub.models import StepCompletion

lesson_completed = Signal()
step_completed = Signal()

StepReconciler = Callable[["StepCompletion"], int]
_step_reconcilers: dict[str, StepReconciler] = {}


def register_step_reconciler(kind: str, reconciler: StepReconciler) -> None:
    """Register (or replace) the reconciler for ``kind``, e.g. ``"badges"`` or ``"scores"``."""
    _step_reconcilers[kind] = reconciler


def step_reconcilers() -> dict[str, StepReconciler]:
    """The registered reconcilers by kind, in registration order."""
    return dict(_step_reconcilers)

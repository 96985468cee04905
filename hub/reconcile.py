"""Repair progress whose consequences went missing: the step, and what the step earns.

A learner whose lessons of a step are all complete should have the step's
:class:`~hub.models.StepCompletion`, and every completion should have what the apps listening to
``step_completed`` write for it (a badge, a score). :func:`reconcile_progress` records the
missing completions (without sending ``step_completed`` again) and then runs every app's step
reconciler (see :mod:`hub.events`) over every completion, new or old, so each kind of repair is
counted once, by the app that owns it. Everything found missing is written, so running it
twice changes nothing the second time. A dry run does the same work inside a transaction and
rolls it back, so its counts are exactly what a real run would write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max

from hub import events, progress
from hub.models import Learner, LessonProgress, StepCompletion, StepPage

STEP_COMPLETIONS = "step completions"
LOCKED = "skipped: step locked"


@dataclass
class Reconciliation:
    """How many things of each kind were (or, in a dry run, would be) written."""

    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)


class _DryRunRollback(Exception):
    """Raised to undo a dry run's writes."""


def reconcile_progress(dry_run: bool = False) -> Reconciliation:
    """Record missing step completions, then run every app's step reconciler."""
    result = Reconciliation(dry_run, {STEP_COMPLETIONS: 0, LOCKED: 0})
    result.counts.update(dict.fromkeys(events.step_reconcilers(), 0))
    try:
        with transaction.atomic():
            for step in StepPage.objects.live().order_by("path"):
                _complete_missing_steps(step, result)
            completions = StepCompletion.objects.select_related("learner").order_by("pk")
            for completion in completions:
                for kind, reconciler in events.step_reconcilers().items():
                    result.counts[kind] += reconciler(completion)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _complete_missing_steps(step: StepPage, result: Reconciliation) -> None:
    lesson_ids = list(step.lessons().values_list("pk", flat=True))
    if not lesson_ids:
        return
    finished = (
        LessonProgress.objects.filter(lesson_id__in=lesson_ids, completed_at__isnull=False)
        .exclude(learner__step_completions__step=step)
        .values("learner_id")
        .annotate(lessons=Count("lesson_id"), last=Max("completed_at"))
        .filter(lessons=len(lesson_ids))
        .order_by("learner_id")
    )
    for row in finished:
        learner = Learner.objects.get(pk=row["learner_id"])
        if not progress.check_step_access(learner, step).allowed:
            result.counts[LOCKED] += 1  # no completion can be earned through a locked step
            continue
        if progress.record_step_if_done(learner, step, row["last"]):
            result.counts[STEP_COMPLETIONS] += 1

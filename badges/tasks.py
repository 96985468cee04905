"""Background work: bulk accreditation awards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django_tasks import task

from badges.issuing import BATCH_SIZE, AwardResult, award_accreditation, award_accreditations
from badges.models import Achievement, BulkAward, BulkAwardResult
from hub.models import Learner

Outcome = BulkAwardResult.Outcome


@task()
def run_bulk_award(bulk_award_id: int) -> dict[str, int]:
    """Award a bulk award's achievement to each of its learners, recording the outcome per
    learner and the progress as it goes. Safe to run again: learners with a result are
    skipped and an existing credential counts as already held.

    Learners are signed and recorded in batches (:func:`badges.issuing.award_accreditations`);
    each batch's results and progress commit with its credentials. If a batch fails, its
    learners are awarded one at a time so that the failure is recorded against the learner
    it belongs to and the others still get their credentials.
    """
    bulk = BulkAward.objects.select_related("achievement", "requested_by").get(pk=bulk_award_id)
    BulkAward.objects.filter(pk=bulk.pk).update(status=BulkAward.Status.RUNNING)
    finished = set(bulk.results.values_list("learner_id", flat=True))
    pending = list(bulk.learners.exclude(pk__in=finished).order_by("pk"))
    for start in range(0, len(pending), BATCH_SIZE):
        batch = pending[start : start + BATCH_SIZE]
        try:
            award_accreditations(
                batch,
                bulk.achievement,
                bulk.requested_by,
                on_batch=lambda results: _record(bulk, results),
            )
        except Exception:
            for learner in batch:
                _award_one(bulk, learner)
    BulkAward.objects.filter(pk=bulk.pk).update(status=BulkAward.Status.FINISHED)
    counts: dict[str, int] = {}
    for outcome in bulk.results.values_list("outcome", flat=True):
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _record(bulk: BulkAward, results: list[AwardResult]) -> None:
    """One batch's outcomes and progress, in the batch's transaction."""
    BulkAwardResult.objects.bulk_create(
        BulkAwardResult(
            bulk_award=bulk,
            learner_id=result.credential.learner_id,
            outcome=Outcome.ISSUED if result.created else Outcome.ALREADY_HELD,
            credential=result.credential,
        )
        for result in results
    )
    BulkAward.objects.filter(pk=bulk.pk).update(done=F("done") + len(results))


def _award_one(bulk: BulkAward, learner: Learner) -> None:
    """One learner on its own, the failure (if any) recorded against them."""
    try:
        with transaction.atomic():
            result = award_accreditation(learner, bulk.achievement, bulk.requested_by)
            _record(bulk, [result])
    except Exception as error:
        with transaction.atomic():
            BulkAwardResult.objects.create(
                bulk_award=bulk,
                learner=learner,
                outcome=Outcome.FAILED,
                message=f"{type(error).__name__}: {error}"[:500],
            )
            BulkAward.objects.filter(pk=bulk.pk).update(done=F("done") + 1)


def request_bulk_award(
    achievement: Achievement, learners: Sequence[Learner], assessor: Any
) -> BulkAward:
    """Record a bulk award and queue the task that works through it (after commit)."""
    with transaction.atomic():
        bulk = BulkAward.objects.create(
            achievement=achievement, requested_by=assessor, total=len(learners)
        )
        bulk.learners.set(learners)
        transaction.on_commit(lambda: run_bulk_award.enqueue(bulk.pk))
    return bulk

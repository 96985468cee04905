"""Background work: bulk accreditation awards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django_tasks import task

from badges.issuing import award_accreditation
from badges.models import Achievement, BulkAward, BulkAwardResult
from hub.models import Learner

Outcome = BulkAwardResult.Outcome


@task()
def run_bulk_award(bulk_award_id: int) -> dict[str, int]:
    """Award a bulk award's achievement to each of its learners, one transaction per learner,
    recording the outcome per learner and the progress as it goes. Safe to run again: learners
    with a result are skipped and an existing credential counts as already held."""
    bulk = BulkAward.objects.select_related("achievement", "requested_by").get(pk=bulk_award_id)
    BulkAward.objects.filter(pk=bulk.pk).update(status=BulkAward.Status.RUNNING)
    finished = set(bulk.results.values_list("learner_id", flat=True))
    for learner in bulk.learners.exclude(pk__in=finished).order_by("pk"):
        try:
            with transaction.atomic():
                result = award_accreditation(learner, bulk.achievement, bulk.requested_by)
                BulkAwardResult.objects.create(
                    bulk_award=bulk,
                    learner=learner,
                    outcome=Outcome.ISSUED if result.created else Outcome.ALREADY_HELD,
                    credential=result.credential,
                )
        except Exception as error:
            BulkAwardResult.objects.create(
                bulk_award=bulk,
                learner=learner,
                outcome=Outcome.FAILED,
                message=f"{type(error).__name__}: {error}"[:500],
            )
        BulkAward.objects.filter(pk=bulk.pk).update(done=F("done") + 1)
    BulkAward.objects.filter(pk=bulk.pk).update(status=BulkAward.Status.FINISHED)
    counts: dict[str, int] = {}
    for outcome in bulk.results.values_list("outcome", flat=True):
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


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

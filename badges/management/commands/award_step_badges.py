"""Award step badges to learners who completed their steps before the badge existed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from badges.issuing import award_step_badges
from badges.models import Achievement, AwardRule
from hub.models import StepPage


class Command(BaseCommand):
    help = (
        "Issue every step badge to the learners who completed its step and do not hold it yet "
        "(signed in batches). Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        step_ids = (
            Achievement.objects.filter(award_rule=AwardRule.STEP_COMPLETED, step__isnull=False)
            .values_list("step_id", flat=True)
            .distinct()
        )
        for step in StepPage.objects.filter(pk__in=step_ids).order_by("pk"):
            results = award_step_badges(step)
            issued = sum(result.created for result in results)
            self.stdout.write(
                f"{step.title}: {issued} issued, {len(results) - issued} already held"
            )

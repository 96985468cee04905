"""Bulk accreditation awards: an assessor's request and its per-learner results."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .achievement import Achievement


class BulkAward(models.Model):
    """An assessor asked for one achievement to be awarded to several learners at once.

    A background task works through the learners; ``done`` and the results show its progress.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    learners = models.ManyToManyField("hub.Learner", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.achievement} for {self.total} learners ({self.get_status_display()})"


class BulkAwardResult(models.Model):
    """What happened for one learner of a bulk award."""

    class Outcome(models.TextChoices):
        ISSUED = "issued", "Issued"
        ALREADY_HELD = "already_held", "Already held"
        FAILED = "failed", "Failed"

    bulk_award = models.ForeignKey(BulkAward, on_delete=models.CASCADE, related_name="results")
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    message = models.CharField(max_length=500, blank=True)
    credential = models.ForeignKey(
        "badges.Credential", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulk_award", "learner"], name="one_result_per_bulk_award_learner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner}: {self.get_outcome_display()}"

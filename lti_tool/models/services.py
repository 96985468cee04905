"""LTI Advantage service records: gradebook columns, the score outbox and roster syncs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class LineItem(models.Model):
    """A gradebook column on the platform (AGS line item), usually bound to one resource link.

    The platform names it by URL: from a launch's AGS claim (``lineitem``), or from the
    ``Location`` of a line item the tool created through the ``lineitems`` service.
    """

    registration = models.ForeignKey(
        "lti_tool.Registration", on_delete=models.CASCADE, related_name="line_items"
    )
    context = models.ForeignKey(
        "lti_tool.Context",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="line_items",
    )
    resource_link = models.ForeignKey(
        "lti_tool.ResourceLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="line_items",
    )
    url = models.URLField(max_length=500)
    label = models.CharField(max_length=255, blank=True)
    score_maximum = models.FloatField(
        null=True, blank=True, help_text="The column's maximum, once the platform has said."
    )
    resource_id = models.CharField(max_length=255, blank=True)
    tag = models.CharField(max_length=255, blank=True)
    created_by_tool = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "line item"
        constraints = [
            models.UniqueConstraint(fields=["registration", "url"], name="unique_line_item_url")
        ]

    def __str__(self) -> str:
        return self.label or self.url


class ScoreQuerySet(models.QuerySet["Score"]):
    def due(self, now=None) -> ScoreQuerySet:
        """Pending scores whose next attempt is due, and sends whose lease ran out."""
        now = now or timezone.now()
        return self.filter(
            Q(status=Score.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Score.Status.SENDING, lease_until__lte=now)
        )


class Score(models.Model):
    """One score for one learner on one line item: the durable outbox row.

    Written in the transaction that records the progress it reflects, then delivered by a
    task. ``timestamp`` is fixed when the row is written, so sending the same row again is
    harmless: AGS platforms apply scores by timestamp and ignore older ones.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        SUPERSEDED = "superseded", "Superseded by a newer score"
        FAILED = "failed", "Failed"

    #: Not yet at the platform: waiting for an attempt, or being sent now.
    UNDELIVERED = (Status.PENDING, Status.SENDING)
    #: Not at the platform and nobody sending it: what a newer score or a retry replaces.
    WAITING = (Status.PENDING, Status.FAILED)

    class Activity(models.TextChoices):
        INITIALIZED = "Initialized"
        STARTED = "Started"
        IN_PROGRESS = "InProgress"
        SUBMITTED = "Submitted"
        COMPLETED = "Completed"

    class Grading(models.TextChoices):
        FULLY_GRADED = "FullyGraded"
        PENDING = "Pending"
        PENDING_MANUAL = "PendingManual"
        FAILED = "Failed"
        NOT_READY = "NotReady"

    registration = models.ForeignKey(
        "lti_tool.Registration", on_delete=models.CASCADE, related_name="scores"
    )
    line_item = models.ForeignKey(LineItem, on_delete=models.CASCADE, related_name="scores")
    user = models.ForeignKey("lti_tool.LtiUser", on_delete=models.CASCADE, related_name="scores")
    score_given = models.FloatField()
    score_maximum = models.FloatField()
    activity_progress = models.CharField(max_length=20, choices=Activity.choices)
    grading_progress = models.CharField(max_length=20, choices=Grading.choices)
    timestamp = models.DateTimeField()
    reason = models.CharField(max_length=100, blank=True, help_text="What produced the score.")

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["timestamp", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "line_item", "timestamp"], name="one_score_per_timestamp"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return (
            f"{self.score_given:g}/{self.score_maximum:g} for {self.user} on {self.line_item} "
            f"({self.get_status_display()})"
        )

    def payload(self) -> dict[str, object]:
        """The AGS score body: deterministic, so a re-send is byte-for-byte the same."""
        return {
            "userId": self.user.sub,
            "scoreGiven": self.score_given,
            "scoreMaximum": self.score_maximum,
            "activityProgress": self.activity_progress,
            "gradingProgress": self.grading_progress,
            "timestamp": self.timestamp.isoformat(timespec="microseconds"),
        }


class RosterSync(models.Model):
    """The state of the latest roster (NRPS) sync of one context, shown in the cohort view."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Up to date"
        FAILED = "failed", "Failed"

    context = models.OneToOneField(
        "lti_tool.Context", on_delete=models.CASCADE, related_name="roster_sync"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    pages = models.PositiveIntegerField(default=0)
    members_seen = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "roster sync"

    def __str__(self) -> str:
        return f"Roster of {self.context}: {self.get_status_display()}"

"""Referees' confirmations, assessors' reviews, and the audit trail of every decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .application import Application


class RefereeRequest(models.Model):
    """A one-time link sent to the referee of one submission of an application.

    Only the SHA-256 of the signed token is kept, so the link cannot be rebuilt from the
    database; it expires, and it is used once (``answered_at``).
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="referee_requests"
    )
    round = models.PositiveSmallIntegerField()
    referee_email = models.EmailField(help_text="Where the link was sent.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True, help_text="Question id → answer.")
    confirms = models.BooleanField(
        null=True, help_text="Whether the referee confirms the practice described."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "answered" if self.answered_at else "waiting"
        return f"Referee request for {self.application} ({state})"


class Decision(models.TextChoices):
    ACCEPT = "accept", "Accept"
    MORE = "more", "Ask for more evidence"
    DECLINE = "decline", "Decline"


class Review(models.Model):
    """One assessor's decision on one submission (round) of an application: each assessor
    decides once per round, so one assessor never counts twice towards acceptance."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    feedback = models.TextField(help_text="What the applicant reads.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round", "assessor"], name="one_review_per_assessor_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.assessor} on {self.application}"


class AuditEntry(models.Model):
    """Who did what, when: every decision, suspension and reinstatement. Never edited."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        REFEREE_ANSWERED = "referee_answered", "Referee answered"
        ACCEPTED = "accepted", "Accepted"
        MORE_ASKED = "more_asked", "Asked for more evidence"
        DECLINED = "declined", "Declined"
        ISSUED = "issued", "Credential issued"
        SUSPENDED = "suspended", "Suspended"
        REINSTATED = "reinstated", "Reinstated"
        REMINDED = "reminded", "Renewal reminder sent"

    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="audit"
    )
    credential = models.ForeignKey(
        "badges.Credential", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The assessor; empty for the applicant, the referee or the system.",
    )
    actor_label = models.CharField(max_length=150, help_text="Who, as shown in the trail.")
    action = models.CharField(max_length=32, choices=Action.choices)
    detail = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "audit entries"
        constraints = [
            models.UniqueConstraint(
                fields=["credential"],
                condition=models.Q(action="reminded"),
                name="one_renewal_reminder_per_credential",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()}"

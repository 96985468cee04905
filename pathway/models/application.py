"""An application for an accreditation (or for its renewal) and the evidence in it."""

from __future__ import annotations

import uuid

from django.db import models

from .requirement import Requirement


class ApplicationKind(models.TextChoices):
    FIRST = "first", "Application"
    RENEWAL = "renewal", "Renewal"


class ApplicationStatus(models.TextChoices):
    """Where an application is. Draft and "more asked" can be changed by the applicant."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted: waiting for the referee and assessors"
    MORE_ASKED = "more_asked", "More evidence asked for"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


#: Applications still in progress: one at a time per learner and accreditation.
OPEN_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_ASKED)
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.MORE_ASKED)


class Application(models.Model):
    """A learner's application for one accreditation, with their evidence.

    ``statements`` maps each criterion's id (as text) to the applicant's statement;
    ``practice_log`` is a list of ``{"date": "YYYY-MM-DD", "activity": "..."}``. Both stay
    with the application (private to the applicant, their referee's answers and assessors):
    the credential only carries the public summary that :mod:`pathway.evidence` writes.
    One open application per learner and accreditation (a constraint).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="applications"
    )
    kind = models.CharField(
        max_length=16, choices=ApplicationKind.choices, default=ApplicationKind.FIRST
    )
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    statements = models.JSONField(default=dict, blank=True)
    practice_log = models.JSONField(default=list, blank=True)
    reflections = models.ManyToManyField("hub.Reflection", blank=True, related_name="+")
    referee_name = models.CharField(max_length=150, blank=True)
    referee_email = models.EmailField(blank=True)
    round = models.PositiveSmallIntegerField(
        default=0, help_text="How many times it was submitted (reviews count per round)."
    )
    renews = models.ForeignKey(
        "badges.Credential",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a renewal: the credential it renews.",
    )
    credential = models.ForeignKey(
        "badges.Credential",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The credential issued when it was accepted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        permissions = [("review_application", "Can review accreditation applications")]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "requirement"],
                condition=models.Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="one_open_application_per_accreditation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.requirement.achievement} by {self.learner}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

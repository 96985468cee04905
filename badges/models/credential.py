"""Credentials: one current credential per learner and achievement, signed once and kept as
issued (a renewal supersedes the earlier one, which stays on record)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from .achievement import Achievement
from .issuer import site_url
from .status import StatusList


class RecipientType(models.TextChoices):
    """What the hashed identifier in a credential stands for."""

    EMAIL = "emailAddress", "Email address"
    LEARNER_ID = "systemId", "Learner id (no email was known)"


class CredentialQuerySet(models.QuerySet["Credential"]):
    def active(self) -> CredentialQuerySet:
        return self.filter(revoked_at__isnull=True)

    def current(self) -> CredentialQuerySet:
        """Credentials not superseded by a renewal (every step badge is current)."""
        return self.filter(superseded_at__isnull=True)


class Credential(models.Model):
    """An achievement awarded to a learner, as the signed Open Badges 3.0 credential.

    One current credential per (learner, achievement): a second award of the same badge finds
    this row instead of creating another. A renewal (an accreditation issued again) first marks
    the earlier credential ``superseded_at``; step badges are never superseded, so they stay
    exactly-once. Credentials issued ``suspendable`` also hold an entry on a suspension status
    list (``suspension_list``/``suspension_index``), set while ``suspended_at`` is.
    Only the salted hash of the recipient's email (and the salt) is kept.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="credentials"
    )
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="credentials")
    recipient_type = models.CharField(max_length=32, choices=RecipientType.choices)
    recipient_hash = models.CharField(
        max_length=80, help_text="sha256$ of the normalised identifier followed by the salt."
    )
    recipient_salt = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    document = models.JSONField(help_text="The signed OpenBadgeCredential, exactly as issued.")
    status_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="credentials"
    )
    status_index = models.PositiveIntegerField()
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The assessor, for accreditations; empty for automatic awards.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=500, blank=True)
    suspension_list = models.ForeignKey(
        StatusList,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suspendable_credentials",
        help_text="The suspension status list, for credentials that can be suspended.",
    )
    suspension_index = models.PositiveIntegerField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=500, blank=True)
    superseded_at = models.DateTimeField(
        null=True, blank=True, help_text="When a renewed credential replaced this one."
    )

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "achievement"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_credential_per_achievement",
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"],
                name="one_credential_per_suspension_index",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_credential_per_status_index"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.achievement} for {self.learner}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    def url(self) -> str:
        """The credential's id: serves the JSON (or, to browsers, the public page)."""
        return site_url(reverse("badges:credential", args=[self.public_id]))

    def ob2_url(self) -> str:
        """The OB 2.0 hosted Assertion of the same award."""
        return site_url(reverse("badges:ob2-assertion", args=[self.public_id]))

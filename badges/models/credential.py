"""Credentials: one per learner and achievement, signed once and kept as issued."""

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


class Credential(models.Model):
    """An achievement awarded to a learner, as the signed Open Badges 3.0 credential.

    Unique per (learner, achievement): a second award of the same badge finds this row instead
    of creating another. Only the salted hash of the recipient's email (and the salt) is kept.
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

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "achievement"], name="one_credential_per_achievement"
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

    def url(self) -> str:
        """The credential's id: serves the JSON (or, to browsers, the public page)."""
        return site_url(reverse("badges:credential", args=[self.public_id]))

    def ob2_url(self) -> str:
        """The OB 2.0 hosted Assertion of the same award."""
        return site_url(reverse("badges:ob2-assertion", args=[self.public_id]))

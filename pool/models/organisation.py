"""Organisations that register to draw on the pool, and the staff's decision on each."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    COMMISSIONER = "commissioner", "Commissioner (for example an integrated care board)"
    PATIENT_GROUP = "patient_group", "Patient or carer group"
    OTHER = "other", "Another health or care organisation"


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class Organisation(models.Model):
    """An organisation's account: one sign-in (a Django user without admin access), and an
    administrator's decision. Only an approved organisation sees the pool."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pool_organisation"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    contact_name = models.CharField(max_length=120)
    email = models.EmailField(help_text="The contact's address, given to leaders who accept.")
    purpose = models.TextField(max_length=1500, help_text="Why they want to involve leaders.")
    status = models.CharField(
        max_length=20, choices=OrganisationStatus.choices, default=OrganisationStatus.PENDING
    )
    registered_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(
        max_length=1000, blank=True, help_text="Sent to the organisation with the decision."
    )

    class Meta:
        ordering = ["status", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == OrganisationStatus.APPROVED

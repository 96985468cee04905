"""Bitstring Status Lists: where verifiers look up whether a credential was revoked."""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse

from .issuer import Issuer, site_url

#: The spec's minimum length (16 KiB of bits), so that a list does not reveal much about
#: which credentials it holds.
MINIMUM_LIST_LENGTH = 131_072

#: The ``statusPurpose`` values of the lists: revocation is final, suspension can be undone.
REVOCATION = "revocation"
SUSPENSION = "suspension"


class StatusList(models.Model):
    """One Bitstring Status List of an issuer, for one ``statusPurpose`` (revocation, or
    suspension for credentials that can be suspended and reinstated).

    Credentials take the next free index; the list's bits are derived from the credentials'
    ``revoked_at`` (or ``suspended_at``) whenever the list is served, so there is one source of
    truth.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="status_lists")
    purpose = models.CharField(max_length=32, default=REVOCATION, editable=False)
    length = models.PositiveIntegerField(default=MINIMUM_LIST_LENGTH, editable=False)
    next_index = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issuer", "created_at"]

    def __str__(self) -> str:
        return f"{self.issuer} {self.purpose} list {self.public_id.hex[:8]}"

    @property
    def is_full(self) -> bool:
        return self.next_index >= self.length

    def url(self) -> str:
        """The id of the status list credential."""
        return site_url(reverse("badges:status-list", args=[self.public_id]))

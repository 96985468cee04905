"""A peer leader in the pool: what they wrote about themselves and what they chose to show."""

from __future__ import annotations

import uuid

from django.db import models


class Region(models.TextChoices):
    """Where in England a leader can take part in person (NHS England's regions)."""

    EAST = "east", "East of England"
    LONDON = "london", "London"
    MIDLANDS = "midlands", "Midlands"
    NORTH_EAST = "north_east", "North East and Yorkshire"
    NORTH_WEST = "north_west", "North West"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    ANYWHERE = "anywhere", "Anywhere (online only)"


class Way(models.TextChoices):
    """How a leader likes to take part."""

    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"


class Payment(models.TextChoices):
    """Whether a leader takes part paid, unpaid or either."""

    PAID = "paid", "Paid involvement only"
    VOLUNTARY = "voluntary", "Unpaid (voluntary) involvement"
    EITHER = "either", "Paid or unpaid"


class PauseReason(models.TextChoices):
    LEADER = "leader", "Paused by the leader"
    CONSENT_LAPSED = "consent_lapsed", "Consent not renewed within the year"


class Member(models.Model):
    """A learner who joined the pool of peer leaders.

    Every profile field is kept with the leader's explicit choice of whether organisations may
    see it (``shown_fields``); what organisations see is worked out by
    :func:`pool.consent.visible_profile` alone. Leaving deletes this row (and with it the
    profile views), not a flag: see :func:`pool.membership.leave`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.OneToOneField(
        "hub.Learner", on_delete=models.CASCADE, related_name="pool_member"
    )
    display_name = models.CharField(max_length=80)
    profile = models.TextField(max_length=800, blank=True)
    lived_experience = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    ways = models.JSONField(default=list, blank=True, help_text="Values of Way.")
    access_needs = models.TextField(max_length=500, blank=True)
    availability = models.CharField(max_length=300, blank=True)
    payment = models.CharField(max_length=20, choices=Payment.choices, blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text="The address the leader gave for accepted requests; empty: the address "
        "their course knows.",
    )
    shown_fields = models.JSONField(
        default=list,
        help_text="The profile fields the leader chose to show organisations (pool.consent).",
    )
    joined_at = models.DateTimeField()
    consent_given_at = models.DateTimeField(
        help_text="When the leader last confirmed what they show; renewed every year."
    )
    consent_reminded_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    pause_reason = models.CharField(max_length=20, choices=PauseReason.choices, blank=True)

    class Meta:
        ordering = ["display_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(paused_at__isnull=True, pause_reason="")
                    | models.Q(paused_at__isnull=False) & ~models.Q(pause_reason="")
                ),
                name="pool_member_paused_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

"""Involvement requests from organisations to leaders, and the record of who looked."""

from __future__ import annotations

from django.db import models

from .member import Member
from .organisation import Organisation


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the leader"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed (the leader left the pool)"


class InvolvementRequest(models.Model):
    """What an organisation asks a leader to take part in.

    Answered exactly once: :func:`pool.involvement.answer` moves it from pending with a
    conditional update, so an accept and a decline arriving together cannot both win. The
    leader's contact address is copied here only on acceptance.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="requests"
    )
    member = models.ForeignKey(
        Member, null=True, on_delete=models.SET_NULL, related_name="requests"
    )
    what = models.TextField(max_length=1500)
    when = models.CharField(max_length=300)
    where = models.CharField(max_length=300)
    paid = models.BooleanField()
    payment_details = models.CharField(max_length=300, blank=True)
    access_arrangements = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    leader_contact_email = models.EmailField(blank=True)
    submission_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="The form's one-time key: the same form sent twice makes one request.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="pool_one_request_per_form",
            ),
            models.CheckConstraint(
                condition=models.Q(leader_contact_email="")
                | models.Q(status=RequestStatus.ACCEPTED),
                name="pool_contact_only_after_acceptance",
            ),
        ]

    def __str__(self) -> str:
        return f"Request from {self.organisation} ({self.get_status_display()})"


class ProfileView(models.Model):
    """One look at a leader's profile by an organisation (the leader sees these)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="views")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profile_views"
    )
    viewed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.organisation} viewed {self.member} at {self.viewed_at}"

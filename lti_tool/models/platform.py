"""Platforms (LMSs) the tool is registered with, and their deployments."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import models
from django.utils import timezone


class Registration(models.Model):
    """The tool's registration with one platform: one per (issuer, client_id).

    Several institutions on one hosted LMS share an issuer and differ by ``client_id``.
    """

    class ScoreReporting(models.TextChoices):
        """How a step's progress reaches the platform's gradebook (see docs/lti.md).

        Some platforms (Moodle among them) keep a score only when its ``gradingProgress`` is
        ``FullyGraded``; for them partial progress must be sent as graded to be seen at all.
        Blank means "not chosen yet": the first launch or dynamic registration picks the
        default for the platform's product family.
        """

        GRADED_PROGRESS = "graded_progress", "Progress as graded scores (33%, 67%, 100%)"
        COMPLETION_ONLY = "completion_only", "Completion only (partial scores pending)"

    name = models.CharField(max_length=200, help_text="Shown to administrators only.")
    issuer = models.URLField(max_length=255, help_text="The platform's `iss`.")
    client_id = models.CharField(max_length=255)
    auth_login_url = models.URLField(max_length=500, verbose_name="OIDC authorisation URL")
    auth_token_url = models.URLField(max_length=500, verbose_name="OAuth2 token URL")
    key_set_url = models.URLField(max_length=500, verbose_name="platform JWKS URL")
    audience = models.CharField(
        max_length=500,
        blank=True,
        help_text="Audience for service token requests, if the platform wants one other than "
        "the token URL.",
    )
    active = models.BooleanField(default=True)
    auto_activate_deployments = models.BooleanField(
        default=False,
        help_text="Activate new deployments on their first launch instead of waiting for an "
        "administrator.",
    )
    product_family_code = models.CharField(max_length=100, blank=True)
    score_reporting = models.CharField(
        max_length=20,
        choices=ScoreReporting.choices,
        blank=True,
        verbose_name="How progress is sent to the gradebook",
        help_text="Graded progress: every score is final, so platforms that keep only final "
        "scores (Moodle) show a step's 33%, 67%, 100%. Completion only: partial scores are "
        "sent as pending and only the completed step as final. Left blank, the first launch "
        "chooses from the platform's product family.",
    )
    registered_dynamically = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="unique_platform_client")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"


class Deployment(models.Model):
    """A placement of the tool inside a platform (an institution, a course category...).

    Launches from a deployment the tool has not seen create it inactive; an administrator
    activates it (or the registration auto-activates). Inactive deployments cannot launch.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="deployments"
    )
    deployment_id = models.CharField(max_length=255)
    name = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registration", "deployment_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "deployment_id"], name="unique_deployment"
            )
        ]

    def __str__(self) -> str:
        state = "active" if self.active else "awaiting activation"
        return f"{self.name or self.deployment_id} on {self.registration.name} ({state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.active and self.activated_at is None:
            self.activated_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "activated_at"}
        super().save(*args, **kwargs)

    def activate(self) -> None:
        if not self.active:
            self.active = True
            self.save(update_fields=["active"])


class RegistrationTokenQuerySet(models.QuerySet["RegistrationToken"]):
    def usable(self) -> RegistrationTokenQuerySet:
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class RegistrationToken(models.Model):
    """A one-time secret that opens Dynamic Registration for one platform.

    Only a hash is stored; the token itself is shown once, inside the registration URL.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RegistrationTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Registration link created {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, lifetime: timedelta = timedelta(days=7)) -> tuple[RegistrationToken, str]:
        token = secrets.token_urlsafe(32)
        record = cls.objects.create(
            token_hash=cls.hash(token), expires_at=timezone.now() + lifetime
        )
        return record, token

"""The issuing organisation and the Ed25519 keys it signs credentials with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )


def site_url(path: str) -> str:
    """Absolute URL of ``path`` on this site (``BADGES_BASE_URL`` or WAGTAILADMIN_BASE_URL)."""
    base = getattr(settings, "BADGES_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


class Issuer(models.Model):
    """The organisation that issues badges: an Open Badges issuer Profile.

    Its ``id`` in credentials is :meth:`profile_url`, an URL on this site that serves the
    controller document listing every published signing key, so the issuer controls the key.
    """

    slug = models.SlugField(
        max_length=64, unique=True, help_text="Part of the issuer's URL; never change it."
    )
    name = models.CharField(max_length=200)
    url = models.URLField(help_text="The organisation's home page.")
    email = models.EmailField(help_text="A public contact address for questions about badges.")
    description = models.TextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("url"),
        FieldPanel("email"),
        FieldPanel("description"),
        FieldPanel("image"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def profile_url(self) -> str:
        """The issuer's OB 3.0 id: the URL of its controller document."""
        return site_url(reverse("badges:issuer", args=[self.slug]))

    def ob2_url(self) -> str:
        """The issuer's OB 2.0 hosted Issuer document."""
        return site_url(reverse("badges:ob2-issuer", args=[self.slug]))


class SigningKeyQuerySet(models.QuerySet["SigningKey"]):
    def published(self) -> SigningKeyQuerySet:
        """Keys listed in the controller document: the active key and every retired one."""
        return self.all()

    def active(self) -> SigningKeyQuerySet:
        return self.filter(retired_at__isnull=True)


class SigningKey(models.Model):
    """An Ed25519 key pair of an issuer. One active key per issuer; retired keys stay published
    so that credentials signed with them keep verifying.

    The private key is stored as a Multikey secret (``z3u2...``) in the database; protect the
    database (and its backups) accordingly.
    """

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="keys")
    public_key_multibase = models.CharField(max_length=64, unique=True, editable=False)
    private_key_multibase = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SigningKeyQuerySet.as_manager()

    class Meta:
        ordering = ["issuer", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"],
                condition=models.Q(retired_at__isnull=True),
                name="one_active_key_per_issuer",
            )
        ]

    def __str__(self) -> str:
        state = "retired" if self.retired_at else "active"
        return f"{self.issuer} key {self.public_key_multibase[:16]}… ({state})"

    @property
    def verification_method(self) -> str:
        """The key's id: ``<issuer id>#<publicKeyMultibase>``."""
        return f"{self.issuer.profile_url()}#{self.public_key_multibase}"

    def private_key(self) -> Ed25519PrivateKey:
        from badges.dataintegrity import multibase_to_private_key

        return multibase_to_private_key(self.private_key_multibase)

    def public_key(self) -> Ed25519PublicKey:
        from badges.dataintegrity import multibase_to_public_key

        return multibase_to_public_key(self.public_key_multibase)

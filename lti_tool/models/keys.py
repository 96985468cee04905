"""The tool's own signing keys (RSA), published as a JWKS."""

from __future__ import annotations

import functools
import json
import uuid
from datetime import timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from jwcrypto.jwk import JWK

DEFAULT_OVERLAP = timedelta(days=7)


class ToolKeyQuerySet(models.QuerySet["ToolKey"]):
    def published(self) -> ToolKeyQuerySet:
        """Keys platforms may still verify against: active ones and retired ones in overlap."""
        now = timezone.now()
        return self.filter(Q(active=True) | Q(publish_until__gt=now)).order_by("-created_at")


class ToolKey(models.Model):
    """An RSA key pair the tool signs with (Deep Linking responses, service tokens).

    The newest active key signs. Rotating makes a new key and retires the old ones, which stay
    in the published JWKS until ``publish_until`` so that messages already signed with them
    (and platforms that cached the old JWKS) keep working through the overlap.
    """

    kid = models.CharField(max_length=64, unique=True, editable=False)
    private_key_pem = models.TextField(editable=False)
    public_jwk = models.JSONField(editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    publish_until = models.DateTimeField(
        null=True, blank=True, help_text="A retired key stays in the JWKS until this time."
    )

    objects = ToolKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "tool key"

    def __str__(self) -> str:
        state = "signing" if self.active else "retired"
        return f"Key {self.kid[:12]} ({state})"

    @classmethod
    def generate(cls, bits: int = 2048) -> ToolKey:
        """Create and save a new active key pair."""
        if bits < 2048:
            raise ValueError("RSA keys must have at least 2048 bits.")
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        kid = uuid.uuid4().hex
        jwk = json.loads(JWK.from_pem(pem.encode()).export_public())
        jwk.update({"kid": kid, "alg": "RS256", "use": "sig"})
        return cls.objects.create(kid=kid, private_key_pem=pem, public_jwk=jwk)

    @classmethod
    def current(cls) -> ToolKey:
        """The key that signs now: the newest active key (one is created if there is none)."""
        key = cls.objects.filter(active=True).order_by("-created_at").first()
        return key or cls.generate()

    @classmethod
    @transaction.atomic
    def rotate(cls, overlap: timedelta = DEFAULT_OVERLAP) -> ToolKey:
        """Make a new signing key; earlier active keys retire but stay published a while."""
        now = timezone.now()
        for old in cls.objects.select_for_update().filter(active=True):
            old.active = False
            old.retired_at = now
            old.publish_until = now + overlap
            old.save(update_fields=["active", "retired_at", "publish_until"])
        return cls.generate()

    @classmethod
    def jwks(cls) -> dict[str, list[dict[str, str]]]:
        """The public JWKS: every published key, newest first."""
        if not cls.objects.filter(active=True).exists():
            cls.generate()
        return {"keys": [key.public_jwk for key in cls.objects.published()]}

    @property
    def public_key_pem(self) -> str:
        return _public_pem(self.private_key_pem)


@functools.lru_cache(maxsize=16)
def _public_pem(private_key_pem: str) -> str:
    """The public half of a private key, as PEM. Parsing the private key (which checks it)
    takes tens of milliseconds; a key never changes, so each process does it once per key."""
    return JWK.from_pem(private_key_pem.encode()).export_to_pem().decode()

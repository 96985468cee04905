"""Issuer keys and recipient identifiers: creating and rotating keys, resolving them for
verification, and hashing recipients the way Open Badges expects (``sha256$`` + salt).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urldefrag

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import transaction
from django.utils import timezone

from badges.dataintegrity import (
    PublicKeyInfo,
    multibase_to_public_key,
    private_key_to_multibase,
    public_key_to_multibase,
)
from badges.models import Issuer, SigningKey

#: Contexts of the controller document served at the issuer's id.
CONTROLLER_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
__all__ = [
    "CONTROLLER_CONTEXT",
    "active_key",
    "controller_document",
    "hash_identifier",
    "identifier_matches",
    "new_salt",
    "normalise_email",
    "resolve_key",
    "rotate_key",
]


def _create_key(issuer: Issuer) -> SigningKey:
    private_key = Ed25519PrivateKey.generate()
    return SigningKey.objects.create(
        issuer=issuer,
        public_key_multibase=public_key_to_multibase(private_key.public_key()),
        private_key_multibase=private_key_to_multibase(private_key),
    )


def active_key(issuer: Issuer) -> SigningKey:
    """The issuer's active signing key, created on first use."""
    key = SigningKey.objects.active().filter(issuer=issuer).first()
    if key is not None:
        return key
    with transaction.atomic():
        Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
        key = SigningKey.objects.active().filter(issuer=issuer).first()
        return key or _create_key(issuer)


def rotate_key(issuer: Issuer) -> SigningKey:
    """Retire the issuer's active key (it stays published) and make a new active key."""
    with transaction.atomic():
        Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
        SigningKey.objects.active().filter(issuer=issuer).update(retired_at=timezone.now())
        return _create_key(issuer)


def controller_document(issuer: Issuer) -> dict[str, object]:
    """The document served at the issuer's id: every published key as a Multikey
    verification method, each authorised for ``assertionMethod``."""
    controller = issuer.profile_url()
    methods = [
        {
            "id": key.verification_method,
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in SigningKey.objects.published().filter(issuer=issuer).order_by("created_at")
    ]
    return {
        "@context": list(CONTROLLER_CONTEXT),
        "id": controller,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def resolve_key(verification_method: str) -> PublicKeyInfo | None:
    """Find a published key of an issuer on this site by its verification method id.

    Returns None when the method is not one of ours (an unknown issuer or key).
    """
    controller, fragment = urldefrag(verification_method)
    if not fragment:
        return None
    key = SigningKey.objects.select_related("issuer").filter(public_key_multibase=fragment).first()
    if key is None or key.issuer.profile_url() != controller:
        return None
    return PublicKeyInfo(
        public_key=multibase_to_public_key(key.public_key_multibase), controller=controller
    )


def normalise_email(email: str) -> str:
    """Emails are compared trimmed and lower-cased."""
    return email.strip().lower()


def new_salt() -> str:
    """A fresh per-credential salt."""
    return secrets.token_hex(16)


def hash_identifier(value: str, salt: str) -> str:
    """Open Badges identity hash: ``sha256$`` + hex SHA-256 of the identifier then the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def identifier_matches(email: str, identity_hash: str, salt: str) -> bool:
    """Whether ``email`` (normalised) hashes with ``salt`` to ``identity_hash``."""
    candidate = hash_identifier(normalise_email(email), salt)
    return hmac.compare_digest(candidate.lower(), identity_hash.strip().lower())

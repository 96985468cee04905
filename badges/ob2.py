"""Open Badges 2.0 hosted compatibility: the same award as Issuer, BadgeClass and Assertion
JSON-LD at stable URLs on this site, for backpacks that do not read 3.0 yet.

Hosted verification means the documents are their own proof: a verifier fetches the
assertion from its ``id`` and checks that it is served from the origin of the issuer's ``id``
(both on this site, whatever the organisation's own ``url``).
"""

from __future__ import annotations

from typing import Any

from badges.dates import format_timestamp
from badges.jsonld import OB2_CONTEXT_URL
from badges.models import Achievement, Credential, Issuer, RecipientType

__all__ = ["assertion", "badge_class", "issuer_profile"]


def issuer_profile(issuer: Issuer) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": OB2_CONTEXT_URL,
        "type": "Issuer",
        "id": issuer.ob2_url(),
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.description:
        document["description"] = issuer.description
    return document


def badge_class(achievement: Achievement) -> dict[str, Any]:
    criteria: dict[str, Any] = {"narrative": achievement.criteria_narrative}
    if achievement.criteria_url:
        criteria["id"] = achievement.criteria_url
    document: dict[str, Any] = {
        "@context": OB2_CONTEXT_URL,
        "type": "BadgeClass",
        "id": achievement.ob2_url(),
        "name": achievement.name,
        "description": achievement.description,
        "image": achievement.image_url(),
        "criteria": criteria,
        "issuer": achievement.issuer.ob2_url(),
    }
    step = achievement.step
    if step is not None and step.get_full_url():
        document["alignment"] = [{"targetName": step.title, "targetUrl": step.get_full_url()}]
    return document


def assertion(credential: Credential) -> dict[str, Any]:
    """The hosted Assertion; a revoked (or, for now, suspended) one says so (and is served
    with status 410). An accreditation's evidence is copied from the OB 3.0 credential."""
    recipient_type = "email" if credential.recipient_type == RecipientType.EMAIL else "url"
    document: dict[str, Any] = {
        "@context": OB2_CONTEXT_URL,
        "type": "Assertion",
        "id": credential.ob2_url(),
        "recipient": {
            "type": recipient_type,
            "hashed": True,
            "salt": credential.recipient_salt,
            "identity": credential.recipient_hash,
        },
        "badge": credential.achievement.ob2_url(),
        "issuedOn": format_timestamp(credential.issued_at),
        "image": credential.achievement.image_url(),
        "verification": {"type": "HostedBadge"},
    }
    if credential.valid_until is not None:
        document["expires"] = format_timestamp(credential.valid_until)
    evidence = credential.document.get("evidence")
    if isinstance(evidence, list) and evidence:
        document["evidence"] = [
            {key: item[key] for key in ("name", "description", "narrative") if key in item}
            for item in evidence
            if isinstance(item, dict)
        ]
    if credential.is_revoked:
        document["revoked"] = True
        document["revocationReason"] = credential.revocation_reason
    elif credential.is_suspended:
        # OB 2.0 has no suspension: while it lasts, the hosted assertion reads as revoked,
        # with the reason saying it is a suspension; reinstating restores it.
        document["revoked"] = True
        document["revocationReason"] = f"Suspended: {credential.suspension_reason}"
    return document

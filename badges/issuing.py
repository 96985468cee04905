"""Awarding achievements: building the Open Badges 3.0 credential, signing it and recording it
exactly once per learner and achievement.

Step badges are awarded by :func:`award_step_achievements`, a receiver of
:data:`hub.events.step_completed`; it runs inside the hub's progress transaction, so a badge is
recorded together with the completion (or not at all). Accreditations are awarded by an
assessor through :func:`award_accreditation` (one learner) or the bulk task in
:mod:`badges.tasks`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from badges.dataintegrity import add_proof
from badges.dates import format_timestamp
from badges.jsonld import CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL
from badges.models import Achievement, AwardRule, Credential, RecipientType, site_url
from badges.signing import active_key, hash_identifier, new_salt, normalise_email
from badges.statuslist import allocate_index
from hub.events import step_completed
from hub.models import Learner, StepCompletion

__all__ = [
    "CREDENTIAL_CONTEXT",
    "OB3_SCHEMA_URL",
    "AwardError",
    "AwardResult",
    "Recipient",
    "achievement_document",
    "award",
    "award_accreditation",
    "award_step_achievements",
    "build_credential",
    "recipient_for",
    "reconcile_step_badges",
    "revoke",
]

CREDENTIAL_CONTEXT = [CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL]
OB3_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


class AwardError(ValueError):
    """An achievement cannot be awarded this way (e.g. an accreditation by a step event)."""


@dataclass(frozen=True)
class Recipient:
    """Who a credential is for, as Open Badges identifies them: a type and a plain value.

    The plain value is hashed with a fresh salt and then forgotten.
    """

    identity_type: RecipientType
    value: str


@dataclass(frozen=True)
class AwardResult:
    credential: Credential
    created: bool


def recipient_for(learner: Learner) -> Recipient:
    """The learner's email, if one is known; otherwise their public learner id.

    The email comes from ``settings.BADGES_RECIPIENT_EMAIL`` (a dotted path to a function of
    the learner returning an email or None) when set, else from ``learner.lti_user.email`` if
    the LTI tool provides that relation. Without an email the credential still identifies its
    holder, by a salted hash of their learner id, but cannot be checked against an email.
    """
    path = getattr(settings, "BADGES_RECIPIENT_EMAIL", "")
    if path:
        email = import_string(path)(learner)
    else:
        email = getattr(getattr(learner, "lti_user", None), "email", None)
    if isinstance(email, str) and "@" in email:
        return Recipient(RecipientType.EMAIL, normalise_email(email))
    return Recipient(RecipientType.LEARNER_ID, str(learner.public_id))


def _issuer_profile(achievement: Achievement) -> dict[str, Any]:
    issuer = achievement.issuer
    profile: dict[str, Any] = {
        "id": issuer.profile_url(),
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.description:
        profile["description"] = issuer.description
    return profile


def achievement_document(achievement: Achievement) -> dict[str, Any]:
    """The OB 3.0 Achievement object of ``achievement``."""
    criteria: dict[str, Any] = {"narrative": achievement.criteria_narrative}
    if achievement.criteria_url:
        criteria["id"] = achievement.criteria_url
    data: dict[str, Any] = {
        "id": achievement.url(),
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description,
        "criteria": criteria,
        "image": {"id": achievement.image_url(), "type": "Image", "caption": achievement.name},
    }
    step = achievement.step
    if step is not None:
        alignment: dict[str, Any] = {"type": ["Alignment"], "targetName": step.title}
        step_url = step.get_full_url()
        if step_url:
            alignment["targetUrl"] = step_url
        data["alignment"] = [alignment]
    return data


def build_credential(
    *,
    credential_url: str,
    achievement: Achievement,
    identity_type: str,
    identity_hash: str,
    salt: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status_list_url: str,
    status_index: int,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential (VC Data Model 2.0) for one award."""
    document: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": _issuer_profile(achievement),
        "validFrom": format_timestamp(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = format_timestamp(valid_until)
    document["credentialSubject"] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": identity_hash,
                "identityType": identity_type,
                "hashed": True,
                "salt": salt,
            }
        ],
        "achievement": achievement_document(achievement),
    }
    document["credentialSchema"] = [
        {"id": OB3_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    document["credentialStatus"] = {
        "id": f"{status_list_url}#{status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(status_index),
        "statusListCredential": status_list_url,
    }
    return document


def award(
    learner: Learner,
    achievement: Achievement,
    *,
    awarded_by: Any = None,
    now: datetime | None = None,
) -> AwardResult:
    """Award ``achievement`` to ``learner`` exactly once and return the credential.

    A second call (or a concurrent one) returns the existing credential with
    ``created=False``: the unique constraint on (learner, achievement) decides, inside one
    transaction, and the losing attempt's work is rolled back to a savepoint.
    """
    with transaction.atomic():
        existing = Credential.objects.filter(learner=learner, achievement=achievement).first()
        if existing is not None:
            return AwardResult(existing, created=False)

        issued = (now or timezone.now()).replace(microsecond=0)
        valid_until = (
            issued + timedelta(days=achievement.validity_days)
            if achievement.validity_days
            else None
        )
        recipient = recipient_for(learner)
        salt = new_salt()
        identity_hash = hash_identifier(recipient.value, salt)
        public_id = uuid.uuid4()
        credential_url = site_url(reverse("badges:credential", args=[public_id]))
        key = active_key(achievement.issuer)
        try:
            with transaction.atomic():
                status_list, index = allocate_index(achievement.issuer)
                document = build_credential(
                    credential_url=credential_url,
                    achievement=achievement,
                    identity_type=recipient.identity_type,
                    identity_hash=identity_hash,
                    salt=salt,
                    valid_from=issued,
                    valid_until=valid_until,
                    status_list_url=status_list.url(),
                    status_index=index,
                )
                signed = add_proof(document, key.private_key(), key.verification_method, issued)
                credential = Credential.objects.create(
                    public_id=public_id,
                    achievement=achievement,
                    learner=learner,
                    recipient_type=recipient.identity_type,
                    recipient_hash=identity_hash,
                    recipient_salt=salt,
                    issued_at=issued,
                    valid_from=issued,
                    valid_until=valid_until,
                    document=signed,
                    status_list=status_list,
                    status_index=index,
                    awarded_by=awarded_by,
                )
        except IntegrityError:
            credential = Credential.objects.get(learner=learner, achievement=achievement)
            return AwardResult(credential, created=False)
        return AwardResult(credential, created=True)


def award_accreditation(learner: Learner, achievement: Achievement, assessor: Any) -> AwardResult:
    """An assessor awards an accreditation (an achievement "awarded by an assessor")."""
    if achievement.award_rule != AwardRule.ASSESSOR:
        raise AwardError(f"{achievement} is awarded automatically, not by an assessor")
    return award(learner, achievement, awarded_by=assessor)


@receiver(step_completed, dispatch_uid="badges.award_step_achievements")
def award_step_achievements(
    sender: Any, learner: Learner, step: Any, completion: Any = None, **kwargs: Any
) -> list[AwardResult]:
    """Award every achievement aligned to ``step`` that its completion earns."""
    when = getattr(completion, "completed_at", None)
    return [
        award(learner, achievement, now=when)
        for achievement in Achievement.objects.filter(
            step_id=step.pk, award_rule=AwardRule.STEP_COMPLETED
        ).select_related("issuer")
    ]


def reconcile_step_badges(completion: StepCompletion) -> int:
    """Step reconciler (see :mod:`hub.events`): award the completion's missing step badges.

    Returns how many credentials it created; :func:`award`'s unique constraint keeps each
    exactly-once, so a second run (or a racing receiver) creates none.
    """
    missing = Achievement.objects.filter(
        step_id=completion.step_id, award_rule=AwardRule.STEP_COMPLETED
    ).exclude(credentials__learner_id=completion.learner_id)
    return sum(
        award(completion.learner, achievement, now=completion.completed_at).created
        for achievement in missing.select_related("issuer")
    )


def revoke(credential: Credential, reason: str, now: datetime | None = None) -> Credential:
    """Revoke a credential: its status list bit is set from now on. Idempotent; a second call
    keeps the first time and updates the reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a revocation needs a reason")
    credential.revoked_at = credential.revoked_at or now or timezone.now()
    credential.revocation_reason = reason
    credential.save(update_fields=["revoked_at", "revocation_reason"])
    return credential

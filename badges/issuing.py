"""Awarding achievements: building the Open Badges 3.0 credential, signing it and recording it
exactly once per learner and achievement.

Step badges are awarded by :func:`award_step_achievements`, a receiver of
:data:`hub.events.step_completed`; it runs inside the hub's progress transaction, so a badge is
recorded together with the completion (or not at all). Accreditations are awarded by an
assessor through :func:`award_accreditation` (one learner) or the bulk task in
:mod:`badges.tasks`, or by the accreditation pathway (``pathway/``), which passes the
application's public ``evidence`` and asks for a ``suspendable`` credential: one with a second
``credentialStatus`` entry on a suspension list, so that it can be suspended and reinstated
(:func:`suspend`, :func:`reinstate`).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from badges import recipients
from badges.dataintegrity import add_proof
from badges.dates import format_timestamp
from badges.jsonld import CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL
from badges.models import (
    SUSPENSION,
    Achievement,
    AwardRule,
    Credential,
    Issuer,
    RecipientType,
    SigningKey,
    StatusList,
    site_url,
)
from badges.signing import active_key, hash_identifier, new_salt, normalise_email
from badges.statuslist import allocate_indexes
from hub.events import step_completed
from hub.models import Learner, StepCompletion

__all__ = [
    "CREDENTIAL_CONTEXT",
    "OB3_SCHEMA_URL",
    "AwardError",
    "AwardResult",
    "Recipient",
    "SuspensionError",
    "achievement_document",
    "award",
    "award_accreditation",
    "award_accreditations",
    "award_many",
    "award_step_achievements",
    "award_step_badges",
    "build_credential",
    "evidence_item",
    "recipient_for",
    "reconcile_step_badges",
    "reinstate",
    "revoke",
    "suspend",
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


def recipient_for(learner: Learner, emails: Mapping[int, str] | None = None) -> Recipient:
    """The learner's email, if one is known (see :mod:`badges.recipients`); otherwise their
    public learner id. ``emails`` is what :func:`badges.recipients.emails_for` found for a
    batch of learners (looked up for this learner alone when not given)."""
    if emails is None:
        emails = recipients.emails_for([learner])
    email = emails.get(learner.pk)
    if email:
        return Recipient(RecipientType.EMAIL, normalise_email(email))
    return Recipient(RecipientType.LEARNER_ID, str(learner.public_id))


def ob3_issuer_profile(issuer: Issuer) -> dict[str, Any]:
    """The issuer as an OB 3.0 (and CLR 2.0) credential names it: its Profile."""
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


def evidence_item(name: str, narrative: str = "", description: str = "") -> dict[str, Any]:
    """An OB 3.0 ``Evidence`` object (what the holder did, in words fit for anyone to read)."""
    item: dict[str, Any] = {"type": ["Evidence"], "name": name}
    if description:
        item["description"] = description
    if narrative:
        item["narrative"] = narrative
    return item


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
    achievement_data: dict[str, Any] | None = None,
    issuer_profile: dict[str, Any] | None = None,
    evidence: Sequence[Mapping[str, Any]] | None = None,
    suspension_list_url: str | None = None,
    suspension_index: int | None = None,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential (VC Data Model 2.0) for one award.

    ``evidence`` (OB 3.0 Evidence objects, see :func:`evidence_item`) is put in the
    credential's ``evidence``. With a suspension list entry, ``credentialStatus`` is a list of
    two entries (revocation, then suspension) instead of the single revocation entry.

    ``achievement_data`` and ``issuer_profile`` may be given when they were already built for
    other credentials of the same award (they are shared, not copied, by the documents).
    """
    if issuer_profile is None:
        issuer_profile = ob3_issuer_profile(achievement.issuer)
    document: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile,
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
        "achievement": (
            achievement_data if achievement_data is not None else achievement_document(achievement)
        ),
    }
    document["credentialSchema"] = [
        {"id": OB3_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    if evidence:
        document["evidence"] = [dict(item) for item in evidence]
    revocation = _status_entry(status_list_url, status_index, "revocation")
    if suspension_list_url is not None and suspension_index is not None:
        suspension = _status_entry(suspension_list_url, suspension_index, SUSPENSION)
        document["credentialStatus"] = [revocation, suspension]
    else:
        document["credentialStatus"] = revocation
    return document


def _status_entry(list_url: str, index: int, purpose: str) -> dict[str, Any]:
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


#: Learners signed and recorded together: one query for those already holding the
#: achievement, one block of status list indexes, one INSERT. Big enough that the round trips
#: stop mattering next to the signing, small enough that a batch's transaction stays short.
BATCH_SIZE = 250


@dataclass(frozen=True)
class _Shared:
    """What every credential of one achievement awarded at one time has in common: worked
    out once per batch instead of once per learner."""

    achievement: Achievement
    issued: datetime
    valid_until: datetime | None
    awarded_by: Any
    key: SigningKey
    private_key: Ed25519PrivateKey
    achievement_document: dict[str, Any]
    issuer_profile: dict[str, Any]
    credential_url: Callable[[uuid.UUID], str]
    evidence: tuple[dict[str, Any], ...] = ()
    suspendable: bool = False


def _credential_url_maker() -> Callable[[uuid.UUID], str]:
    """``Credential.url`` for a public id not yet saved, without resolving the URL each time:
    the URL is resolved once for a placeholder id, which is then swapped for the real one."""
    placeholder = uuid.UUID(int=0)
    head, tail = site_url(reverse("badges:credential", args=[placeholder])).split(str(placeholder))
    return lambda public_id: f"{head}{public_id}{tail}"


def _shared(
    achievement: Achievement,
    awarded_by: Any,
    now: datetime | None,
    evidence: Sequence[Mapping[str, Any]] | None = None,
    suspendable: bool = False,
) -> _Shared:
    issued = (now or timezone.now()).replace(microsecond=0)
    key = active_key(achievement.issuer)
    return _Shared(
        achievement=achievement,
        issued=issued,
        valid_until=(
            issued + timedelta(days=achievement.validity_days)
            if achievement.validity_days
            else None
        ),
        awarded_by=awarded_by,
        key=key,
        private_key=key.private_key(),
        achievement_document=achievement_document(achievement),
        issuer_profile=ob3_issuer_profile(achievement.issuer),
        credential_url=_credential_url_maker(),
        evidence=tuple(dict(item) for item in evidence or ()),
        suspendable=suspendable,
    )


def _new_credential(
    learner: Learner,
    shared: _Shared,
    status_list: StatusList,
    index: int,
    list_url: str,
    emails: Mapping[int, str],
    suspension: tuple[StatusList, int, str] | None = None,
) -> Credential:
    """The signed, unsaved credential of one learner (``suspension``: its suspension list,
    index and the list's URL, for a suspendable credential)."""
    recipient = recipient_for(learner, emails)
    salt = new_salt()
    identity_hash = hash_identifier(recipient.value, salt)
    public_id = uuid.uuid4()
    document = build_credential(
        credential_url=shared.credential_url(public_id),
        achievement=shared.achievement,
        identity_type=recipient.identity_type,
        identity_hash=identity_hash,
        salt=salt,
        valid_from=shared.issued,
        valid_until=shared.valid_until,
        status_list_url=list_url,
        status_index=index,
        # Copies of two small objects, so that no two documents share a nested value.
        achievement_data=copy.deepcopy(shared.achievement_document),
        issuer_profile=copy.deepcopy(shared.issuer_profile),
        evidence=copy.deepcopy(list(shared.evidence)),
        suspension_list_url=suspension[2] if suspension else None,
        suspension_index=suspension[1] if suspension else None,
    )
    signed = add_proof(document, shared.private_key, shared.key.verification_method, shared.issued)
    return Credential(
        public_id=public_id,
        achievement=shared.achievement,
        learner=learner,
        recipient_type=recipient.identity_type,
        recipient_hash=identity_hash,
        recipient_salt=salt,
        issued_at=shared.issued,
        valid_from=shared.issued,
        valid_until=shared.valid_until,
        document=signed,
        status_list=status_list,
        status_index=index,
        suspension_list=suspension[0] if suspension else None,
        suspension_index=suspension[1] if suspension else None,
        awarded_by=shared.awarded_by,
    )


def _award_batch(learners: Sequence[Learner], shared: _Shared) -> list[AwardResult]:
    """Award ``shared.achievement`` to each of ``learners`` (distinct) exactly once. Call it
    inside a transaction.

    The learners already holding it are found in one query; the others get
    a block of status list indexes, are signed, and are inserted in one statement inside a
    savepoint. If that insert breaks the (learner, achievement) constraint, someone awarded
    one of them meanwhile: the savepoint (with its indexes) is rolled back and the batch is
    done again one learner at a time, where the constraint decides each learner alone.
    """
    achievement = shared.achievement
    held = {
        credential.learner_id: credential
        for credential in Credential.objects.current().filter(
            achievement=achievement, learner__in=[learner.pk for learner in learners]
        )
    }
    to_issue = [learner for learner in learners if learner.pk not in held]
    created: dict[int, Credential] = {}
    if to_issue:
        emails = recipients.emails_for(to_issue)  # one lookup for the whole batch
        try:
            with transaction.atomic():
                slots = allocate_indexes(achievement.issuer, len(to_issue))
                list_urls = {slot.pk: slot.url() for slot, _ in slots}
                suspensions: list[tuple[StatusList, int, str] | None] = [None] * len(to_issue)
                if shared.suspendable:
                    taken = allocate_indexes(achievement.issuer, len(to_issue), SUSPENSION)
                    urls = {slot.pk: slot.url() for slot, _ in taken}
                    suspensions = [(slot, index, urls[slot.pk]) for slot, index in taken]
                credentials = [
                    _new_credential(
                        learner, shared, slot, index, list_urls[slot.pk], emails, suspension
                    )
                    for learner, (slot, index), suspension in zip(
                        to_issue, slots, suspensions, strict=True
                    )
                ]
                Credential.objects.bulk_create(credentials)
        except IntegrityError:
            if len(learners) == 1:
                existing = Credential.objects.current().get(
                    learner=learners[0], achievement=achievement
                )
                return [AwardResult(existing, created=False)]
            return [_award_batch([learner], shared)[0] for learner in learners]
        created = {credential.learner_id: credential for credential in credentials}
    return [
        AwardResult(created[learner.pk], created=True)
        if learner.pk in created
        else AwardResult(held[learner.pk], created=False)
        for learner in learners
    ]


def award_many(
    learners: Iterable[Learner],
    achievement: Achievement,
    *,
    awarded_by: Any = None,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[list[AwardResult]], None] | None = None,
    evidence: Sequence[Mapping[str, Any]] | None = None,
    suspendable: bool = False,
) -> list[AwardResult]:
    """Award ``achievement`` to each learner exactly once; one result per distinct learner,
    in the order given.

    Works in batches of ``batch_size`` learners, each in its own transaction (see
    :func:`_award_batch`), all issued at the same time and signed with the same key.
    ``on_batch`` is called with each batch's results inside that batch's transaction, so
    that what it records (a bulk award's progress) commits with the credentials or not at all.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    distinct = list({learner.pk: learner for learner in learners}.values())
    if not distinct:
        return []
    shared = _shared(achievement, awarded_by, now, evidence, suspendable)
    results: list[AwardResult] = []
    for start in range(0, len(distinct), batch_size):
        with transaction.atomic():
            batch_results = _award_batch(distinct[start : start + batch_size], shared)
            if on_batch is not None:
                on_batch(batch_results)
        results.extend(batch_results)
    return results


def award(
    learner: Learner,
    achievement: Achievement,
    *,
    awarded_by: Any = None,
    now: datetime | None = None,
    evidence: Sequence[Mapping[str, Any]] | None = None,
    suspendable: bool = False,
) -> AwardResult:
    """Award ``achievement`` to ``learner`` exactly once and return the credential.

    ``evidence`` goes into the credential's ``evidence`` (public: nothing private in it);
    ``suspendable`` adds a suspension status list entry (see :func:`suspend`).

    A second call (or a concurrent one) returns the existing credential with
    ``created=False``: the unique constraint on (learner, achievement) decides, inside one
    transaction, and the losing attempt's work is rolled back to a savepoint.
    """
    return award_many(
        [learner],
        achievement,
        awarded_by=awarded_by,
        now=now,
        evidence=evidence,
        suspendable=suspendable,
    )[0]


def award_accreditation(learner: Learner, achievement: Achievement, assessor: Any) -> AwardResult:
    """An assessor awards an accreditation (an achievement "awarded by an assessor"), which
    can be suspended and reinstated like one accepted through the pathway."""
    if achievement.award_rule != AwardRule.ASSESSOR:
        raise AwardError(f"{achievement} is awarded automatically, not by an assessor")
    return award(learner, achievement, awarded_by=assessor, suspendable=True)


def award_accreditations(
    learners: Iterable[Learner],
    achievement: Achievement,
    assessor: Any,
    *,
    on_batch: Callable[[list[AwardResult]], None] | None = None,
) -> list[AwardResult]:
    """An assessor awards an accreditation to a cohort, in batches (see :func:`award_many`);
    each can be suspended."""
    if achievement.award_rule != AwardRule.ASSESSOR:
        raise AwardError(f"{achievement} is awarded automatically, not by an assessor")
    return award_many(
        learners, achievement, awarded_by=assessor, on_batch=on_batch, suspendable=True
    )


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


def award_step_badges(step: Any, learners: Iterable[Learner] | None = None) -> list[AwardResult]:
    """Award the step's badges to every learner who completed it (or to those of
    ``learners`` who did), in batches: for badges added to a step after learners completed it.

    The credentials are issued now (one issue time for the whole cohort, which is what lets
    them be signed in batches); learners holding a badge already keep theirs.
    """
    completions = StepCompletion.objects.filter(step_id=step.pk)
    if learners is not None:
        completions = completions.filter(learner__in=[learner.pk for learner in learners])
    cohort = list(Learner.objects.filter(pk__in=completions.values("learner_id")).order_by("pk"))
    results: list[AwardResult] = []
    for achievement in Achievement.objects.filter(
        step_id=step.pk, award_rule=AwardRule.STEP_COMPLETED
    ).select_related("issuer"):
        results.extend(award_many(cohort, achievement))
    return results


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


class SuspensionError(ValueError):
    """A credential cannot be suspended (it has no suspension entry) or reinstated."""


def suspend(credential: Credential, reason: str, now: datetime | None = None) -> Credential:
    """Suspend a credential: its suspension list bit is set until :func:`reinstate`.

    Only credentials issued ``suspendable`` have a suspension entry. Idempotent: a second call
    keeps the first time and updates the reason."""
    reason = reason.strip()
    if not reason:
        raise SuspensionError("a suspension needs a reason")
    if credential.suspension_list_id is None:
        raise SuspensionError("this credential was issued without a suspension status entry")
    credential.suspended_at = credential.suspended_at or now or timezone.now()
    credential.suspension_reason = reason
    credential.save(update_fields=["suspended_at", "suspension_reason"])
    return credential


def reinstate(credential: Credential) -> Credential:
    """Lift a suspension: the suspension bit is cleared; the credential is as it was."""
    if credential.suspended_at is None:
        raise SuspensionError("this credential is not suspended")
    credential.suspended_at = None
    credential.suspension_reason = ""
    credential.save(update_fields=["suspended_at", "suspension_reason"])
    return credential

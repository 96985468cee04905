"""A learner's whole record as one Comprehensive Learner Record 2.0 credential.

:func:`learner_record` gathers the learner's credentials as they are stored (each signed
OpenBadgeCredential exactly as issued, with its own proof), wraps them in a ``ClrCredential``
whose subject is a ``ClrSubject``, and signs the wrapper with the issuer's active Ed25519 key
(``eddsa-rdfc-2022``, as :mod:`badges.issuing` signs badges). Nothing is stored: the record
is assembled when the learner downloads it, so it always holds what stands at that moment.

- Revoked credentials are left out: the record says what the learner holds today.
- Expired credentials are included, with the dates they carry; a verifier reports each one.
- The record's own ``validFrom`` is the moment it was made; it has no ``validUntil``.
- The learner appears only as the badges identify them: a salted hash of their email (or of
  their public learner id when no email is known), freshly salted for the record.
- ``association`` entries say which badge comes before which: a step badge ``precedes`` the
  badge of every step that lists that step as a prerequisite, and apps that define other
  preconditions (an accreditation's required steps) add theirs through
  :func:`register_preconditions`.

The LTI tool offers the download on the learner's "My badges" page (``has_record`` decides
whether to show the link).
"""

from __future__ import annotations

import copy
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Final

from django.utils import timezone

from badges.dataintegrity import add_proof
from badges.dates import format_timestamp
from badges.issuing import ob3_issuer_profile, recipient_for
from badges.jsonld import CLR_CONTEXT_URL, CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL
from badges.models import Achievement, Credential, Issuer
from badges.signing import active_key, hash_identifier, new_salt
from hub.models import Learner, StepPage

__all__ = [
    "CLR_CONTEXT",
    "PRECEDES",
    "NothingToRecord",
    "Precondition",
    "has_record",
    "learner_record",
    "record_credentials",
    "register_preconditions",
]

#: The record's contexts: VC 2.0 first, then CLR 2.0 and the Open Badges 3.0 terms its
#: subject's achievements and identifier use. All four are bundled (:mod:`badges.jsonld`).
CLR_CONTEXT: Final = [CREDENTIALS_V2_URL, CLR_CONTEXT_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL]

#: CLR 2.0 association type: the source achievement comes before the target.
PRECEDES: Final = "precedes"

#: Given an achievement, the achievements that must come before it (see
#: :func:`register_preconditions`).
Precondition = Callable[[Achievement], Iterable[Achievement]]

_preconditions: list[Precondition] = []


class NothingToRecord(LookupError):
    """The learner holds no credential that a record could include."""


def register_preconditions(provider: Precondition) -> None:
    """Add a source of preconditions between achievements (once), for the ``association``
    list of records. An app that decides what an accreditation requires (its required steps,
    say) registers one from its ``AppConfig.ready()``; badges never imports it."""
    if provider not in _preconditions:
        _preconditions.append(provider)


def record_credentials(learner: Learner) -> list[Credential]:
    """The credentials a record of ``learner`` includes: every one not revoked and not replaced
    by a renewal, oldest first."""
    return list(
        Credential.objects.active()
        .current()
        .filter(learner=learner)
        .select_related("achievement__issuer", "achievement__step")
        .order_by("issued_at", "pk")
    )


def has_record(learner: Learner) -> bool:
    """Whether the learner holds anything a record would include."""
    return Credential.objects.active().current().filter(learner=learner).exists()


def _publisher(credentials: Sequence[Credential]) -> Issuer:
    """The issuer that signs the record: the one that issued most of its credentials (the
    first such issuer by name when several issued as many)."""
    counts = Counter(credential.achievement.issuer for credential in credentials)
    return min(counts, key=lambda issuer: (-counts[issuer], issuer.name, issuer.pk))


def _achievement_id(credential: Credential) -> str | None:
    subject = credential.document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    identifier = achievement.get("id") if isinstance(achievement, dict) else None
    return identifier if isinstance(identifier, str) else None


def _step_prerequisites(credentials: Sequence[Credential]) -> dict[int, set[int]]:
    """For each step of the record's achievements, the steps it requires (one query)."""
    steps = {c.achievement.step_id for c in credentials if c.achievement.step_id is not None}
    required: dict[int, set[int]] = {}
    links = StepPage.prerequisites.through.objects.filter(from_steppage_id__in=steps)
    for step_id, prerequisite_id in links.values_list("from_steppage_id", "to_steppage_id"):
        required.setdefault(step_id, set()).add(prerequisite_id)
    return required


def _associations(credentials: Sequence[Credential]) -> list[dict[str, Any]]:
    """``precedes`` associations between achievements of the record, in a stable order."""
    ids = {credential.achievement_id: _achievement_id(credential) for credential in credentials}
    by_step: dict[int, set[int]] = {}
    for credential in credentials:
        if credential.achievement.step_id is not None:
            by_step.setdefault(credential.achievement.step_id, set()).add(credential.achievement_id)
    prerequisites = _step_prerequisites(credentials)
    pairs: set[tuple[str, str]] = set()
    for credential in credentials:
        achievement = credential.achievement
        target = ids[achievement.id]
        if target is None:
            continue
        before: set[int] = set()
        for step_id in prerequisites.get(achievement.step_id or 0, set()):
            before |= by_step.get(step_id, set())
        for provider in _preconditions:
            before |= {required.pk for required in provider(achievement)}
        for achievement_id in before:
            source = ids.get(achievement_id)
            if source is not None and source != target:
                pairs.add((source, target))
    return [
        {
            "type": "Association",
            "associationType": PRECEDES,
            "sourceId": source,
            "targetId": target,
        }
        for source, target in sorted(pairs)
    ]


def _achievements(credentials: Sequence[Credential]) -> list[dict[str, Any]]:
    """Each distinct achievement of the record, as its credential states it."""
    seen: set[str] = set()
    listed: list[dict[str, Any]] = []
    for credential in credentials:
        achievement = credential.document.get("credentialSubject", {}).get("achievement")
        identifier = _achievement_id(credential)
        if identifier is None or identifier in seen:
            continue
        seen.add(identifier)
        listed.append(copy.deepcopy(achievement))
    return listed


def build_record(
    learner: Learner,
    credentials: Sequence[Credential],
    issuer: Issuer,
    issued: datetime,
    record_id: str,
) -> dict[str, Any]:
    """The unsigned ClrCredential of ``credentials`` (which must not be empty)."""
    if not credentials:
        raise NothingToRecord(f"{learner} holds no credential to put in a record")
    recipient = recipient_for(learner)
    salt = new_salt()
    subject: dict[str, Any] = {
        "type": ["ClrSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": hash_identifier(recipient.value, salt),
                "identityType": str(recipient.identity_type),
                "hashed": True,
                "salt": salt,
            }
        ],
        "verifiableCredential": [credential.document for credential in credentials],
        "achievement": _achievements(credentials),
    }
    associations = _associations(credentials)
    if associations:
        subject["association"] = associations
    return {
        "@context": list(CLR_CONTEXT),
        "id": record_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": f"Record of achievement from {issuer.name}",
        "description": (
            "The programme steps completed and the accreditations held, each as its issuer "
            "signed it. Badges the issuer has withdrawn are left out; expired ones keep their "
            "dates."
        ),
        "issuer": ob3_issuer_profile(issuer),
        "validFrom": format_timestamp(issued),
        "credentialSubject": subject,
    }


def learner_record(learner: Learner, now: datetime | None = None) -> dict[str, Any]:
    """The learner's whole record, signed: a ClrCredential wrapping their credentials.

    Raises :class:`NothingToRecord` when the learner holds no credential that is not revoked.
    """
    credentials = record_credentials(learner)
    if not credentials:
        raise NothingToRecord(f"{learner} holds no credential to put in a record")
    issuer = _publisher(credentials)
    issued = (now or timezone.now()).replace(microsecond=0)
    document = build_record(learner, credentials, issuer, issued, f"urn:uuid:{uuid.uuid4()}")
    key = active_key(issuer)
    return add_proof(document, key.private_key(), key.verification_method, issued)

"""Verifying a whole learner record (a CLR 2.0 ``ClrCredential``) and every badge inside it.

:func:`verify_submission` is what the verification page and API call: a ``ClrCredential`` gets
a :class:`RecordVerification`, anything else goes to :func:`badges.verify.verify_credential`
as before. A record is checked in two layers:

1. the record itself: format (a ``ClrCredential`` naming only bundled contexts, with a
   ``ClrSubject`` holding at most :data:`MAX_RECORD_CREDENTIALS` credentials), its own
   ``eddsa-rdfc-2022`` proof (which covers every embedded credential as it stands), its
   validity dates and its issuer;
2. each embedded credential on its own, with every Open Badges step (its own proof, its
   status in the issuer's status list, its dates, its issuer), exactly as if it had been
   checked alone.

The overall verdict is valid only when the record and every badge in it are. A genuine record
holding a badge that no longer counts (revoked, suspended, expired) is reported as such, with
each badge's own verdict. Records carry no status entry of their own: this site never issues
one, so a record is only ever withdrawn through the badges inside it.

As with single badges, what a record says about itself is a fact only when its signature is
genuine (:attr:`RecordVerification.facts`); otherwise it is an unverified claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from badges.dataintegrity import FailureCode, verify_proof
from badges.dates import parse_timestamp
from badges.jsonld import BUNDLED_CONTEXTS, CLR_CONTEXT_URL, CREDENTIALS_V2_URL
from badges.models import Issuer
from badges.signing import identifier_matches, resolve_key
from badges.verify import (
    Check,
    CredentialSource,
    UnreadableCredential,
    Verdict,
    Verification,
    read_credential,
    verify_credential,
)

__all__ = [
    "MAX_RECORD_CREDENTIALS",
    "RecordVerdict",
    "RecordVerification",
    "is_record",
    "verify_record",
    "verify_submission",
]

#: A learner of this programme holds a dozen badges at most; the cap keeps the work of checking
#: one submitted record (one signature check per badge) bounded.
MAX_RECORD_CREDENTIALS: Final = 50


class RecordVerdict(StrEnum):
    VALID = "valid"
    NOT_ALL_CURRENT = "not_all_current"
    TAMPERED = "tampered"
    UNKNOWN_ISSUER = "unknown_issuer"
    INVALID = "invalid"
    WRONG_RECIPIENT = "wrong_recipient"


RECORD_VERDICT_TEXT: dict[RecordVerdict, str] = {
    RecordVerdict.VALID: "Valid: this learner record is genuine and unchanged, and every badge "
    "in it is genuine, current and not revoked.",
    RecordVerdict.NOT_ALL_CURRENT: "Genuine record, but not every badge in it counts today",
    RecordVerdict.TAMPERED: "Tampered: this learner record, or a badge inside it, was changed "
    "after it was issued, or a signature is not genuine.",
    RecordVerdict.UNKNOWN_ISSUER: "Unknown issuer: this learner record, or a badge inside it, "
    "was not signed by an issuer this site knows.",
    RecordVerdict.INVALID: "Not a record we can check: it is not a well-formed Comprehensive "
    "Learner Record 2.0 credential, or a badge inside it is not well-formed.",
    RecordVerdict.WRONG_RECIPIENT: "Genuine record, but it was not issued to the email "
    "address given.",
}

#: How each badge verdict is counted in the overall sentence, in this order.
_NOT_CURRENT_WORDS: Final = (
    (Verdict.REVOKED, "revoked"),
    ("suspended", "suspended"),
    (Verdict.EXPIRED, "expired"),
    (Verdict.NOT_YET_VALID, "not yet valid"),
    (Verdict.WRONG_RECIPIENT, "issued to someone else"),
)

_RECORD_CHECKS: Final = (
    ("proof", "Signature of the record"),
    ("dates", "Validity dates of the record"),
    ("issuer", "Issuer and signing key of the record"),
    ("contents", "Badges in the record"),
)
_KEY_FAILURES: Final = {FailureCode.KEY_NOT_FOUND, FailureCode.CONTROLLER_MISMATCH}


@dataclass
class RecordVerification:
    """The report of one record: its own checks and one :class:`Verification` per badge."""

    verdict: RecordVerdict
    checks: list[Check]
    credentials: list[Verification] = field(default_factory=list)
    document: dict[str, Any] | None = None
    recipient_match: bool | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """What was verified: a learner record (a single badge's report has no kind)."""
        return "clr"

    @property
    def not_current(self) -> dict[str, int]:
        """How many badges of each kind that does not count today ("revoked": 1, ...)."""
        counts = Counter(str(report.verdict) for report in self.credentials)
        return {words: counts[str(key)] for key, words in _NOT_CURRENT_WORDS if counts[str(key)]}

    @property
    def verdict_text(self) -> str:
        text = RECORD_VERDICT_TEXT[self.verdict]
        if self.verdict != RecordVerdict.NOT_ALL_CURRENT:
            return text
        parts = [
            f"{count} {'badge' if count == 1 else 'badges'} {words}"
            for words, count in self.not_current.items()
        ]
        if not parts:  # the record itself is not valid today
            return f"{text}: the record itself is outside its validity dates."
        return f"{text}: {', '.join(parts)}."

    @property
    def is_valid(self) -> bool:
        return self.verdict == RecordVerdict.VALID

    @property
    def signature_verified(self) -> bool:
        """Whether the record's issuer really signed it (every badge inside included)."""
        return any(check.key == "proof" and check.passed for check in self.checks)

    @property
    def facts(self) -> dict[str, Any]:
        return self.summary if self.signature_verified else {}

    @property
    def unverified_claims(self) -> dict[str, Any]:
        return {} if self.signature_verified else self.summary

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "verdict": str(self.verdict),
            "verdict_text": self.verdict_text,
            "valid": self.is_valid,
            "recipient_match": self.recipient_match,
            "summary": self.facts,
            "unverified_claims": self.unverified_claims,
            "checks": [
                {"key": c.key, "label": c.label, "passed": c.passed, "detail": c.detail}
                for c in self.checks
            ],
            "credentials": [report.as_dict() for report in self.credentials],
        }


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def is_record(document: Mapping[str, Any]) -> bool:
    """Whether a document says it is a CLR 2.0 ``ClrCredential``."""
    return "ClrCredential" in _types(document.get("type"))


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _embedded(document: Mapping[str, Any]) -> list[Any]:
    subject = document.get("credentialSubject")
    embedded = subject.get("verifiableCredential") if isinstance(subject, Mapping) else None
    if isinstance(embedded, Mapping):
        return [embedded]
    return embedded if isinstance(embedded, list) else []


def _format_problems(document: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != CREDENTIALS_V2_URL:
        problems.append(f"@context must be a list starting with {CREDENTIALS_V2_URL}")
    else:
        unknown = [c for c in contexts if not isinstance(c, str) or c not in BUNDLED_CONTEXTS]
        if unknown:
            problems.append(f"unknown JSON-LD context(s): {', '.join(map(str, unknown))}")
        if CLR_CONTEXT_URL not in contexts:
            problems.append(f"@context must include {CLR_CONTEXT_URL}")
    types = _types(document.get("type"))
    if "VerifiableCredential" not in types or "ClrCredential" not in types:
        problems.append("type must include VerifiableCredential and ClrCredential")
    if not isinstance(document.get("id"), str):
        problems.append("id must be a URI")
    if not isinstance(document.get("name"), str) or not document.get("name"):
        problems.append("name is required")
    if _issuer_id(document) is None:
        problems.append("issuer must have an id")
    if parse_timestamp(document.get("validFrom")) is None:
        problems.append("validFrom must be a date-time with a time zone")
    if "validUntil" in document and parse_timestamp(document["validUntil"]) is None:
        problems.append("validUntil must be a date-time with a time zone")
    subject = document.get("credentialSubject")
    if not isinstance(subject, Mapping):
        problems.append("credentialSubject must be an object")
    else:
        if "ClrSubject" not in _types(subject.get("type")):
            problems.append("credentialSubject type must include ClrSubject")
        embedded = _embedded(document)
        if not embedded:
            problems.append("credentialSubject.verifiableCredential must list the credentials")
        elif len(embedded) > MAX_RECORD_CREDENTIALS:
            problems.append(
                f"the record holds {len(embedded)} credentials; at most "
                f"{MAX_RECORD_CREDENTIALS} are checked"
            )
        elif not all(isinstance(item, Mapping) for item in embedded):
            problems.append(
                "each entry of credentialSubject.verifiableCredential must be an object"
            )
    if "proof" not in document:
        problems.append("the record has no proof")
    return problems


def _summary(document: Mapping[str, Any]) -> dict[str, Any]:
    issuer = document.get("issuer")
    issuer = issuer if isinstance(issuer, Mapping) else {"id": issuer}
    return {
        "record_id": document.get("id"),
        "record_name": document.get("name"),
        "record_description": document.get("description"),
        "issuer_id": issuer.get("id"),
        "issuer_name": issuer.get("name"),
        "issuer_url": issuer.get("url"),
        "valid_from": document.get("validFrom"),
        "valid_until": document.get("validUntil"),
        "credential_count": str(len(_embedded(document))),
    }


def _dates(document: Mapping[str, Any], now: datetime) -> Check:
    label = "Validity dates of the record"
    valid_from = parse_timestamp(document.get("validFrom"))
    valid_until = parse_timestamp(document.get("validUntil"))
    if valid_from is None:
        return Check("dates", label, False, "No valid validFrom date.")
    if now < valid_from:
        return Check("dates", label, False, f"Only valid from {document['validFrom']}.")
    if valid_until is not None and now >= valid_until:
        return Check("dates", label, False, f"Expired on {document['validUntil']}.")
    return Check("dates", label, True, f"Issued on {document['validFrom']}.")


def _contents(reports: list[Verification]) -> Check:
    label = "Badges in the record"
    valid = sum(report.is_valid for report in reports)
    total = len(reports)
    if valid == total:
        detail = f"All {total} badges are valid." if total != 1 else "The badge is valid."
        return Check("contents", label, True, detail)
    counts = Counter(str(report.verdict) for report in reports if not report.is_valid)
    listed = ", ".join(f"{count} {verdict.replace('_', ' ')}" for verdict, count in counts.items())
    return Check("contents", label, False, f"{valid} of {total} badges are valid; {listed}.")


def _recipient(document: Mapping[str, Any], email: str) -> bool:
    subject = document.get("credentialSubject")
    identifiers = subject.get("identifier") if isinstance(subject, Mapping) else None
    for identifier in identifiers if isinstance(identifiers, list) else [identifiers]:
        if (
            isinstance(identifier, Mapping)
            and identifier.get("hashed") is True
            and isinstance(identifier.get("identityHash"), str)
            and identifier_matches(email, identifier["identityHash"], identifier.get("salt", ""))
        ):
            return True
    return False


def _overall(
    proof_check: Check,
    issuer_check: Check,
    proof_failure: FailureCode | None,
    dates_check: Check,
    reports: list[Verification],
) -> RecordVerdict:
    if not proof_check.passed:
        if proof_failure == FailureCode.UNKNOWN_CONTEXT:
            return RecordVerdict.INVALID
        if proof_failure in _KEY_FAILURES or issuer_check.passed is False:
            return RecordVerdict.UNKNOWN_ISSUER
        return RecordVerdict.TAMPERED
    verdicts = {report.verdict for report in reports}
    if Verdict.TAMPERED in verdicts:
        return RecordVerdict.TAMPERED
    if Verdict.UNKNOWN_ISSUER in verdicts:
        return RecordVerdict.UNKNOWN_ISSUER
    if Verdict.INVALID in verdicts:
        return RecordVerdict.INVALID
    # A badge for another email is judged with the record's own recipient, below.
    if not dates_check.passed or any(
        not report.is_valid and report.verdict != Verdict.WRONG_RECIPIENT for report in reports
    ):
        return RecordVerdict.NOT_ALL_CURRENT
    return RecordVerdict.VALID


def verify_record(
    document: Mapping[str, Any], *, email: str | None = None, now: datetime | None = None
) -> RecordVerification:
    """Verify a ClrCredential and each credential inside it. Never raises for bad input."""
    when = now or datetime.now(UTC)
    checks: list[Check] = []
    report = RecordVerification(
        RecordVerdict.VALID, checks, document=dict(document), summary=_summary(document)
    )
    problems = _format_problems(document)
    checks.append(
        Check(
            "format",
            "Format and schema of the record",
            not problems,
            "; ".join(problems) or "A well-formed Comprehensive Learner Record 2.0 credential.",
        )
    )
    if problems:
        report.verdict = RecordVerdict.INVALID
        checks.extend(
            Check(key, label, None, "Not checked: the record is not well-formed.")
            for key, label in _RECORD_CHECKS
        )
        return report

    proof = verify_proof(document, resolve_key, now=when)
    issuer_id = _issuer_id(document)
    if proof.verified:
        proof_check = Check(
            "proof",
            "Signature of the record",
            True,
            "The record's signature is genuine: nothing in it, the badges included, has "
            "changed since it was issued.",
        )
    elif proof.failure in _KEY_FAILURES:
        proof_check = Check(
            "proof", "Signature of the record", None, "Not checked: " + proof.reason
        )
    else:
        proof_check = Check("proof", "Signature of the record", False, proof.reason)
    checks.append(proof_check)

    dates_check = _dates(document, when)
    checks.append(dates_check)

    known_issuer = any(issuer.profile_url() == issuer_id for issuer in Issuer.objects.all())
    label = "Issuer and signing key of the record"
    if proof.verified:
        issuer_check = Check(
            "issuer", label, True, f"Signed with a key published by the issuer ({issuer_id})."
        )
    elif proof.failure in _KEY_FAILURES or not known_issuer:
        detail = proof.reason if known_issuer else f"{issuer_id} is not an issuer we know."
        issuer_check = Check("issuer", label, False, detail)
    else:
        issuer_check = Check("issuer", label, None, "Not checked: the signature failed.")
    checks.append(issuer_check)

    report.credentials = [
        verify_credential(dict(embedded), email=email, now=when) for embedded in _embedded(document)
    ]
    checks.append(_contents(report.credentials))

    report.verdict = _overall(
        proof_check, issuer_check, proof.failure, dates_check, report.credentials
    )
    if email:
        report.recipient_match = _recipient(document, email)
        checks.append(
            Check(
                "recipient",
                "Issued to the email given",
                report.recipient_match,
                "The email matches the record's hashed recipient."
                if report.recipient_match
                else "The email does not match the record's recipient.",
            )
        )
        if report.verdict == RecordVerdict.VALID and not report.recipient_match:
            report.verdict = RecordVerdict.WRONG_RECIPIENT
        elif report.verdict == RecordVerdict.VALID and any(
            badge.verdict == Verdict.WRONG_RECIPIENT for badge in report.credentials
        ):
            # The record is the learner's, but a badge inside it was issued to someone else.
            report.verdict = RecordVerdict.NOT_ALL_CURRENT
    return report


def verify_submission(
    source: CredentialSource, *, email: str | None = None, now: datetime | None = None
) -> Verification | RecordVerification:
    """Verify what a partner submitted: a learner record or a single badge. Never raises for
    bad input: what cannot be read gets :func:`verify_credential`'s report saying why."""
    try:
        document = read_credential(source)
    except UnreadableCredential:
        return verify_credential(source, email=email, now=now)
    if is_record(document):
        return verify_record(document, email=email, now=now)
    return verify_credential(document, email=email, now=now)

"""Verification: from a credential in hand to a report a partner can read.

:func:`verify_credential` takes a credential as parsed JSON, JSON text, the URL of a credential
issued by this site, or the bytes of a baked PNG/SVG image, and runs the Open Badges 3.0
verification steps in order:

1. format and schema: a VC Data Model 2.0 ``OpenBadgeCredential`` with the required fields,
   naming only bundled contexts;
2. proof: the ``eddsa-rdfc-2022`` Data Integrity proof;
3. status: the credential's bits in its Bitstring Status Lists (revocation, and suspension
   for credentials that can be suspended);
4. validity dates: ``validFrom`` and ``validUntil`` against now;
5. issuer and key controller: the issuer is known here and controls the signing key.

The result is a :class:`Verification` with one :class:`Check` per step and a plain-language
:class:`Verdict`. An optional email is compared with the credential's salted identity hash; it
is neither stored nor returned. Nothing is fetched from the network: URLs and status lists are
resolved against this site's database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from badges.baking import BakingError, extract_credential
from badges.dataintegrity import FailureCode, verify_proof
from badges.dates import parse_timestamp
from badges.jsonld import BUNDLED_CONTEXTS, CREDENTIALS_V2_URL, OB3_CONTEXT_URL
from badges.models import Credential, Issuer, StatusList, site_url
from badges.signing import identifier_matches, resolve_key
from badges.statuslist import StatusListError, bit_is_set, decode_list, encode_list, set_indexes
from badges.untrusted import UntrustedJSONError, parse_json_object

__all__ = [
    "Check",
    "CredentialNotHere",
    "CredentialSource",
    "UnreadableCredential",
    "Verdict",
    "Verification",
    "read_credential",
    "verify_credential",
]

CredentialSource = Mapping[str, Any] | str | bytes


class Verdict(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    TAMPERED = "tampered"
    UNKNOWN_ISSUER = "unknown_issuer"
    INVALID = "invalid"
    WRONG_RECIPIENT = "wrong_recipient"


VERDICT_TEXT: dict[Verdict, str] = {
    Verdict.VALID: "Valid: this badge is genuine, unchanged, current and not revoked.",
    Verdict.EXPIRED: "Expired: this badge was genuine but is no longer valid.",
    Verdict.NOT_YET_VALID: "Not yet valid: this badge only becomes valid later.",
    Verdict.REVOKED: "Revoked: the issuer has withdrawn this badge.",
    Verdict.SUSPENDED: "Suspended: the issuer has suspended this badge for now; it is not "
    "valid while the suspension lasts.",
    Verdict.TAMPERED: "Tampered: this badge was changed after it was issued, or its "
    "signature is not genuine.",
    Verdict.UNKNOWN_ISSUER: "Unknown issuer: this badge was not signed by an issuer this "
    "site knows.",
    Verdict.INVALID: "Not a badge we can check: it is not a well-formed Open Badges 3.0 "
    "credential.",
    Verdict.WRONG_RECIPIENT: "Genuine badge, but it was not issued to the email address given.",
}


@dataclass
class Check:
    """One verification step. ``passed`` is None when the step could not be run."""

    key: str
    label: str
    passed: bool | None
    detail: str


@dataclass
class Verification:
    """The report of one verification."""

    verdict: Verdict
    checks: list[Check]
    credential: dict[str, Any] | None = None
    revocation_reason: str = ""
    suspension_reason: str = ""
    recipient_match: bool | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict_text(self) -> str:
        return VERDICT_TEXT[self.verdict]

    @property
    def is_valid(self) -> bool:
        return self.verdict == Verdict.VALID

    @property
    def signature_verified(self) -> bool:
        """Whether the issuer really signed these fields. Only then are they facts about the
        badge (it may still be revoked or expired); otherwise they are claims anyone could
        have typed, and are never presented as facts."""
        return any(check.key == "proof" and check.passed for check in self.checks)

    @property
    def facts(self) -> dict[str, Any]:
        """The credential's fields, when its signature is genuine."""
        return self.summary if self.signature_verified else {}

    @property
    def unverified_claims(self) -> dict[str, Any]:
        """What a credential that failed verification says about itself."""
        return {} if self.signature_verified else self.summary

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": str(self.verdict),
            "verdict_text": self.verdict_text,
            "valid": self.is_valid,
            "revocation_reason": self.revocation_reason,
            "suspension_reason": self.suspension_reason,
            "recipient_match": self.recipient_match,
            "summary": self.facts,
            "unverified_claims": self.unverified_claims,
            "checks": [
                {"key": c.key, "label": c.label, "passed": c.passed, "detail": c.detail}
                for c in self.checks
            ],
        }


class UnreadableCredential(ValueError):
    """The input holds no credential we can read; the message says why, in plain words."""


class CredentialNotHere(UnreadableCredential):
    """A URL that this site did not issue (nothing is fetched from elsewhere)."""


def _local_view(url: str) -> tuple[str, dict[str, Any]] | None:
    """(URL name, kwargs) of a URL on this site, or None."""
    parts = urlsplit(url)
    site = urlsplit(site_url("/"))
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def read_credential(source: CredentialSource) -> dict[str, Any]:
    """The credential document in a source, or :class:`UnreadableCredential` saying why there
    is none. JSON is read within :mod:`badges.untrusted`'s size and depth limits and images
    through :func:`badges.baking.extract_credential`'s bounded reader, so no input, however
    hostile, gets further than a refusal."""
    if isinstance(source, Mapping):
        return dict(source)
    if isinstance(source, bytes):
        stripped = source.lstrip()
        if stripped.startswith(b"{"):
            return read_credential(stripped.decode("utf-8", errors="replace"))
        try:
            extracted = extract_credential(source)
        except BakingError as error:
            raise UnreadableCredential(f"this image is not a valid baked badge: {error}") from None
        return read_credential(extracted)
    if isinstance(source, str):
        text = source.strip()
        if text.startswith("{"):
            try:
                return parse_json_object(text)
            except UntrustedJSONError as error:
                raise UnreadableCredential(str(error)) from None
        if text.startswith(("https://", "http://")):
            view = _local_view(text)
            if view is None or view[0] != "badges:credential":
                raise CredentialNotHere(
                    "only credential URLs of this site can be checked by URL; paste the "
                    "credential's JSON or upload its image instead"
                )
            credential = Credential.objects.filter(public_id=view[1]["public_id"]).first()
            if credential is None:
                raise CredentialNotHere("this site has no credential at that URL")
            return dict(credential.document)
        if text.count(".") == 2:
            raise UnreadableCredential(
                "JWT-secured credentials are not supported; use the JSON form"
            )
        raise UnreadableCredential("paste a credential URL or its JSON")
    raise UnreadableCredential(f"cannot read a credential from {type(source).__name__}")


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _format_problems(document: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != CREDENTIALS_V2_URL:
        problems.append(f"@context must be a list starting with {CREDENTIALS_V2_URL}")
    else:
        unknown = [c for c in contexts if not isinstance(c, str) or c not in BUNDLED_CONTEXTS]
        if unknown:
            problems.append(f"unknown JSON-LD context(s): {', '.join(map(str, unknown))}")
        if OB3_CONTEXT_URL not in contexts:
            problems.append(f"@context must include {OB3_CONTEXT_URL}")
    types = _types(document.get("type"))
    if "VerifiableCredential" not in types or not (
        {"OpenBadgeCredential", "AchievementCredential"} & set(types)
    ):
        problems.append("type must include VerifiableCredential and OpenBadgeCredential")
    if not isinstance(document.get("id", ""), str):
        problems.append("id must be a URI")
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
        if "AchievementSubject" not in _types(subject.get("type")):
            problems.append("credentialSubject type must include AchievementSubject")
        achievement = subject.get("achievement")
        if not isinstance(achievement, Mapping):
            problems.append("credentialSubject.achievement must be an object")
        else:
            for name in ("id", "name", "description", "criteria"):
                if not achievement.get(name):
                    problems.append(f"achievement.{name} is required")
            if "Achievement" not in _types(achievement.get("type")):
                problems.append("achievement type must include Achievement")
        if not subject.get("id") and not subject.get("identifier"):
            problems.append("credentialSubject needs an id or an identifier")
    if "proof" not in document:
        problems.append("the credential has no proof")
    return problems


def _summary(document: Mapping[str, Any]) -> dict[str, Any]:
    issuer = document.get("issuer")
    issuer = issuer if isinstance(issuer, Mapping) else {"id": issuer}
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    achievement = achievement if isinstance(achievement, Mapping) else {}
    criteria = achievement.get("criteria")
    criteria = criteria if isinstance(criteria, Mapping) else {}
    image = achievement.get("image")
    return {
        "credential_id": document.get("id"),
        "issuer_id": issuer.get("id"),
        "issuer_name": issuer.get("name"),
        "issuer_url": issuer.get("url"),
        "achievement_id": achievement.get("id"),
        "achievement_name": achievement.get("name"),
        "achievement_type": achievement.get("achievementType"),
        "achievement_description": achievement.get("description"),
        "achievement_image": image.get("id") if isinstance(image, Mapping) else image,
        "criteria_narrative": criteria.get("narrative"),
        "criteria_url": criteria.get("id"),
        "valid_from": document.get("validFrom"),
        "valid_until": document.get("validUntil"),
        "evidence": _evidence_names(document.get("evidence")),
    }


def _evidence_names(evidence: Any) -> list[dict[str, str]]:
    """The credential's evidence, as (name, narrative) pairs to show."""
    items = evidence if isinstance(evidence, list) else [evidence] if evidence else []
    shown = []
    for item in items:
        if isinstance(item, Mapping):
            name, narrative = item.get("name"), item.get("narrative") or item.get("description")
            shown.append(
                {
                    "name": name if isinstance(name, str) else "Evidence",
                    "narrative": narrative if isinstance(narrative, str) else "",
                }
            )
    return shown


@dataclass
class _Status:
    check: Check
    revocation_reason: str | None = None  # set when revoked
    suspension_reason: str | None = None  # set when suspended


def _listed(entry: Mapping[str, Any]) -> tuple[StatusList | None, Credential | None, bool]:
    """(our status list, the credential at the entry's index, whether its bit is set)."""
    list_url = entry.get("statusListCredential")
    view = _local_view(list_url) if isinstance(list_url, str) else None
    status_list = (
        StatusList.objects.filter(public_id=view[1]["public_id"]).first()
        if view and view[0] == "badges:status-list"
        else None
    )
    if status_list is None:
        return None, None, False
    index = int(entry.get("statusListIndex", ""))
    bits = decode_list(encode_list(set_indexes(status_list), status_list.length))
    if not bit_is_set(bits, index):
        return status_list, None, False
    if status_list.purpose == "suspension":
        found = Credential.objects.filter(
            suspension_list=status_list, suspension_index=index
        ).first()
    else:
        found = Credential.objects.filter(status_list=status_list, status_index=index).first()
    return status_list, found, True


def _status(document: Mapping[str, Any]) -> _Status:
    """The status step: each revocation and suspension entry looked up in our lists."""
    label = "Status (not revoked)"
    entries = document.get("credentialStatus")
    if entries is None:
        return _Status(Check("status", label, True, "The credential has no status list entry."))
    checked: list[str] = []
    suspended: str | None = None
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, Mapping) or entry.get("type") != "BitstringStatusListEntry":
            return _Status(Check("status", label, False, "Unsupported credentialStatus entry."))
        purpose = entry.get("statusPurpose")
        if purpose not in ("revocation", "suspension"):
            continue
        try:
            status_list, credential, is_set = _listed(entry)
        except (ValueError, StatusListError) as error:
            return _Status(Check("status", label, False, f"Bad status entry: {error}"))
        if status_list is None:
            return _Status(Check("status", label, None, "The status list is not one of ours."))
        if status_list.purpose != purpose:
            return _Status(
                Check("status", label, False, "The entry's purpose differs from its list's.")
            )
        checked.append(str(purpose))
        if is_set and purpose == "revocation":
            reason = credential.revocation_reason if credential else ""
            detail = "Revoked by the issuer" + (f": {reason}" if reason else ".")
            return _Status(Check("status", label, False, detail), reason or "No reason given.")
        if is_set:
            suspended = (credential.suspension_reason if credential else "") or "No reason given."
    if suspended is not None:
        detail = f"Suspended by the issuer: {suspended}"
        return _Status(Check("status", label, False, detail), suspension_reason=suspended)
    if not checked:
        return _Status(Check("status", label, True, "No revocation status entry."))
    if "suspension" in checked:
        detail = "Not revoked and not suspended (status lists checked)."
    else:
        detail = "Not revoked (status list checked)."
    return _Status(Check("status", label, True, detail))


def _dates(document: Mapping[str, Any], now: datetime) -> tuple[Check, Verdict | None]:
    label = "Validity dates"
    valid_from = parse_timestamp(document.get("validFrom"))
    valid_until = parse_timestamp(document.get("validUntil"))
    if valid_from is None:
        return Check("dates", label, False, "No valid validFrom date."), Verdict.INVALID
    if now < valid_from:
        return (
            Check("dates", label, False, f"Only valid from {document['validFrom']}."),
            Verdict.NOT_YET_VALID,
        )
    if valid_until is not None and now >= valid_until:
        return (
            Check("dates", label, False, f"Expired on {document['validUntil']}."),
            Verdict.EXPIRED,
        )
    until = f" until {document['validUntil']}" if valid_until else ", with no expiry date"
    return Check("dates", label, True, f"Valid from {document['validFrom']}{until}."), None


def _recipient(document: Mapping[str, Any], email: str) -> bool:
    subject = document.get("credentialSubject")
    identifiers = subject.get("identifier") if isinstance(subject, Mapping) else None
    for identifier in identifiers if isinstance(identifiers, list) else [identifiers]:
        if (
            isinstance(identifier, Mapping)
            and identifier.get("identityType") == "emailAddress"
            and identifier.get("hashed") is True
            and isinstance(identifier.get("identityHash"), str)
            and identifier_matches(email, identifier["identityHash"], identifier.get("salt", ""))
        ):
            return True
    return False


_LATER_CHECKS = (
    ("proof", "Signature"),
    ("status", "Status (not revoked)"),
    ("dates", "Validity dates"),
    ("issuer", "Issuer and signing key"),
)
_KEY_FAILURES = {FailureCode.KEY_NOT_FOUND, FailureCode.CONTROLLER_MISMATCH}


def verify_credential(
    source: CredentialSource, *, email: str | None = None, now: datetime | None = None
) -> Verification:
    """Verify a credential and report each step and the verdict. Never raises for bad input."""
    when = now or datetime.now(UTC)
    try:
        document = read_credential(source)
    except CredentialNotHere as error:
        check = Check("format", "Format and schema", False, str(error))
        return Verification(Verdict.UNKNOWN_ISSUER, [check])
    except UnreadableCredential as error:
        check = Check("format", "Format and schema", False, str(error))
        return Verification(Verdict.INVALID, [check])

    checks: list[Check] = []
    report = Verification(Verdict.VALID, checks, credential=document, summary=_summary(document))

    problems = _format_problems(document)
    checks.append(
        Check(
            "format",
            "Format and schema",
            not problems,
            "; ".join(problems) or "A well-formed Open Badges 3.0 credential.",
        )
    )
    if problems:
        report.verdict = Verdict.INVALID
        checks.extend(
            Check(key, label, None, "Not checked: the credential is not well-formed.")
            for key, label in _LATER_CHECKS
        )
        return report

    proof = verify_proof(document, resolve_key, now=when)
    issuer_id = _issuer_id(document)
    if proof.verified:
        checks.append(Check("proof", "Signature", True, "The signature is genuine."))
    elif proof.failure in _KEY_FAILURES:
        checks.append(Check("proof", "Signature", None, "Not checked: " + proof.reason))
    else:
        checks.append(Check("proof", "Signature", False, proof.reason))

    status = _status(document)
    status_check, reason = status.check, status.revocation_reason
    checks.append(status_check)
    dates_check, dates_verdict = _dates(document, when)
    checks.append(dates_check)

    known_issuer = any(issuer.profile_url() == issuer_id for issuer in Issuer.objects.all())
    if proof.verified:
        issuer_check = Check(
            "issuer",
            "Issuer and signing key",
            True,
            f"Signed with a key published by the issuer ({issuer_id}).",
        )
    elif proof.failure in _KEY_FAILURES or not known_issuer:
        detail = proof.reason if known_issuer else f"{issuer_id} is not an issuer we know."
        issuer_check = Check("issuer", "Issuer and signing key", False, detail)
    else:
        issuer_check = Check(
            "issuer", "Issuer and signing key", None, "Not checked: the signature failed."
        )
    checks.append(issuer_check)

    if not proof.verified:
        if proof.failure == FailureCode.UNKNOWN_CONTEXT:
            report.verdict = Verdict.INVALID
        elif proof.failure in _KEY_FAILURES or issuer_check.passed is False:
            report.verdict = Verdict.UNKNOWN_ISSUER
        else:
            report.verdict = Verdict.TAMPERED
    elif reason is not None:
        report.verdict = Verdict.REVOKED
        report.revocation_reason = reason
    elif status.suspension_reason is not None:
        report.verdict = Verdict.SUSPENDED
        report.suspension_reason = status.suspension_reason
    elif status_check.passed is False:
        report.verdict = Verdict.INVALID
    elif dates_verdict is not None:
        report.verdict = dates_verdict

    if email:
        report.recipient_match = _recipient(document, email)
        checks.append(
            Check(
                "recipient",
                "Issued to the email given",
                report.recipient_match,
                "The email matches the credential's hashed recipient."
                if report.recipient_match
                else "The email does not match the credential's recipient.",
            )
        )
        if report.verdict == Verdict.VALID and not report.recipient_match:
            report.verdict = Verdict.WRONG_RECIPIENT
    return report

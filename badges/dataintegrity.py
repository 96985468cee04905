"""The ``eddsa-rdfc-2022`` Data Integrity cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0).

How a proof is made, in the order the spec gives it:

1. Transformation: the document without its ``proof`` is canonicalised with RDFC-1.0.
2. Proof configuration: the proof's fields without ``proofValue``, given the document's
   ``@context``, are canonicalised with RDFC-1.0 too.
3. Hashing: SHA-256 of each canonical form; the data signed is the proof configuration hash
   followed by the document hash (64 bytes).
4. Serialisation: an Ed25519 signature of those 64 bytes, written into ``proofValue`` as
   multibase base58btc (a ``z`` followed by base58 with the Bitcoin alphabet).

Verification repeats steps 1-3 on the received credential and checks the signature with the
public key of the proof's ``verificationMethod``, which the caller resolves (a database lookup,
a DID document, ...). :func:`verify_proof` never raises for bad input: it returns a
:class:`ProofResult` whose ``reason`` says what is wrong.

Public keys travel as Multikey strings: multibase base58btc of the multicodec prefix
``0xed 0x01`` (ed25519-pub) and the 32 raw key bytes, so they start with ``z6Mk``. Private keys
use the secret-key prefix ``0x80 0x26`` (ed25519-priv) the same way.

Plain Python, no Django: the app's models and views call these functions.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, Final

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from badges.jsonld import LinkedDataError, UnknownContextError, canonicalize, is_absolute_iri

__all__ = [
    "CRYPTOSUITE",
    "PROOF_TYPE",
    "FailureCode",
    "KeyResolver",
    "MultikeyError",
    "ProofFormatError",
    "ProofResult",
    "PublicKeyInfo",
    "add_proof",
    "canonical_forms",
    "multibase_to_private_key",
    "multibase_to_public_key",
    "private_key_to_multibase",
    "public_key_to_multibase",
    "verify_proof",
]

CRYPTOSUITE: Final = "eddsa-rdfc-2022"
PROOF_TYPE: Final = "DataIntegrityProof"

_MULTIBASE_BASE58BTC: Final = "z"
_ED25519_PUBLIC_PREFIX: Final = b"\xed\x01"  # multicodec ed25519-pub (0xed) as a varint
_ED25519_PRIVATE_PREFIX: Final = b"\x80\x26"  # multicodec ed25519-priv (0x1300) as a varint
_ED25519_KEY_LENGTH: Final = 32
_ED25519_SIGNATURE_LENGTH: Final = 64

# XML Schema 1.1 dateTimeStamp: a dateTime that must carry a time zone.
_DATE_TIME_STAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$"
)


class MultikeyError(ValueError):
    """A string is not a valid Multikey (or multibase) encoding of the expected key."""


class ProofFormatError(ValueError):
    """A document or its proof does not have the shape this cryptosuite needs."""


class FailureCode(StrEnum):
    """Why a proof did not verify; stable values for code, templates and API clients."""

    INVALID_DOCUMENT = "invalid_document"
    MALFORMED_PROOF = "malformed_proof"
    UNSUPPORTED_PROOF = "unsupported_proof"
    PROOF_PURPOSE_MISMATCH = "proof_purpose_mismatch"
    PROOF_EXPIRED = "proof_expired"
    UNKNOWN_CONTEXT = "unknown_context"
    KEY_NOT_FOUND = "key_not_found"
    CONTROLLER_MISMATCH = "controller_mismatch"
    SIGNATURE_MISMATCH = "signature_mismatch"


@dataclass(frozen=True, slots=True)
class PublicKeyInfo:
    """A verification method's public key and the id of the party that controls it."""

    public_key: Ed25519PublicKey
    controller: str

    @classmethod
    def from_multibase(cls, public_key_multibase: str, controller: str) -> PublicKeyInfo:
        """Build from a ``publicKeyMultibase`` value (raises :class:`MultikeyError`)."""
        return cls(multibase_to_public_key(public_key_multibase), controller)


@dataclass(frozen=True, slots=True)
class ProofResult:
    """The outcome of :func:`verify_proof`.

    ``reason`` is a sentence for people; ``failure`` is ``None`` when ``verified`` is true and
    otherwise names the kind of failure. ``verification_method`` is the proof's method id when
    the proof got far enough to have one.
    """

    verified: bool
    reason: str
    failure: FailureCode | None = None
    verification_method: str | None = None


#: Maps a verificationMethod id to its key. Return ``None`` or raise ``LookupError`` when the
#: method is unknown and ``ValueError`` (e.g. :class:`MultikeyError`) when its key material is
#: invalid; both become failed results. Anything else (a database outage, say) is not a fact
#: about the credential, so it propagates rather than being reported as "not verified".
KeyResolver = Callable[[str], PublicKeyInfo | None]


class _Failure(Exception):
    """Internal: stops verification with a code and a reason."""

    def __init__(self, code: FailureCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# --- Multikey ---------------------------------------------------------------------------------


def _decode_base58btc(value: object, what: str) -> bytes:
    if not isinstance(value, str) or not value.startswith(_MULTIBASE_BASE58BTC):
        raise MultikeyError(f"{what} must be a multibase base58btc string starting with 'z'")
    try:
        return base58.b58decode(value[1:])
    except ValueError as error:
        raise MultikeyError(f"{what} is not valid base58btc: {error}") from error


def _encode_base58btc(data: bytes) -> str:
    return _MULTIBASE_BASE58BTC + base58.b58encode(data).decode("ascii")


def public_key_to_multibase(public_key: Ed25519PublicKey) -> str:
    """Encode an Ed25519 public key as a Multikey ``publicKeyMultibase`` string (``z6Mk...``)."""
    if not isinstance(public_key, Ed25519PublicKey):
        raise TypeError(f"expected an Ed25519PublicKey, not {type(public_key).__name__}")
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _encode_base58btc(_ED25519_PUBLIC_PREFIX + raw)


def multibase_to_public_key(public_key_multibase: str) -> Ed25519PublicKey:
    """Decode a Multikey ``publicKeyMultibase`` string into an Ed25519 public key.

    Raises :class:`MultikeyError` unless the value is base58btc multibase holding the
    ed25519-pub multicodec prefix followed by exactly 32 key bytes.
    """
    data = _decode_base58btc(public_key_multibase, "publicKeyMultibase")
    if not data.startswith(_ED25519_PUBLIC_PREFIX):
        raise MultikeyError("publicKeyMultibase is not an Ed25519 public key (prefix 0xed01)")
    raw = data[len(_ED25519_PUBLIC_PREFIX) :]
    if len(raw) != _ED25519_KEY_LENGTH:
        raise MultikeyError(
            f"an Ed25519 public key is {_ED25519_KEY_LENGTH} bytes, this one is {len(raw)}"
        )
    return Ed25519PublicKey.from_public_bytes(raw)


def private_key_to_multibase(private_key: Ed25519PrivateKey) -> str:
    """Encode an Ed25519 private key as a secret Multikey string (``z3u2...``)."""
    if not isinstance(private_key, Ed25519PrivateKey):
        raise TypeError(f"expected an Ed25519PrivateKey, not {type(private_key).__name__}")
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return _encode_base58btc(_ED25519_PRIVATE_PREFIX + raw)


def multibase_to_private_key(secret_key_multibase: str) -> Ed25519PrivateKey:
    """Decode a secret Multikey string (prefix 0x8026 + 32-byte seed) into a private key."""
    data = _decode_base58btc(secret_key_multibase, "secretKeyMultibase")
    if not data.startswith(_ED25519_PRIVATE_PREFIX):
        raise MultikeyError("secretKeyMultibase is not an Ed25519 private key (prefix 0x8026)")
    raw = data[len(_ED25519_PRIVATE_PREFIX) :]
    if len(raw) != _ED25519_KEY_LENGTH:
        raise MultikeyError(
            f"an Ed25519 private key is {_ED25519_KEY_LENGTH} bytes, this one is {len(raw)}"
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


# --- dates ------------------------------------------------------------------------------------


def _parse_date_time_stamp(value: object) -> datetime | None:
    """Parse an XML Schema dateTimeStamp (time zone required); ``None`` if it is not one."""
    if not isinstance(value, str) or not _DATE_TIME_STAMP.match(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _format_created(created: str | datetime) -> str:
    if isinstance(created, datetime):
        if created.tzinfo is None or created.utcoffset() is None:
            raise ValueError("created must be timezone-aware")
        return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if _parse_date_time_stamp(created) is None:
        raise ValueError(
            f"created must be an XML Schema dateTimeStamp such as 2024-05-01T12:00:00Z, "
            f"not {created!r}"
        )
    return created


# --- the algorithms ---------------------------------------------------------------------------


def _check_suite(proof: Mapping[str, Any]) -> None:
    if proof.get("type") != PROOF_TYPE:
        raise _Failure(
            FailureCode.UNSUPPORTED_PROOF,
            f"proof type is {proof.get('type')!r}; only {PROOF_TYPE!r} is supported",
        )
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise _Failure(
            FailureCode.UNSUPPORTED_PROOF,
            f"cryptosuite is {proof.get('cryptosuite')!r}; only {CRYPTOSUITE!r} is supported",
        )


def _split_secured(document: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (unsecured document, proof) from a secured document."""
    if not isinstance(document, Mapping):
        raise _Failure(
            FailureCode.INVALID_DOCUMENT,
            f"a credential must be a JSON object, not {type(document).__name__}",
        )
    proof = document.get("proof")
    if proof is None:
        raise _Failure(FailureCode.MALFORMED_PROOF, "the document has no proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise _Failure(
                FailureCode.MALFORMED_PROOF,
                f"the document has {len(proof)} proofs; exactly one is supported",
            )
        proof = proof[0]
    if not isinstance(proof, Mapping):
        raise _Failure(FailureCode.MALFORMED_PROOF, "the proof must be a JSON object")
    # Shallow copies: nothing below modifies the values, and canonicalisation works on its own
    # deep copy, so the caller's document is never changed.
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return unsecured, dict(proof)


def _proof_configuration(
    unsecured: dict[str, Any], proof_options: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply the spec's context rule and build the proof configuration.

    If the proof carries its own ``@context``, the document's ``@context`` must begin with
    those same entries in the same order, and the document is then canonicalised with the
    proof's ``@context``. The proof configuration always gets the document's ``@context``.
    """
    if "@context" not in unsecured:
        raise _Failure(FailureCode.INVALID_DOCUMENT, "the document has no @context")
    document = dict(unsecured)
    config = {key: value for key, value in proof_options.items() if key != "proofValue"}
    if "@context" in config:
        proof_context = config["@context"]
        proof_entries = proof_context if isinstance(proof_context, list) else [proof_context]
        document_context = document["@context"]
        document_entries = (
            document_context if isinstance(document_context, list) else [document_context]
        )
        if document_entries[: len(proof_entries)] != proof_entries:
            raise _Failure(
                FailureCode.MALFORMED_PROOF,
                "the proof's @context does not match the start of the document's @context",
            )
        document["@context"] = proof_context
    config["@context"] = document["@context"]
    return document, config


def _canonicalise_pair(
    document: Mapping[str, Any], proof_config: Mapping[str, Any]
) -> tuple[str, str]:
    """RDFC-1.0 canonical forms of the document and of the proof configuration."""
    try:
        return canonicalize(document), canonicalize(proof_config)
    except UnknownContextError as error:
        raise _Failure(FailureCode.UNKNOWN_CONTEXT, str(error)) from error
    except LinkedDataError as error:  # unsafe (data a signature would not cover) or invalid
        raise _Failure(FailureCode.INVALID_DOCUMENT, str(error)) from error


def _hash_data(document_canon: str, proof_canon: str) -> bytes:
    """proofConfigHash || transformedDocumentHash, each SHA-256 of UTF-8 N-Quads."""
    proof_hash = hashlib.sha256(proof_canon.encode("utf-8")).digest()
    document_hash = hashlib.sha256(document_canon.encode("utf-8")).digest()
    return proof_hash + document_hash


def canonical_forms(document: Mapping[str, Any]) -> tuple[str, str]:
    """Return (document canonical form, proof configuration canonical form) of a secured document.

    These are exactly the N-Quads strings whose hashes an ``eddsa-rdfc-2022`` signature covers.
    Raises :class:`ProofFormatError` if the document or its proof is malformed, and
    :class:`badges.jsonld.LinkedDataError` subclasses if JSON-LD processing refuses it.
    """
    try:
        unsecured, proof = _split_secured(document)
        _check_suite(proof)
        document_for_canon, proof_config = _proof_configuration(unsecured, proof)
    except _Failure as failure:
        raise ProofFormatError(failure.reason) from None
    return canonicalize(document_for_canon), canonicalize(proof_config)


@lru_cache(maxsize=64)
def _canonical_proof_configuration(proof_config_json: str) -> str:
    """Canonical form of a proof configuration, given as JSON with sorted keys.

    Credentials signed together (a cohort's awards) share one proof configuration: same
    ``created``, key, suite, purpose and ``@context``. Its canonical form is a pure function of
    that JSON (key order does not matter to JSON-LD), so signing a batch canonicalises it once.
    Only signing uses this; verification always canonicalises what it is given.
    """
    return canonicalize(json.loads(proof_config_json))


def add_proof(
    document: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str | datetime,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Sign ``document`` and return a copy of it with an embedded ``eddsa-rdfc-2022`` proof.

    ``verification_method`` is the IRI verifiers will resolve to the public key (for an
    issuer profile, ``<issuer id>#<publicKeyMultibase>`` is usual). ``created`` is either an
    XML Schema dateTimeStamp string (kept as given) or a timezone-aware datetime (written in
    UTC, to the second). The input document is not modified; the returned one is a new
    top-level object that shares its nested values with it (no deep copy: signing in bulk
    should not pay for one), so copy before changing either.

    Raises ``ValueError``/``TypeError`` for bad arguments (an existing proof, no ``@context``,
    a non-Ed25519 key, ...) and :class:`badges.jsonld.LinkedDataError` subclasses if the
    document uses an unknown context or holds data that a signature would not cover.
    """
    if not isinstance(document, Mapping):
        raise TypeError(f"document must be a JSON object, not {type(document).__name__}")
    if "proof" in document:
        raise ProofFormatError("the document already has a proof")
    if "@context" not in document:
        raise ProofFormatError("the document has no @context")
    if not isinstance(private_key, Ed25519PrivateKey):
        raise TypeError(f"expected an Ed25519PrivateKey, not {type(private_key).__name__}")
    if not is_absolute_iri(verification_method):
        raise ValueError(f"verification_method must be an absolute IRI: {verification_method!r}")
    if not isinstance(proof_purpose, str) or not proof_purpose:
        raise ValueError("proof_purpose must be a non-empty string")

    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "created": _format_created(created),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": proof_purpose,
    }
    unsecured = dict(document)
    proof_config = {**proof, "@context": unsecured["@context"]}
    document_canon = canonicalize(unsecured)
    proof_canon = _canonical_proof_configuration(json.dumps(proof_config, sort_keys=True))
    signature = private_key.sign(_hash_data(document_canon, proof_canon))
    proof["proofValue"] = _encode_base58btc(signature)
    return {**unsecured, "proof": proof}


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _verify(
    document: object,
    resolve_key: KeyResolver,
    expected_proof_purpose: str,
    now: datetime,
) -> ProofResult:
    unsecured, proof = _split_secured(document)
    _check_suite(proof)

    purpose = proof.get("proofPurpose")
    if purpose != expected_proof_purpose:
        raise _Failure(
            FailureCode.PROOF_PURPOSE_MISMATCH,
            f"proofPurpose is {purpose!r}, expected {expected_proof_purpose!r}",
        )

    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not is_absolute_iri(method):
        raise _Failure(
            FailureCode.MALFORMED_PROOF,
            f"verificationMethod must be an absolute IRI, got {method!r}",
        )

    try:
        signature = _decode_base58btc(proof.get("proofValue"), "proofValue")
    except MultikeyError as error:
        raise _Failure(FailureCode.MALFORMED_PROOF, str(error)) from None
    if len(signature) != _ED25519_SIGNATURE_LENGTH:
        raise _Failure(
            FailureCode.MALFORMED_PROOF,
            f"proofValue holds {len(signature)} bytes; an Ed25519 signature is "
            f"{_ED25519_SIGNATURE_LENGTH}",
        )

    if "created" in proof and _parse_date_time_stamp(proof["created"]) is None:
        raise _Failure(
            FailureCode.MALFORMED_PROOF,
            f"proof created {proof['created']!r} is not an XML Schema dateTimeStamp",
        )
    if "expires" in proof:
        expires = _parse_date_time_stamp(proof["expires"])
        if expires is None:
            raise _Failure(
                FailureCode.MALFORMED_PROOF,
                f"proof expires {proof['expires']!r} is not an XML Schema dateTimeStamp",
            )
        if now >= expires:
            raise _Failure(FailureCode.PROOF_EXPIRED, f"the proof expired at {proof['expires']}")

    issuer_id = _issuer_id(unsecured)
    if issuer_id is None:
        raise _Failure(
            FailureCode.INVALID_DOCUMENT,
            "the credential has no issuer id to match against the signing key's controller",
        )

    document_for_canon, proof_config = _proof_configuration(unsecured, proof)
    document_canon, proof_canon = _canonicalise_pair(document_for_canon, proof_config)

    try:
        key_info = resolve_key(method)
    except LookupError as error:
        raise _Failure(
            FailureCode.KEY_NOT_FOUND, f"verification method {method!r} not found: {error}"
        ) from None
    except ValueError as error:
        raise _Failure(
            FailureCode.KEY_NOT_FOUND,
            f"verification method {method!r} has unusable key material: {error}",
        ) from None
    if key_info is None:
        raise _Failure(FailureCode.KEY_NOT_FOUND, f"verification method {method!r} not found")
    if not isinstance(key_info, PublicKeyInfo) or not isinstance(
        key_info.public_key, Ed25519PublicKey
    ):
        raise _Failure(
            FailureCode.KEY_NOT_FOUND,
            f"verification method {method!r} did not resolve to an Ed25519 public key",
        )

    if key_info.controller != issuer_id:
        raise _Failure(
            FailureCode.CONTROLLER_MISMATCH,
            f"verification method {method!r} is controlled by {key_info.controller!r}, "
            f"but the credential's issuer is {issuer_id!r}",
        )

    try:
        key_info.public_key.verify(signature, _hash_data(document_canon, proof_canon))
    except InvalidSignature:
        raise _Failure(
            FailureCode.SIGNATURE_MISMATCH,
            "the signature does not match: the credential or its proof was changed after "
            "signing, or it was signed with a different key",
        ) from None

    return ProofResult(
        verified=True,
        reason=f"{CRYPTOSUITE} signature verified with {method} (controller {issuer_id})",
        verification_method=method,
    )


def verify_proof(
    document: object,
    resolve_key: KeyResolver,
    *,
    expected_proof_purpose: str = "assertionMethod",
    now: datetime | None = None,
) -> ProofResult:
    """Verify the ``eddsa-rdfc-2022`` proof embedded in ``document`` (parsed JSON, any shape).

    ``resolve_key`` maps the proof's ``verificationMethod`` to a :class:`PublicKeyInfo`; the
    key's controller must equal the credential's issuer id. ``now`` (default: the current
    time) is compared with the proof's optional ``expires``.

    Never raises for a bad document or an unknown key: returns a failed
    :class:`ProofResult` whose ``reason`` says what is wrong and whose ``failure`` names the
    kind (malformed proof, wrong type/cryptosuite, unknown context, key not found, controller
    mismatch, signature mismatch, ...). What can raise is the caller's side: a naive ``now``
    (``ValueError``) and exceptions from ``resolve_key`` other than those described at
    :data:`KeyResolver`.
    """
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise ValueError("now must be timezone-aware")
    when = now if now is not None else datetime.now(UTC)
    method = None
    if isinstance(document, Mapping) and isinstance(document.get("proof"), Mapping):
        candidate = document["proof"].get("verificationMethod")
        method = candidate if isinstance(candidate, str) else None
    try:
        return _verify(document, resolve_key, expected_proof_purpose, when)
    except _Failure as failure:
        return ProofResult(
            verified=False,
            reason=failure.reason,
            failure=failure.code,
            verification_method=method,
        )
    except RecursionError:
        return ProofResult(
            verified=False,
            reason="the credential is nested too deeply to process",
            failure=FailureCode.INVALID_DOCUMENT,
            verification_method=method,
        )

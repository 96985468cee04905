"""Tests for the eddsa-rdfc-2022 cryptosuite and the pinned JSON-LD loader.

Plain functions: no Django settings or database. The 1EdTech OB 3.0 test vector is kept in
``tests/badges/vectors/`` so that a fresh clone can run these tests on its own.
"""

from __future__ import annotations

import copy
import json
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyld import jsonld as pyld_jsonld
from pyld.context_resolver import ContextResolver

from badges import jsonld as pinned
from badges.dataintegrity import (
    CRYPTOSUITE,
    FailureCode,
    MultikeyError,
    ProofFormatError,
    ProofResult,
    PublicKeyInfo,
    add_proof,
    canonical_forms,
    multibase_to_private_key,
    multibase_to_public_key,
    private_key_to_multibase,
    public_key_to_multibase,
    verify_proof,
)
from badges.jsonld import (
    BUNDLED_CONTEXTS,
    CREDENTIALS_V2_URL,
    OB2_CONTEXT_URL,
    OB3_CONTEXT_URL,
    OB3_EXTENSIONS_URL,
    LinkedDataError,
    UnknownContextError,
    UnsafeDocumentError,
    canonicalize,
    load_document,
)

VECTORS = Path(__file__).resolve().parent / "vectors"

TV_MULTIKEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
TV_RAW_KEY_HEX = "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
TV_CONTROLLER = "https://example.edu/issuers/565049"
TV_METHOD = f"{TV_CONTROLLER}#{TV_MULTIKEY}"

HUB_ISSUER = "https://hub.example.org/issuers/peer-leadership"
UNKNOWN_CONTEXT = "https://contexts.example.net/not-bundled.jsonld"


# --- helpers ----------------------------------------------------------------------------------


def tv_signed() -> dict[str, Any]:
    """A fresh copy of the signed test-vector credential."""
    return json.loads((VECTORS / "tv_signed.json").read_text(encoding="utf-8"))


def tv_key_info(controller: str = TV_CONTROLLER) -> PublicKeyInfo:
    public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(TV_RAW_KEY_HEX))
    return PublicKeyInfo(public_key=public_key, controller=controller)


def resolver_for(
    keys: dict[str, PublicKeyInfo],
) -> Callable[[str], PublicKeyInfo | None]:
    """A resolver that only knows the given verification methods."""
    return keys.get


def tv_resolver(controller: str = TV_CONTROLLER) -> Callable[[str], PublicKeyInfo | None]:
    return resolver_for({TV_METHOD: tv_key_info(controller)})


def sample_credential(issuer_id: str = HUB_ISSUER) -> dict[str, Any]:
    """A small OB 3.0 credential as the hub would issue it, without a proof."""
    return {
        "@context": [CREDENTIALS_V2_URL, OB3_CONTEXT_URL],
        "id": "urn:uuid:0b6c8a54-6f2e-4a3e-9b55-0d4a6b1f2c11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": "Peer Leadership Hub"},
        "validFrom": "2025-03-01T09:30:00Z",
        "name": "Peer Mentor",
        "credentialSubject": {
            "id": "did:example:learner-7f3a",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://hub.example.org/achievements/peer-mentor",
                "type": ["Achievement"],
                "name": "Peer Mentor",
                "description": "Completed every step of the peer mentoring programme.",
                "criteria": {"narrative": "Finish all lessons and run two mentoring sessions."},
            },
        },
    }


def sign_sample(
    private_key: Ed25519PrivateKey, issuer_id: str = HUB_ISSUER
) -> tuple[dict[str, Any], str]:
    """Sign the sample credential; return it and its verification method id."""
    method = f"{issuer_id}#{public_key_to_multibase(private_key.public_key())}"
    signed = add_proof(
        sample_credential(issuer_id),
        private_key,
        verification_method=method,
        created=datetime(2025, 3, 1, 9, 30, 5, tzinfo=UTC),
    )
    return signed, method


def assert_failed(result: ProofResult, code: FailureCode, *fragments: str) -> None:
    assert result.verified is False
    assert result.failure is code, result
    assert result.reason
    for fragment in fragments:
        assert fragment in result.reason, result.reason


# --- the 1EdTech test vector ------------------------------------------------------------------


def test_vector_document_canonical_form_matches_byte_for_byte() -> None:
    document_canon, _ = canonical_forms(tv_signed())

    assert document_canon.encode("utf-8") == (VECTORS / "document-canon.txt").read_bytes()


def test_vector_proof_canonical_form_matches_byte_for_byte() -> None:
    _, proof_canon = canonical_forms(tv_signed())

    assert proof_canon.encode("utf-8") == (VECTORS / "proof-canon.txt").read_bytes()


def test_vector_multikey_is_the_published_raw_key() -> None:
    public_key = multibase_to_public_key(TV_MULTIKEY)

    assert public_key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex() == TV_RAW_KEY_HEX
    assert public_key_to_multibase(public_key) == TV_MULTIKEY


def test_vector_signature_verifies() -> None:
    result = verify_proof(tv_signed(), tv_resolver())

    assert result.verified is True, result.reason
    assert result.failure is None
    assert result.verification_method == TV_METHOD


def test_vector_verifies_with_a_key_built_from_its_multikey() -> None:
    key_info = PublicKeyInfo.from_multibase(TV_MULTIKEY, TV_CONTROLLER)

    result = verify_proof(tv_signed(), resolver_for({TV_METHOD: key_info}))

    assert result.verified is True, result.reason


def set_path(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("credentialSubject", "achievement", "name"), "Teamwork (edited)"),
        (("credentialSubject", "achievement", "criteria", "narrative"), "Anyone may apply."),
        (("credentialSubject", "id"), "did:example:someone-else"),
        (("validFrom",), "2010-01-01T00:00:01Z"),
        (("issuer", "name"), "Example Corp Ltd"),
        (("issuer", "url"), "https://www.imsglobal.org/evil"),
        (("name",), "Leadership Badge"),
        (("id",), "http://example.com/credentials/3528"),
        (("type",), ["VerifiableCredential"]),
        (("description",), "A property the issuer never signed."),
        (("proof", "created"), "2010-01-01T19:23:25Z"),
        (("proof", "verificationMethod"), f"{TV_CONTROLLER}#key-2"),
    ],
)
def test_vector_any_change_breaks_the_signature(path: tuple[str, ...], value: Any) -> None:
    document = tv_signed()
    set_path(document, path, value)

    # Whatever method the proof now names, hand back the genuine key so that only the
    # signature check can catch the change.
    def resolve(method: str) -> PublicKeyInfo:
        return tv_key_info()

    result = verify_proof(document, resolve)

    assert_failed(result, FailureCode.SIGNATURE_MISMATCH, "signature does not match")


def test_vector_with_altered_proof_value_fails() -> None:
    document = tv_signed()
    value = document["proof"]["proofValue"]
    # swap one base58 digit for another: same length, different signature bytes
    document["proof"]["proofValue"] = value[:10] + ("3" if value[10] != "3" else "4") + value[11:]

    result = verify_proof(document, tv_resolver())

    assert_failed(result, FailureCode.SIGNATURE_MISMATCH)


def test_vector_key_with_other_controller_is_a_controller_mismatch() -> None:
    result = verify_proof(tv_signed(), tv_resolver(controller="https://attacker.example/me"))

    assert_failed(
        result, FailureCode.CONTROLLER_MISMATCH, "https://attacker.example/me", TV_CONTROLLER
    )


def test_vector_unknown_verification_method_is_key_not_found() -> None:
    result = verify_proof(tv_signed(), resolver_for({}))

    assert_failed(result, FailureCode.KEY_NOT_FOUND, TV_METHOD)


def test_resolver_raising_lookup_error_is_key_not_found() -> None:
    def resolve(method: str) -> PublicKeyInfo:
        raise KeyError(method)

    assert_failed(verify_proof(tv_signed(), resolve), FailureCode.KEY_NOT_FOUND, "not found")


def test_resolver_with_bad_key_material_is_key_not_found() -> None:
    def resolve(method: str) -> PublicKeyInfo:
        return PublicKeyInfo.from_multibase("z6MkNotAKey", TV_CONTROLLER)

    assert_failed(verify_proof(tv_signed(), resolve), FailureCode.KEY_NOT_FOUND, "key material")


def test_proof_with_matching_context_still_verifies() -> None:
    # Spec rule: a proof may carry the document's @context (or a prefix of it); the proof
    # configuration is then built with it, which here changes nothing that was signed.
    document = tv_signed()
    document["proof"]["@context"] = list(document["@context"])

    assert verify_proof(document, tv_resolver()).verified is True


def test_proof_context_that_is_not_a_prefix_is_refused() -> None:
    document = tv_signed()
    document["proof"]["@context"] = [OB3_CONTEXT_URL]

    assert_failed(verify_proof(document, tv_resolver()), FailureCode.MALFORMED_PROOF, "@context")


def _without_proof(document: dict[str, Any]) -> None:
    del document["proof"]


def _two_proofs(document: dict[str, Any]) -> None:
    document["proof"] = [document["proof"], copy.deepcopy(document["proof"])]


@pytest.mark.parametrize(
    ("mutate", "code", "fragment"),
    [
        (_without_proof, FailureCode.MALFORMED_PROOF, "no proof"),
        (_two_proofs, FailureCode.MALFORMED_PROOF, "2 proofs"),
        (lambda d: set_path(d, ("proof",), "z5x9a"), FailureCode.MALFORMED_PROOF, "JSON object"),
        (
            lambda d: set_path(d, ("proof", "cryptosuite"), "ecdsa-rdfc-2019"),
            FailureCode.UNSUPPORTED_PROOF,
            "ecdsa-rdfc-2019",
        ),
        (
            lambda d: set_path(d, ("proof", "type"), "Ed25519Signature2020"),
            FailureCode.UNSUPPORTED_PROOF,
            "Ed25519Signature2020",
        ),
        (
            lambda d: set_path(d, ("proof", "proofPurpose"), "authentication"),
            FailureCode.PROOF_PURPOSE_MISMATCH,
            "authentication",
        ),
        (
            lambda d: set_path(d, ("proof", "proofValue"), "uAAAA"),
            FailureCode.MALFORMED_PROOF,
            "base58btc",
        ),
        (
            lambda d: set_path(d, ("proof", "proofValue"), "z0OIl"),
            FailureCode.MALFORMED_PROOF,
            "not valid base58btc",
        ),
        (
            lambda d: set_path(d, ("proof", "proofValue"), "z3yQ"),
            FailureCode.MALFORMED_PROOF,
            "64",
        ),
        (
            lambda d: set_path(d, ("proof", "verificationMethod"), "#key-1"),
            FailureCode.MALFORMED_PROOF,
            "absolute IRI",
        ),
        (
            lambda d: set_path(d, ("proof", "created"), "1 January 2010"),
            FailureCode.MALFORMED_PROOF,
            "dateTimeStamp",
        ),
        (
            lambda d: set_path(d, ("proof", "expires"), "2011-01-01T00:00:00Z"),
            FailureCode.PROOF_EXPIRED,
            "expired",
        ),
        (lambda d: d.pop("issuer"), FailureCode.INVALID_DOCUMENT, "issuer"),
        (lambda d: d.pop("@context"), FailureCode.INVALID_DOCUMENT, "@context"),
        (
            lambda d: set_path(d, ("@context",), [*d["@context"], UNKNOWN_CONTEXT]),
            FailureCode.UNKNOWN_CONTEXT,
            UNKNOWN_CONTEXT,
        ),
        (
            lambda d: set_path(d, ("@context",), [*d["@context"], {"nick": "urn:x:nick"}]),
            FailureCode.UNKNOWN_CONTEXT,
            "inline",
        ),
        (
            lambda d: set_path(d, ("credentialSubject", "favouriteColour"), "green"),
            FailureCode.INVALID_DOCUMENT,
            "favouriteColour",
        ),
        (
            lambda d: set_path(d, ("issuer", "id"), "issuers/565049"),
            FailureCode.INVALID_DOCUMENT,
            "issuers/565049",
        ),
    ],
)
def test_bad_credentials_fail_with_a_reason(
    mutate: Callable[[dict[str, Any]], Any], code: FailureCode, fragment: str
) -> None:
    document = tv_signed()
    mutate(document)

    result = verify_proof(document, tv_resolver(), now=datetime(2030, 1, 1, tzinfo=UTC))

    assert_failed(result, code, fragment)


@pytest.mark.parametrize("document", [None, [], "a credential", 42])
def test_non_object_input_is_a_failed_result(document: Any) -> None:
    assert_failed(verify_proof(document, tv_resolver()), FailureCode.INVALID_DOCUMENT)


def test_unexpired_proof_passes_the_expiry_check() -> None:
    document = tv_signed()
    # expires is part of the signed proof configuration, so this only checks the order of the
    # checks: an unexpired proof reaches (and fails) the signature check, not the expiry check.
    document["proof"]["expires"] = "2040-01-01T00:00:00Z"

    result = verify_proof(document, tv_resolver(), now=datetime(2030, 1, 1, tzinfo=UTC))

    assert_failed(result, FailureCode.SIGNATURE_MISMATCH)


# --- the pinned loader ------------------------------------------------------------------------


def test_unknown_context_is_refused_by_canonicalize() -> None:
    document = tv_signed()
    del document["proof"]
    document["@context"].append(UNKNOWN_CONTEXT)

    with pytest.raises(UnknownContextError) as caught:
        canonicalize(document)

    assert caught.value.url == UNKNOWN_CONTEXT
    assert UNKNOWN_CONTEXT in str(caught.value)
    assert isinstance(caught.value, LinkedDataError)


def test_loader_refuses_unknown_urls_and_serves_bundled_ones() -> None:
    with pytest.raises(UnknownContextError):
        load_document(UNKNOWN_CONTEXT, {})
    for url in BUNDLED_CONTEXTS:
        remote = load_document(url, {})
        assert remote["documentUrl"] == url
        assert isinstance(remote["document"]["@context"], dict)


def test_loader_hands_out_copies() -> None:
    first = load_document(CREDENTIALS_V2_URL, {})
    first["document"]["@context"]["name"] = "urn:x:tampered"

    assert load_document(CREDENTIALS_V2_URL, {})["document"]["@context"]["name"] == (
        "https://schema.org/name"
    )


def test_canonicalize_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    pinned.clear_context_caches()  # so that the bundled contexts are loaded (once) below

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    # pyld's own default loader (requests) must never be the one used either
    monkeypatch.setattr(pyld_jsonld, "_default_document_loader", no_network)
    requested: list[str] = []
    real_loader = pinned.load_document

    def spy(url: str, options: dict[str, Any] | None = None) -> Any:
        requested.append(url)
        return real_loader(url, options)

    monkeypatch.setattr(pinned, "load_document", spy)

    document_canon, proof_canon = canonical_forms(tv_signed())
    result = verify_proof(tv_signed(), tv_resolver())
    unknown = tv_signed()
    unknown["@context"].append(UNKNOWN_CONTEXT)
    refused = verify_proof(unknown, tv_resolver())

    assert document_canon.encode() == (VECTORS / "document-canon.txt").read_bytes()
    assert proof_canon.encode() == (VECTORS / "proof-canon.txt").read_bytes()
    assert result.verified is True, result.reason
    assert_failed(refused, FailureCode.UNKNOWN_CONTEXT, UNKNOWN_CONTEXT)
    assert set(requested) == {CREDENTIALS_V2_URL, OB3_CONTEXT_URL}


def test_undefined_terms_are_refused_in_safe_mode_only() -> None:
    document = sample_credential()
    document["shoeSize"] = 42

    with pytest.raises(UnsafeDocumentError, match="shoeSize"):
        canonicalize(document)
    assert "shoeSize" not in canonicalize(document, safe=False)


def test_relative_iris_are_refused_not_resolved_against_a_made_up_base() -> None:
    # pyld 3.3 would resolve "people/ada" against http://example.org/base/ when given base "".
    document = sample_credential()
    document["credentialSubject"]["id"] = "people/ada"

    with pytest.raises(UnsafeDocumentError, match="people/ada"):
        canonicalize(document)
    assert "example.org/base" not in canonicalize(document, safe=False)


def _uncached_canonical_form(document: dict[str, Any]) -> str:
    """pyld's own path (expand inside normalize, a fresh resolver, no processed-context
    cache), with the same pinned loader: what canonicalize gave before its caches existed."""
    return pyld_jsonld.JsonLdProcessor().normalize(
        copy.deepcopy(document),
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "base": None,
            "processingMode": "json-ld-1.1",
            "documentLoader": pinned.load_document,
            "contextResolver": ContextResolver({}, pinned.load_document),
        },
    )


def _documents_for_the_caches() -> list[dict[str, Any]]:
    """Documents that share contexts in different orders and combinations, so that the
    cached contexts of one are met by the next."""
    vector = tv_signed()
    del vector["proof"]
    with_extensions = sample_credential()
    with_extensions["@context"] = [CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL]
    with_extensions["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": "Step 1", "targetUrl": "https://hub.example.org/s"}
    ]
    status_list = {
        "@context": [CREDENTIALS_V2_URL],
        "id": "https://hub.example.org/status/1",
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": HUB_ISSUER,
        "validFrom": "2025-03-01T09:30:00Z",
        "credentialSubject": {
            "id": "https://hub.example.org/status/1#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
        },
    }
    ob2_assertion = {
        "@context": OB2_CONTEXT_URL,
        "id": "https://hub.example.org/ob2/assertions/1",
        "type": "Assertion",
        "recipient": {"type": "email", "hashed": True, "identity": "sha256$abc", "salt": "s"},
        "badge": "https://hub.example.org/ob2/badges/1",
        "verification": {"type": "hosted"},
        "issuedOn": "2025-03-01T09:30:00Z",
    }
    proof_config = {
        "@context": [CREDENTIALS_V2_URL, OB3_CONTEXT_URL],
        "type": "DataIntegrityProof",
        "created": "2025-03-01T09:30:05Z",
        "verificationMethod": f"{HUB_ISSUER}#z6Mk",
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": "assertionMethod",
    }
    return [vector, with_extensions, status_list, ob2_assertion, proof_config, sample_credential()]


def test_cached_contexts_give_the_same_canonical_forms_as_pyld_alone() -> None:
    documents = _documents_for_the_caches()
    expected = [_uncached_canonical_form(document) for document in documents]

    pinned.clear_context_caches()
    cold = [canonicalize(document) for document in documents]
    warm = [canonicalize(document) for document in reversed(documents)][::-1]

    assert all(expected), "every document yields statements"
    assert cold == expected
    assert warm == expected


def test_cached_contexts_still_refuse_unknown_and_inline_contexts() -> None:
    canonicalize(sample_credential())  # the bundled contexts are cached now
    unknown = sample_credential()
    unknown["@context"] = [CREDENTIALS_V2_URL, UNKNOWN_CONTEXT]
    inline = sample_credential()
    inline["credentialSubject"]["@context"] = {"shoeSize": "https://attacker.example/shoe"}

    with pytest.raises(UnknownContextError):
        canonicalize(unknown)
    with pytest.raises(UnknownContextError):
        canonicalize(inline)


def test_contexts_cached_for_one_document_define_nothing_for_another() -> None:
    # awardedDate is an Open Badges term; a document naming only the VC context must not get
    # it from a context processed earlier for a document that named both.
    canonicalize(sample_credential())
    only_vc = {
        "@context": [CREDENTIALS_V2_URL],
        "id": "urn:uuid:4f1d6f0e-2b8a-4b44-9a51-7f3cf2b1e0aa",
        "type": ["VerifiableCredential"],
        "issuer": HUB_ISSUER,
        "validFrom": "2025-03-01T09:30:00Z",
        "awardedDate": "2025-03-01T09:30:00Z",
        "credentialSubject": {"id": "did:example:learner-7f3a"},
    }

    with pytest.raises(UnsafeDocumentError, match="awardedDate"):
        canonicalize(only_vc)
    assert canonicalize(only_vc, safe=False) == _uncached_canonical_form(only_vc)
    assert "awardedDate" not in canonicalize(only_vc, safe=False)


def test_canonicalize_leaves_the_document_as_it_was() -> None:
    document = tv_signed()
    before = copy.deepcopy(document)

    canonical_forms(document)
    verify_proof(document, tv_resolver())

    assert document == before


# --- round trip with a fresh key --------------------------------------------------------------


def test_round_trip_sign_and_verify() -> None:
    private_key = Ed25519PrivateKey.generate()
    unsigned = sample_credential()
    before = copy.deepcopy(unsigned)

    signed, method = sign_sample(private_key)
    result = verify_proof(
        signed, resolver_for({method: PublicKeyInfo(private_key.public_key(), HUB_ISSUER)})
    )

    assert result.verified is True, result.reason
    assert unsigned == before
    proof = signed["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == CRYPTOSUITE
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == method
    assert proof["created"] == "2025-03-01T09:30:05Z"
    assert proof["proofValue"].startswith("z")
    assert {key: value for key, value in signed.items() if key != "proof"} == before


def test_round_trip_tampering_after_signing_fails() -> None:
    private_key = Ed25519PrivateKey.generate()
    signed, method = sign_sample(private_key)
    signed["credentialSubject"]["achievement"]["name"] = "Programme Director"

    result = verify_proof(
        signed, resolver_for({method: PublicKeyInfo(private_key.public_key(), HUB_ISSUER)})
    )

    assert_failed(result, FailureCode.SIGNATURE_MISMATCH)


def test_round_trip_wrong_key_fails() -> None:
    private_key = Ed25519PrivateKey.generate()
    other_key = Ed25519PrivateKey.generate()
    signed, method = sign_sample(private_key)

    result = verify_proof(
        signed, resolver_for({method: PublicKeyInfo(other_key.public_key(), HUB_ISSUER)})
    )

    assert_failed(result, FailureCode.SIGNATURE_MISMATCH)


def test_round_trip_controller_mismatch_fails() -> None:
    private_key = Ed25519PrivateKey.generate()
    signed, method = sign_sample(private_key)
    elsewhere = "https://other-hub.example.com/issuers/1"

    result = verify_proof(
        signed, resolver_for({method: PublicKeyInfo(private_key.public_key(), elsewhere)})
    )

    assert_failed(result, FailureCode.CONTROLLER_MISMATCH, elsewhere, HUB_ISSUER)


def test_round_trip_issuer_given_as_a_plain_iri() -> None:
    private_key = Ed25519PrivateKey.generate()
    credential = sample_credential()
    credential["issuer"] = HUB_ISSUER
    method = f"{HUB_ISSUER}#{public_key_to_multibase(private_key.public_key())}"
    signed = add_proof(credential, private_key, method, "2025-03-01T09:30:05+01:00")

    result = verify_proof(
        signed, resolver_for({method: PublicKeyInfo(private_key.public_key(), HUB_ISSUER)})
    )

    assert result.verified is True, result.reason
    assert signed["proof"]["created"] == "2025-03-01T09:30:05+01:00"


def test_signing_is_deterministic_and_secret_multikey_round_trips() -> None:
    private_key = Ed25519PrivateKey.generate()
    secret = private_key_to_multibase(private_key)
    restored = multibase_to_private_key(secret)

    first, _ = sign_sample(private_key)
    second, _ = sign_sample(restored)

    assert secret.startswith("z3u2")
    assert first["proof"]["proofValue"] == second["proof"]["proofValue"]


def test_created_datetime_is_written_in_utc() -> None:
    private_key = Ed25519PrivateKey.generate()
    created = datetime(2025, 3, 1, 11, 30, 5, 123456, tzinfo=timezone(timedelta(hours=2)))

    signed = add_proof(sample_credential(), private_key, f"{HUB_ISSUER}#key-1", created)

    assert signed["proof"]["created"] == "2025-03-01T09:30:05Z"


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d.update(proof={"type": "DataIntegrityProof"}), ProofFormatError),
        (lambda d: d.pop("@context"), ProofFormatError),
        (lambda d: d["@context"].append(UNKNOWN_CONTEXT), UnknownContextError),
        (lambda d: d.update(shoeSize=42), UnsafeDocumentError),
    ],
)
def test_add_proof_refuses_what_it_cannot_sign_faithfully(
    change: Callable[[dict[str, Any]], Any], error: type[Exception]
) -> None:
    document = sample_credential()
    change(document)

    with pytest.raises(error):
        add_proof(
            document, Ed25519PrivateKey.generate(), f"{HUB_ISSUER}#key-1", "2025-03-01T09:30:05Z"
        )


@pytest.mark.parametrize(
    "created", ["2025-03-01T09:30:05", "yesterday", datetime(2025, 3, 1, 9, 30, 5)]
)
def test_add_proof_needs_a_created_with_time_zone(created: str | datetime) -> None:
    with pytest.raises(ValueError, match="created"):
        add_proof(sample_credential(), Ed25519PrivateKey.generate(), f"{HUB_ISSUER}#k", created)


# --- Multikey ---------------------------------------------------------------------------------


def _base58btc(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (TV_MULTIKEY[1:], "starting with 'z'"),  # no multibase prefix
        ("z0OIl", "not valid base58btc"),
        (_base58btc(b"\xed\x01" + bytes(31)), "32 bytes"),
        (_base58btc(b"\xed\x01" + bytes(33)), "32 bytes"),
        (_base58btc(b"\x12\x00" + bytes(32)), "prefix 0xed01"),
    ],
)
def test_multibase_to_public_key_rejects_bad_values(value: str, message: str) -> None:
    with pytest.raises(MultikeyError, match=message):
        multibase_to_public_key(value)


def test_secret_multikey_is_not_accepted_as_a_public_key() -> None:
    secret = private_key_to_multibase(Ed25519PrivateKey.generate())

    with pytest.raises(MultikeyError, match="0xed01"):
        multibase_to_public_key(secret)
    with pytest.raises(MultikeyError, match="0x8026"):
        multibase_to_private_key(TV_MULTIKEY)

"""A learner's whole record as a CLR 2.0 credential: its shape, what it leaves out, and how our
verifier reports it and every badge inside it."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from badges.clr import (
    CLR_CONTEXT,
    NothingToRecord,
    has_record,
    learner_record,
    record_credentials,
    register_preconditions,
)
from badges.dataintegrity import verify_proof
from badges.issuing import award, revoke
from badges.jsonld import CLR_CONTEXT_URL, CREDENTIALS_V2_URL
from badges.models import Achievement, Credential, SigningKey
from badges.signing import identifier_matches, resolve_key
from badges.verify import Verdict, Verification
from badges.verify_record import (
    MAX_RECORD_CREDENTIALS,
    RecordVerdict,
    RecordVerification,
    verify_record,
    verify_submission,
)
from hub.models import Learner
from tests.support.records import (
    learner_with_badges,
    record_variants,
    resign_record,
    step_two_achievement,
)

ISSUED = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def step_two_badge(issuer, programme):
    return step_two_achievement(issuer, programme.steps[1])


@pytest.fixture
def held(email_learner, step, step_achievement, step_two_badge, mentor_achievement):
    return learner_with_badges(email_learner, step, step_two_badge, mentor_achievement)


@pytest.fixture
def record(email_learner, held):
    return learner_record(email_learner)


def _embedded(record: dict) -> list[dict]:
    return record["credentialSubject"]["verifiableCredential"]


def test_a_record_is_a_signed_clr_credential_wrapping_the_badges_as_issued(
    email_learner, held, issuer, step_achievement, step_two_badge
):
    record = learner_record(email_learner, now=ISSUED)

    assert record["@context"] == CLR_CONTEXT
    assert record["@context"][:2] == [CREDENTIALS_V2_URL, CLR_CONTEXT_URL]
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    assert record["id"].startswith("urn:uuid:")
    assert record["name"] == f"Record of achievement from {issuer.name}"
    assert record["issuer"]["id"] == issuer.profile_url()
    assert record["validFrom"] == "2026-06-01T09:30:00Z"  # its own validity: when it was made
    assert "validUntil" not in record and "credentialStatus" not in record
    subject = record["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    # Embedded exactly as stored: the same JSON, byte for byte, proofs included.
    stored = [Credential.objects.get(pk=c.pk).document for c in held]
    assert _embedded(record) == stored
    for embedded, document in zip(_embedded(record), stored, strict=True):
        assert json.dumps(embedded) == json.dumps(document)
        assert "proof" in embedded
    assert [a["id"] for a in subject["achievement"]] == [
        d["credentialSubject"]["achievement"]["id"] for d in stored
    ]
    # Step One is Step Two's prerequisite in the programme.
    assert subject["association"] == [
        {
            "type": "Association",
            "associationType": "precedes",
            "sourceId": step_achievement.url(),
            "targetId": step_two_badge.url(),
        }
    ]
    proof = record["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["created"] == "2026-06-01T09:30:00Z"
    assert proof["verificationMethod"] == SigningKey.objects.get().verification_method
    assert verify_proof(record, resolve_key).verified


def test_each_download_is_a_new_record(email_learner, held):
    first, second = learner_record(email_learner), learner_record(email_learner)
    assert first["id"] != second["id"]
    assert _embedded(first) == _embedded(second)


def test_a_record_holds_no_private_data(email_learner, held, issuer):
    email_learner.display_name = "Samira Learner-Okafor"
    email_learner.save()
    record = learner_record(email_learner)
    text = json.dumps(record).lower()

    assert "sam.learner" not in text
    assert "samira" not in text and "okafor" not in text
    assert str(email_learner.public_id) not in text
    # The only address written out is the issuer's public contact, as in every badge.
    words = {word.strip('",') for word in text.split()}
    addresses = {word for word in words if "@" in word and "@context" not in word}
    assert addresses == {issuer.email}
    # The learner appears as the badges identify them: a freshly salted hash of their email.
    (identity,) = record["credentialSubject"]["identifier"]
    assert identity["identityType"] == "emailAddress" and identity["hashed"] is True
    assert identifier_matches("sam.learner@example.org", identity["identityHash"], identity["salt"])
    badge_salts = {d["credentialSubject"]["identifier"][0]["salt"] for d in _embedded(record)}
    assert identity["salt"] not in badge_salts


def test_revoked_badges_are_left_out_and_expired_ones_kept_with_their_dates(
    email_learner, step, step_achievement, step_two_badge, mentor_achievement
):
    first = award(email_learner, step_achievement).credential
    withdrawn = award(email_learner, step_two_badge).credential
    revoke(withdrawn, "Awarded in error")
    lapsed = award(
        email_learner, mentor_achievement, now=datetime.now(UTC) - timedelta(days=400)
    ).credential

    record = learner_record(email_learner)

    assert [d["id"] for d in _embedded(record)] == [lapsed.url(), first.url()]
    assert withdrawn.url() not in json.dumps(record)
    expired = _embedded(record)[0]
    assert expired["validUntil"] == lapsed.document["validUntil"]
    assert "association" not in record["credentialSubject"]  # Step Two's badge is not in it

    report = verify_record(record)
    assert report.verdict == RecordVerdict.NOT_ALL_CURRENT
    assert report.verdict_text == (
        "Genuine record, but not every badge in it counts today: 1 badge expired."
    )
    assert [r.verdict for r in report.credentials] == [Verdict.EXPIRED, Verdict.VALID]
    assert report.signature_verified and report.facts["credential_count"] == "2"


def test_a_learner_with_nothing_standing_has_no_record(learner, step_achievement):
    assert not has_record(learner)
    with pytest.raises(NothingToRecord):
        learner_record(learner)
    revoke(award(learner, step_achievement).credential, "Awarded in error")
    assert not has_record(learner) and record_credentials(learner) == []
    with pytest.raises(NothingToRecord):
        learner_record(learner)


def test_a_record_holds_only_its_learners_badges(email_learner, held, step_achievement):
    other = award(Learner.objects.create(display_name="Another"), step_achievement).credential
    record = learner_record(email_learner)
    assert other.url() not in json.dumps(record)
    assert len(_embedded(record)) == 3


def test_apps_add_preconditions_between_achievements(
    email_learner, held, step_two_badge, mentor_achievement, monkeypatch
):
    from badges import clr

    monkeypatch.setattr(clr, "_preconditions", [])

    def mentor_needs_step_two(achievement):
        return [step_two_badge] if achievement == mentor_achievement else []

    register_preconditions(mentor_needs_step_two)
    register_preconditions(mentor_needs_step_two)  # once only
    associations = learner_record(email_learner)["credentialSubject"]["association"]
    assert {"sourceId": step_two_badge.url(), "targetId": mentor_achievement.url()} in [
        {"sourceId": a["sourceId"], "targetId": a["targetId"]} for a in associations
    ]
    assert len(associations) == 2
    assert verify_record(learner_record(email_learner)).is_valid


# --- our verifier -------------------------------------------------------------------------


def test_a_genuine_record_is_valid_and_every_badge_in_it_is_checked(record, held):
    report = verify_record(record, email="  SAM.Learner@example.org")

    assert report.verdict == RecordVerdict.VALID, report.checks
    assert [c.key for c in report.checks] == [
        "format",
        "proof",
        "dates",
        "issuer",
        "contents",
        "recipient",
    ]
    assert all(c.passed for c in report.checks)
    assert report.recipient_match is True
    assert [r.verdict for r in report.credentials] == [Verdict.VALID] * 3
    assert [r.summary["credential_id"] for r in report.credentials] == [c.url() for c in held]
    assert all(
        [c.key for c in r.checks] == ["format", "proof", "status", "dates", "issuer", "recipient"]
        for r in report.credentials
    )
    data = report.as_dict()
    assert data["kind"] == "clr" and data["valid"] is True
    assert len(data["credentials"]) == 3
    assert "sam.learner" not in json.dumps(data).lower()


def test_a_record_for_someone_else(record):
    report = verify_record(record, email="someone.else@example.org")
    assert report.verdict == RecordVerdict.WRONG_RECIPIENT
    assert report.recipient_match is False


@pytest.mark.parametrize(
    ("variant", "verdict", "record_signature", "badge_verdicts"),
    [
        ("tampered", RecordVerdict.TAMPERED, False, [Verdict.VALID] * 3),
        (
            "embedded_tampered",
            RecordVerdict.TAMPERED,
            False,
            [Verdict.TAMPERED, Verdict.VALID, Verdict.VALID],
        ),
        (
            "resigned_over_tampered",
            RecordVerdict.TAMPERED,
            True,
            [Verdict.TAMPERED, Verdict.VALID, Verdict.VALID],
        ),
        ("wrong_key", RecordVerdict.TAMPERED, False, [Verdict.VALID] * 3),
    ],
)
def test_a_changed_record_or_badge_fails_and_says_what_failed(
    record, variant, verdict, record_signature, badge_verdicts
):
    changed = record_variants(record, SigningKey.objects.get())[variant]

    report = verify_record(changed)

    assert report.verdict == verdict
    assert not report.is_valid
    proof = next(c for c in report.checks if c.key == "proof")
    assert proof.passed is record_signature
    assert [r.verdict for r in report.credentials] == badge_verdicts
    contents = next(c for c in report.checks if c.key == "contents")
    assert contents.passed is (badge_verdicts == [Verdict.VALID] * 3)
    if not record_signature:
        # What an unsigned record says about itself is a claim, never a fact.
        assert report.facts == {}
        assert report.as_dict()["summary"] == {}
        assert report.unverified_claims["record_name"] == changed["name"]
    first = report.credentials[0]
    if first.verdict == Verdict.TAMPERED:
        assert first.facts == {}
        assert first.unverified_claims["achievement_name"] == "Accredited peer coach"


def test_a_revoked_badge_inside_a_genuine_record(record, held):
    revoke(held[1], "Awarded in error")

    report = verify_record(record)

    assert report.verdict == RecordVerdict.NOT_ALL_CURRENT
    assert report.signature_verified
    assert report.verdict_text.endswith(": 1 badge revoked.")
    revoked = report.credentials[1]
    assert revoked.verdict == Verdict.REVOKED
    assert revoked.revocation_reason == "Awarded in error"
    contents = next(c for c in report.checks if c.key == "contents")
    assert contents.passed is False
    assert contents.detail == "2 of 3 badges are valid; 1 revoked."


def test_a_record_from_the_future_is_not_current(email_learner, held):
    record = learner_record(email_learner, now=datetime.now(UTC) + timedelta(days=2))
    report = verify_record(record)
    assert report.verdict == RecordVerdict.NOT_ALL_CURRENT
    assert "the record itself is outside its validity dates" in report.verdict_text


def _malformed(record: dict) -> dict[str, dict]:
    no_subject_type = copy.deepcopy(record)
    no_subject_type["credentialSubject"]["type"] = ["AchievementSubject"]
    empty = copy.deepcopy(record)
    empty["credentialSubject"]["verifiableCredential"] = []
    crowded = copy.deepcopy(record)
    crowded["credentialSubject"]["verifiableCredential"] = _embedded(record)[:1] * (
        MAX_RECORD_CREDENTIALS + 1
    )
    unknown_context = copy.deepcopy(record)
    unknown_context["@context"].append("https://contexts.example.net/not-bundled.jsonld")
    no_clr_context = copy.deepcopy(record)
    no_clr_context["@context"].remove(CLR_CONTEXT_URL)
    not_objects = copy.deepcopy(record)
    not_objects["credentialSubject"]["verifiableCredential"] = ["https://example.net/badge"]
    no_proof = copy.deepcopy(record)
    del no_proof["proof"]
    return {
        "credentialSubject type must include ClrSubject": no_subject_type,
        "must list the credentials": empty,
        f"at most {MAX_RECORD_CREDENTIALS} are checked": crowded,
        "unknown JSON-LD context(s)": unknown_context,
        f"@context must include {CLR_CONTEXT_URL}": no_clr_context,
        "must be an object": not_objects,
        "the record has no proof": no_proof,
    }


def test_malformed_records_are_refused_before_anything_else_runs(record):
    for message, document in _malformed(record).items():
        report = verify_record(document)
        assert report.verdict == RecordVerdict.INVALID, message
        assert report.checks[0].passed is False and message in report.checks[0].detail
        assert [c.passed for c in report.checks[1:]] == [None] * 4, message
        assert report.credentials == []


def test_submissions_are_told_apart(record, held):
    assert isinstance(verify_submission(record), RecordVerification)
    assert isinstance(verify_submission(json.dumps(record)), RecordVerification)
    single = verify_submission(held[0].document)
    assert isinstance(single, Verification) and single.verdict == Verdict.VALID
    unreadable = verify_submission("{not json")
    assert isinstance(unreadable, Verification) and unreadable.verdict == Verdict.INVALID


def test_a_record_takes_the_same_few_queries_however_many_badges(
    email_learner, held, issuer, django_assert_num_queries
):
    learner_record(email_learner)  # the issuer's key exists from here on
    with CaptureQueriesContext(connection) as three:
        learner_record(email_learner)
    for number in range(9):
        extra = Achievement.objects.create(
            issuer=issuer, name=f"Extra {number}", description="d", criteria_narrative="c"
        )
        award(email_learner, extra)
    with django_assert_num_queries(len(three.captured_queries)):
        record = learner_record(email_learner)
    assert len(_embedded(record)) == 12


def test_a_record_claiming_another_issuer_is_from_an_unknown_issuer(record):
    key = SigningKey.objects.get()
    impostor = copy.deepcopy(record)
    impostor["issuer"]["id"] = "https://impostor.example.net/issuers/plh"
    report = verify_record(resign_record(impostor, key))
    assert report.verdict == RecordVerdict.UNKNOWN_ISSUER
    issuer = next(c for c in report.checks if c.key == "issuer")
    assert issuer.passed is False and "is not an issuer we know" in issuer.detail
    assert report.facts == {}

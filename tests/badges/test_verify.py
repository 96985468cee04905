"""badges.verify: each verdict, the order of the checks, every kind of input."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from badges.baking import bake_png, bake_svg, default_png, default_svg
from badges.issuing import award, revoke
from badges.models import SigningKey
from badges.verify import Verdict, verify_credential
from tests.support.badges import negative_variants


@pytest.fixture
def credential(email_learner, step_achievement):
    return award(email_learner, step_achievement).credential


def test_valid_credential_runs_every_check_in_order(credential):
    report = verify_credential(credential.document, email="SAM.learner@example.org ")
    assert report.verdict == Verdict.VALID
    assert [c.key for c in report.checks] == [
        "format",
        "proof",
        "status",
        "dates",
        "issuer",
        "recipient",
    ]
    assert all(c.passed for c in report.checks)
    assert report.recipient_match is True
    assert report.summary["achievement_name"] == credential.achievement.name
    assert "sam.learner" not in json.dumps(report.as_dict()).lower()


def test_wrong_recipient_email(credential):
    report = verify_credential(credential.document, email="someone.else@example.org")
    assert report.verdict == Verdict.WRONG_RECIPIENT
    assert report.recipient_match is False


@pytest.mark.parametrize(
    ("variant", "verdict", "failed"),
    [
        ("tampered", Verdict.TAMPERED, "proof"),
        ("wrong_key", Verdict.TAMPERED, "proof"),
        ("not_controller", Verdict.UNKNOWN_ISSUER, "issuer"),
        ("unknown_context", Verdict.INVALID, "format"),
    ],
)
def test_negative_cases(credential, variant, verdict, failed):
    key = SigningKey.objects.get()
    document = negative_variants(credential.document, key)[variant]
    report = verify_credential(document)
    assert report.verdict == verdict
    assert next(c for c in report.checks if c.key == failed).passed is False


def test_revoked_with_reason(credential):
    revoke(credential, "Awarded in error")
    report = verify_credential(credential.document)
    assert report.verdict == Verdict.REVOKED
    assert report.revocation_reason == "Awarded in error"
    assert "Awarded in error" in next(c for c in report.checks if c.key == "status").detail


def test_expired_and_not_yet_valid(email_learner, mentor_achievement):
    credential = award(email_learner, mentor_achievement).credential
    assert verify_credential(credential.document).verdict == Verdict.VALID
    later = credential.valid_until + timedelta(seconds=1)
    assert verify_credential(credential.document, now=later).verdict == Verdict.EXPIRED
    earlier = credential.valid_from - timedelta(days=1)
    assert verify_credential(credential.document, now=earlier).verdict == Verdict.NOT_YET_VALID


def test_valid_from_in_the_future_is_not_yet_valid(learner, step_achievement):
    future = timezone.now() + timedelta(days=30)
    credential = award(learner, step_achievement, now=future).credential
    assert verify_credential(credential.document).verdict == Verdict.NOT_YET_VALID


def test_unknown_issuer_key(credential):
    document = copy.deepcopy(credential.document)
    document["proof"]["verificationMethod"] = "https://elsewhere.example.net/i#z6MkNotOurs"
    report = verify_credential(document)
    assert report.verdict == Verdict.UNKNOWN_ISSUER


def test_rotated_key_still_verifies(credential, issuer):
    from badges.signing import rotate_key

    rotate_key(issuer)
    assert verify_credential(credential.document).verdict == Verdict.VALID


def test_inputs_url_json_text_png_svg(credential):
    text = json.dumps(credential.document)
    png = bake_png(default_png("Badge"), text)
    svg = bake_svg(default_svg("Badge"), text).encode()
    for source in (credential.url(), text, png, svg, text.encode()):
        assert verify_credential(source).verdict == Verdict.VALID, type(source)


@pytest.mark.parametrize(
    ("source", "verdict"),
    [
        ("not a credential", Verdict.INVALID),
        ("{broken", Verdict.INVALID),
        (b"\x89PNG\r\n\x1a\nrubbish", Verdict.INVALID),
        ("https://elsewhere.example.net/credentials/1", Verdict.UNKNOWN_ISSUER),
        ({"@context": ["https://www.w3.org/ns/credentials/v2"]}, Verdict.INVALID),
    ],
)
def test_unreadable_inputs(db, source, verdict):
    report = verify_credential(source)
    assert report.verdict == verdict
    assert report.checks[0].passed is False


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ('{"a": ' + "[" * 10_000 + "]" * 10_000 + "}", "nested more than 64 levels deep"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x05iTXtopenbadges\x00\x00\x00\x00", "not a valid baked"),
        ('{"a": Infinity}', "Infinity is not a JSON value"),
    ],
)
def test_direct_callers_get_a_report_never_an_exception(db, source, detail):
    report = verify_credential(source)
    assert report.verdict == Verdict.INVALID
    assert detail in report.checks[0].detail
    assert report.facts == {} and report.unverified_claims == {}


def test_only_a_genuine_signature_makes_fields_facts(credential):
    genuine = verify_credential(credential.document)
    assert genuine.signature_verified
    assert genuine.facts["achievement_name"] == credential.achievement.name
    assert genuine.unverified_claims == {}
    revoke(credential, "Awarded in error")
    revoked = verify_credential(credential.document)
    assert revoked.verdict == Verdict.REVOKED
    assert revoked.facts["achievement_name"] == credential.achievement.name
    key = SigningKey.objects.get()
    for variant, document in negative_variants(credential.document, key).items():
        report = verify_credential(document)
        assert not report.signature_verified, variant
        assert report.facts == {}, variant
        assert report.as_dict()["summary"] == {}, variant
        assert report.unverified_claims["achievement_id"], variant

"""Awarding: exactly once, what goes into the credential, revocation and accreditations."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from badges.dataintegrity import verify_proof
from badges.issuing import AwardError, award, award_accreditation, revoke
from badges.models import Credential, RecipientType
from badges.signing import hash_identifier, resolve_key
from badges.statuslist import allocate_index, bit_is_set, decode_list, encode_list
from hub.models import Learner
from tests.support.badges import complete_step


def test_step_completed_twice_awards_one_credential(email_learner, step, step_achievement):
    first = complete_step(email_learner, step)
    second = complete_step(email_learner, step)
    assert Credential.objects.filter(learner=email_learner).count() == 1
    assert first[0].created is True
    assert second[0].created is False
    assert second[0].credential.pk == first[0].credential.pk


def test_unique_constraint_holds_without_the_check(email_learner, step_achievement):
    credential = award(email_learner, step_achievement).credential
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.create(
            achievement=step_achievement,
            learner=email_learner,
            recipient_type=RecipientType.EMAIL,
            recipient_hash="sha256$0",
            recipient_salt="s",
            issued_at=credential.issued_at,
            valid_from=credential.valid_from,
            document={},
            status_list=credential.status_list,
            status_index=credential.status_index + 1,
        )


def test_credential_content(email_learner, step, step_achievement):
    credential = award(email_learner, step_achievement).credential
    document = credential.document
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["issuer"]["id"] == "http://testserver/badges/issuers/plh"
    assert document["credentialSchema"][0]["type"] == "1EdTechJsonSchemaValidator2019"
    identifier = document["credentialSubject"]["identifier"][0]
    assert identifier["identityType"] == "emailAddress"
    assert identifier["identityHash"] == hash_identifier(
        "sam.learner@example.org", identifier["salt"]
    )
    assert identifier["identityHash"] == credential.recipient_hash
    assert "example.org" not in str(document).lower().replace("hub.example.org", "")
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["alignment"][0]["targetName"] == step.title
    status = document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListIndex"] == str(credential.status_index)
    assert "validUntil" not in document
    assert verify_proof(document, resolve_key).verified


def test_no_email_uses_hashed_learner_id(learner, step_achievement):
    credential = award(learner, step_achievement).credential
    identifier = credential.document["credentialSubject"]["identifier"][0]
    assert identifier["identityType"] == RecipientType.LEARNER_ID == credential.recipient_type
    assert identifier["identityHash"] == hash_identifier(str(learner.public_id), identifier["salt"])


def test_salts_differ_per_credential(email_learner, step_achievement, mentor_achievement, db):
    one = award(email_learner, step_achievement).credential
    two = award(email_learner, mentor_achievement).credential
    assert one.recipient_salt != two.recipient_salt
    assert one.recipient_hash != two.recipient_hash
    assert two.valid_until is not None
    assert (two.valid_until - two.valid_from).days == 365


def test_accreditation_only_by_assessor_rule(learner, step_achievement, mentor_achievement):
    with pytest.raises(AwardError):
        award_accreditation(learner, step_achievement, None)
    assert award_accreditation(learner, mentor_achievement, None).created


def test_revocation_sets_the_status_bit(learner, step_achievement):
    credential = award(learner, step_achievement).credential
    with pytest.raises(ValueError, match="reason"):
        revoke(credential, "  ")
    revoke(credential, "Awarded in error")
    credential.refresh_from_db()
    assert credential.is_revoked and credential.revocation_reason == "Awarded in error"


def test_status_list_encoding_round_trips():
    encoded = encode_list([0, 9, 131_071], 131_072)
    assert encoded.startswith("u")
    bits = decode_list(encoded)
    assert len(bits) == 16_384
    assert [bit_is_set(bits, i) for i in (0, 1, 8, 9, 131_071)] == [True, False, False, True, True]
    assert bits[0] == 0x80 and bits[1] == 0x40


def test_status_indexes_are_unique_and_lists_roll_over(issuer):
    from badges.models import StatusList

    first_list, first = allocate_index(issuer)
    _, second = allocate_index(issuer)
    assert (first, second) == (0, 1)
    StatusList.objects.filter(pk=first_list.pk).update(next_index=first_list.length)
    new_list, index = allocate_index(issuer)
    assert new_list.pk != first_list.pk and index == 0
    assert Learner.objects.count() == 0

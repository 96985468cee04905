"""Learner-record (CLR 2.0) helpers: a learner holding several badges, and records that no
verifier may accept."""

from __future__ import annotations

import copy
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from badges.dataintegrity import add_proof
from badges.issuing import award
from badges.models import Achievement, AchievementType, AwardRule, Credential, Issuer, SigningKey
from hub.models import Learner, StepPage
from tests.support.badges import complete_step


def step_two_achievement(issuer: Issuer, step_two: StepPage) -> Achievement:
    """The badge of Step Two (whose prerequisite is Step One)."""
    return Achievement.objects.create(
        issuer=issuer,
        name="Step Two: Leading others",
        description="Completed the second step of the peer-leadership programme.",
        criteria_narrative="Completed every lesson of Step Two.",
        step=step_two,
        achievement_type=AchievementType.ACHIEVEMENT,
        award_rule=AwardRule.STEP_COMPLETED,
    )


def learner_with_badges(
    learner: Learner,
    step_one: StepPage,
    step_two_badge: Achievement,
    accreditation: Achievement,
    assessor: Any = None,
) -> list[Credential]:
    """Step One completed (its badge awarded by the hub's event), Step Two's badge and an
    accreditation awarded: three credentials, oldest first."""
    first = complete_step(learner, step_one)[0].credential
    second = award(learner, step_two_badge).credential
    third = award(learner, accreditation, awarded_by=assessor).credential
    return [first, second, third]


def unsigned_record(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in copy.deepcopy(record).items() if key != "proof"}


def resign_record(record: dict[str, Any], key: SigningKey) -> dict[str, Any]:
    """A (changed) record signed again with a real issuer key, as an insider could."""
    return add_proof(
        unsigned_record(record), key.private_key(), key.verification_method, record["validFrom"]
    )


def record_variants(record: dict[str, Any], key: SigningKey) -> dict[str, dict[str, Any]]:
    """Records that must be refused, derived from a genuine one."""
    tampered = copy.deepcopy(record)
    tampered["name"] = "Record of achievement from a university"
    embedded_tampered = copy.deepcopy(record)
    first = embedded_tampered["credentialSubject"]["verifiableCredential"][0]
    first["credentialSubject"]["achievement"]["name"] = "Accredited peer coach"
    # The record re-signed over the changed badge with the issuer's real key: the record's
    # signature holds, the badge's own does not.
    resigned_over_tampered = resign_record(embedded_tampered, key)
    wrong_key = add_proof(
        unsigned_record(record),
        Ed25519PrivateKey.generate(),
        key.verification_method,
        record["validFrom"],
    )
    return {
        "tampered": tampered,
        "embedded_tampered": embedded_tampered,
        "resigned_over_tampered": resigned_over_tampered,
        "wrong_key": wrong_key,
    }

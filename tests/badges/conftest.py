"""Fixtures for the badges tests: an issuer, step and accreditation achievements, awards."""

from __future__ import annotations

import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from badges.dataintegrity import add_proof
from badges.issuing import AwardResult, award_step_achievements
from badges.models import Achievement, AchievementType, AwardRule, Issuer, SigningKey
from hub.events import step_completed
from hub.models import Learner, StepCompletion, StepPage
from tests.factories import Programme


@pytest.fixture
def issuer(db) -> Issuer:
    return Issuer.objects.create(
        slug="plh",
        name="Peer Leadership Hub",
        url="https://hub.example.org/",
        email="badges@hub.example.org",
        description="A peer-leadership programme.",
    )


@pytest.fixture
def step(programme: Programme) -> StepPage:
    return programme.steps[0]


@pytest.fixture
def step_achievement(issuer: Issuer, step: StepPage) -> Achievement:
    return Achievement.objects.create(
        issuer=issuer,
        name="Step One: Sharing your story",
        description="Completed the first step of the peer-leadership programme.",
        criteria_narrative="Completed every lesson of Step One.",
        criteria_url="https://hub.example.org/step-one/",
        step=step,
        achievement_type=AchievementType.ACHIEVEMENT,
        award_rule=AwardRule.STEP_COMPLETED,
    )


@pytest.fixture
def mentor_achievement(issuer: Issuer) -> Achievement:
    return Achievement.objects.create(
        issuer=issuer,
        name="Accredited Peer Mentor",
        description="Accredited to mentor peers in the programme.",
        criteria_narrative="Observed mentoring sessions and a reflective portfolio.",
        achievement_type=AchievementType.LICENSE,
        award_rule=AwardRule.ASSESSOR,
        validity_days=365,
    )


@pytest.fixture
def email_learner(learner: Learner) -> Learner:
    """A learner whose platform sent an email at launch: the LTI tool's user record, which
    the tool offers to the badges app as the learner's email (badges.recipients)."""
    from lti_tool.models import LtiUser, Registration

    registration = Registration.objects.create(
        name="Email LMS",
        issuer="https://lms.example.org",
        client_id="email-client",
        auth_login_url="https://lms.example.org/auth",
        auth_token_url="https://lms.example.org/token",
        key_set_url="https://lms.example.org/jwks",
    )
    LtiUser.objects.create(
        registration=registration, sub="sam", learner=learner, email="  Sam.Learner@Example.ORG "
    )
    return learner


def complete_step(learner: Learner, step: StepPage) -> list[AwardResult]:
    """Record a completion and send step_completed, as hub.progress does; returns what the
    badges receiver awarded (other apps listen to the same signal)."""
    completion, _ = StepCompletion.objects.get_or_create(
        learner=learner, step=step, defaults={"completed_at": timezone.now()}
    )
    responses = step_completed.send(
        sender=StepPage, learner=learner, step=step, completion=completion
    )
    return next(result for receiver, result in responses if receiver is award_step_achievements)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs an external verifier (Node.js or the OB 2.0 validator)"
    )


def unsigned(document: dict) -> dict:
    """A credential without its proof."""
    return {key: value for key, value in copy.deepcopy(document).items() if key != "proof"}


def resign(document: dict, private_key, verification_method: str) -> dict:
    """Sign a (changed) credential again with any key."""
    return add_proof(unsigned(document), private_key, verification_method, document["validFrom"])


UNKNOWN_CONTEXT = "https://contexts.example.net/not-bundled.jsonld"


def negative_variants(document: dict, issuer_key: SigningKey) -> dict[str, dict]:
    """Credentials that no verifier may accept, derived from a genuine one."""
    tampered = copy.deepcopy(document)
    tampered["credentialSubject"]["achievement"]["name"] = "Accredited Coach"
    wrong_key = resign(document, Ed25519PrivateKey.generate(), issuer_key.verification_method)
    not_controller = unsigned(document)
    not_controller["issuer"]["id"] = "https://impostor.example.net/issuers/plh"
    not_controller = add_proof(
        not_controller,
        issuer_key.private_key(),
        issuer_key.verification_method,
        document["validFrom"],
    )
    unknown_context = copy.deepcopy(document)
    unknown_context["@context"] = [*document["@context"], UNKNOWN_CONTEXT]
    return {
        "tampered": tampered,
        "wrong_key": wrong_key,
        "not_controller": not_controller,
        "unknown_context": unknown_context,
    }

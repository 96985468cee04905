"""Fixtures for the badges tests: an issuer, step and accreditation achievements.

Helpers (completing a step, forged credentials) are in ``tests/support/badges.py``.
"""

from __future__ import annotations

import pytest

from badges.models import Achievement, AchievementType, AwardRule, Issuer
from hub.models import Learner, StepPage
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs an external verifier (Node.js or the OB 2.0 validator)"
    )

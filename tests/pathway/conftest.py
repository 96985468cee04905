"""Fixtures for the pathway tests: an issuer, a facilitator accreditation needing two
assessors and Step One, a graduate of Step One, and assessors.

Helpers are in ``tests/support/pathway.py``.
"""

from __future__ import annotations

import pytest

from badges.models import Issuer
from hub.models import Learner
from tests.support.pathway import accreditation, assessor, complete_steps, requirement_for


@pytest.fixture
def issuer(db) -> Issuer:
    return Issuer.objects.create(
        slug="plh",
        name="Peer Leadership Hub",
        url="https://hub.example.org/",
        email="badges@hub.example.org",
    )


@pytest.fixture
def facilitator(issuer, programme):
    """The facilitator accreditation: Step One required, two assessors must accept."""
    return requirement_for(accreditation(issuer), [programme.steps[0]], assessors=2)


@pytest.fixture
def mentor(issuer, programme):
    """The mentor accreditation: Step One required, one assessor."""
    return requirement_for(accreditation(issuer, "Accredited peer mentor"), [programme.steps[0]])


@pytest.fixture
def graduate(db, programme) -> Learner:
    learner = Learner.objects.create(display_name="Grace Graduate")
    complete_steps(learner, [programme.steps[0]])
    return learner


@pytest.fixture
def amina(db, django_user_model):
    return assessor(django_user_model, "amina")


@pytest.fixture
def tom(db, django_user_model):
    return assessor(django_user_model, "tom")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs an external verifier (Node.js or the OB 2.0 validator)"
    )

"""Fixtures for the discussion tests: people in one or two courses (the platform peer, ``lms``,
is the suite's own fixture).

The launch helpers (``open_lesson``, ``text``) are in ``tests/support/discussion.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from discussion.services import Actor
from hub.models import Learner
from lti_tool.models import Context


@pytest.fixture
def course(db) -> Any:
    """An actor factory for unit tests: learners in a course (no launch needed)."""
    from lti_tool.models import Deployment, Registration

    registration = Registration.objects.create(
        name="Unit LMS",
        issuer="https://lms.example.org",
        client_id="unit",
        auth_login_url="https://lms.example.org/auth",
        auth_token_url="https://lms.example.org/token",
        key_set_url="https://lms.example.org/jwks",
    )
    deployment = Deployment.objects.create(
        registration=registration, deployment_id="d1", active=True
    )

    def make(name: str, context: str = "c1", mentor: bool = False) -> Actor:
        ctx, _ = Context.objects.get_or_create(deployment=deployment, context_id=context)
        learner = Learner.objects.create(display_name=name)
        return Actor(learner=learner, context_id=ctx.pk, is_mentor=mentor)

    return make

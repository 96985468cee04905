"""Discussion tests: the real LTI launch into Step One, with people in one or two courses."""

from __future__ import annotations

import html
from typing import Any

import pytest

from discussion.services import Actor
from hub.models import Learner
from lti_tool.models import Context
from tests.lti.conftest import follow, launch, lms  # noqa: F401


def open_lesson(
    client,
    platform,
    lesson,
    user: str,
    roles: list[str],
    context_id: str = "course-1",
    **claims: Any,
):
    """Launch ``user`` into Step One's link in course ``context_id``; return the token."""
    step = lesson.get_parent()
    launched = launch(
        client,
        platform,
        user=user,
        roles=roles,
        context_id=context_id,
        custom={"plh_page": str(step.pk)},
        resource_link_id=f"link-{context_id}-{step.pk}",
        **claims,
    )
    page = follow(client, launched)
    assert page.status_code == 200, page.content[:400]
    return page.wsgi_request.path.split("/")[3]


def text(response) -> str:
    return html.unescape(response.content.decode())


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

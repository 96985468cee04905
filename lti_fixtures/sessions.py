"""A framed session for a learner on a page, as a successful launch leaves it."""

from __future__ import annotations

import secrets

from wagtail.models import Page

from hub.models import Learner
from lti_tool import roles
from lti_tool.launch.sessions import open_session
from lti_tool.models import Deployment, LaunchSession, LtiUser, Registration, ResourceLink


def framed_session(learner: Learner, page: Page) -> LaunchSession:
    """A platform, its deployment and a link to ``page``, and ``learner``'s session on it
    (its ``token`` opens the framed pages). The platform is never contacted."""
    registration = Registration.objects.create(
        name="LMS",
        issuer="https://lms.invalid",
        client_id="hub",
        auth_login_url="https://lms.invalid/auth",
        auth_token_url="https://lms.invalid/token",  # noqa: S106 (a URL, not a secret)
        key_set_url="https://lms.invalid/jwks",
    )
    deployment = Deployment.objects.create(
        registration=registration, deployment_id="d-1", active=True
    )
    user = LtiUser.objects.create(registration=registration, sub="learner-1", learner=learner)
    link = ResourceLink.objects.create(deployment=deployment, resource_link_id="link-1", page=page)
    return open_session(
        secrets.token_urlsafe(32),
        message_type="LtiResourceLinkRequest",
        registration=registration,
        deployment=deployment,
        lti_user=user,
        learner_id=learner.pk,
        roles=[roles.LEARNER],
        resource_link=link,
    )

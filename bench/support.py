"""What the benchmarks share: the tool registered with a platform peer on loopback, and a
course whose gradebook column receives the scores.

The peer is the project's ``lti_platform``; the tool's side is registered the way an operator
does it (``manage.py lti_add_platform``), and the course is made by ``lti_fixtures``, as in
the tests. Nothing here comes from the test suite.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

TOOL = "http://testserver"
CLIENT_ID = "bench"
DEPLOYMENT_ID = "deployment-1"


def register_with(server: Any) -> Any:
    """Register the tool with the peer ``server`` and the peer with the tool (an active
    deployment); returns the tool's Registration. Needs a ToolKey."""
    from django.core.management import call_command

    from lti_tool.models import Registration, ToolKey

    server.platform.register_tool(
        client_id=CLIENT_ID,
        login_initiation_url=f"{TOOL}/lti/login/",
        redirect_uris=[f"{TOOL}/lti/launch/"],
        target_link_uri=f"{TOOL}/lti/launch/",
        jwks=ToolKey.jwks(),
        deployment_ids=[DEPLOYMENT_ID],
    )
    call_command(
        "lti_add_platform",
        name="Bench LMS",
        issuer=server.platform.issuer,
        client_id=CLIENT_ID,
        auth_url=server.auth_url,
        token_url=server.token_url,
        keyset_url=server.jwks_url,
        deployment_id=[DEPLOYMENT_ID],
        stdout=io.StringIO(),
    )
    return Registration.objects.get(issuer=server.platform.issuer, client_id=CLIENT_ID)


@dataclass
class Course:
    """A course on the peer with a gradebook column, known to the tool as a resource link."""

    server: Any
    line_item: Any  # the tool's LineItem for the link
    peer_item_id: str

    def received(self) -> list[Any]:
        """The scores the peer's gradebook column received, in order."""
        return self.server.platform.ags.scores_for(self.peer_item_id, None)


def add_course(
    server: Any, registration: Any, page: Any, *, context_id: str, link_id: str
) -> Course:
    """A course ``context_id`` on the peer with a column (maximum 10) for the link ``link_id``
    to ``page``, and the tool's Context, ResourceLink and LineItem for it, as a launch and its
    background task leave them."""
    from lti_fixtures.courses import course_with_column

    made = course_with_column(
        server.platform,
        registration,
        page,
        context_id=context_id,
        link_id=link_id,
        deployment_id=DEPLOYMENT_ID,
    )
    return Course(server, made.line_item, made.peer_item_id)

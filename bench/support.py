"""What the benchmarks share: the tool registered with a platform peer on loopback."""

from __future__ import annotations

from typing import Any

TOOL = "http://testserver"
CLIENT_ID = "bench"
DEPLOYMENT_ID = "deployment-1"


def register_with(server: Any) -> Any:
    """Register the tool with the peer ``server`` and the peer with the tool (an active
    deployment); returns the tool's Registration. Needs a ToolKey."""
    from lti_tool.models import ToolKey
    from tests.factories import register_platform

    server.platform.register_tool(
        client_id=CLIENT_ID,
        login_initiation_url=f"{TOOL}/lti/login/",
        redirect_uris=[f"{TOOL}/lti/launch/"],
        target_link_uri=f"{TOOL}/lti/launch/",
        jwks=ToolKey.jwks(),
        deployment_ids=[DEPLOYMENT_ID],
    )
    return register_platform(
        server, name="Bench LMS", client_id=CLIENT_ID, deployment_id=DEPLOYMENT_ID
    )

"""The tool under Django's test client and a real platform peer on loopback.

The tool runs as ``http://testserver``; the platform is the project's ``lti_platform``
serving its JWKS, auth, token and services over HTTP. :func:`serve_lms` registers each side
with the other; :func:`launch` drives the whole OIDC flow through the test client.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from lti_platform import PlatformServer
from lti_tool.models import Registration, ToolKey
from tests.factories import register_platform

TOOL = "http://testserver"
CLIENT_ID = "hub-client"
DEPLOYMENT_ID = "deployment-1"


@dataclass
class Lms:
    server: PlatformServer
    registration: Registration

    @property
    def platform(self) -> Any:
        return self.server.platform


@contextmanager
def serve_lms(
    *,
    flavour: str = "generic",
    name: str = "Test LMS",
    deployment_ids: Sequence[str] = (DEPLOYMENT_ID, "deployment-2"),
) -> Iterator[Lms]:
    """A platform peer of ``flavour`` that knows the tool (with ``deployment_ids``), and the
    tool's registration of it with ``DEPLOYMENT_ID`` active. Needs database access."""
    ToolKey.generate()
    with PlatformServer(flavour=flavour) as server:
        server.platform.register_tool(
            client_id=CLIENT_ID,
            login_initiation_url=f"{TOOL}/lti/login/",
            redirect_uris=[f"{TOOL}/lti/launch/"],
            target_link_uri=f"{TOOL}/lti/launch/",
            deployment_ids=list(deployment_ids),
            jwks=ToolKey.jwks(),
        )
        registration = register_platform(
            server, name=name, client_id=CLIENT_ID, deployment_id=DEPLOYMENT_ID
        )
        yield Lms(server, registration)


def start_login(client: Client, lms: Lms, **prepare: Any) -> tuple[Any, Any]:
    """Platform prepares a launch; the tool's login redirects to the platform's auth URL."""
    pending = lms.platform.prepare_launch(client_id=CLIENT_ID, **prepare)
    response = client.post("/lti/login/", pending.login_params)
    return pending, response


def launch(client: Client, lms: Lms, **prepare: Any) -> Any:
    """The whole OIDC flow through the test client; returns the tool's launch response."""
    _, login = start_login(client, lms, **prepare)
    assert login.status_code == 302, login.content[:400]
    query = parse_qs(urlsplit(login["Location"]).query)
    redirect_uri, form = lms.platform.authorize(query)
    assert redirect_uri == f"{TOOL}/lti/launch/"
    return client.post("/lti/launch/", form)


def follow(client: Client, response: Any) -> Any:
    """Follow the tool's redirects after a launch (within the tool)."""
    while response.status_code in (301, 302, 303):
        location = response["Location"]
        path = location.removeprefix(TOOL)
        response = client.get(path)
    return response

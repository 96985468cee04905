"""A real platform on loopback, registered with the tool, and a driver for the OIDC flow.

The tool runs under Django's test client (as ``http://testserver``); the platform is the
``tests.lti_platform`` package serving its JWKS, auth, token and services over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from lti_tool.models import Registration, ToolKey
from tests.factories import register_platform
from tests.lti_platform import PlatformServer

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


@pytest.fixture
def lms(db) -> Iterator[Lms]:
    ToolKey.generate()
    with PlatformServer(flavour="generic") as server:
        server.platform.register_tool(
            client_id=CLIENT_ID,
            login_initiation_url=f"{TOOL}/lti/login/",
            redirect_uris=[f"{TOOL}/lti/launch/"],
            target_link_uri=f"{TOOL}/lti/launch/",
            deployment_ids=[DEPLOYMENT_ID, "deployment-2"],
            jwks=ToolKey.jwks(),
        )
        registration = register_platform(
            server, name="Test LMS", client_id=CLIENT_ID, deployment_id=DEPLOYMENT_ID
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

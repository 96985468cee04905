"""Fixtures for the concurrency tests: a real tool server and a real platform peer.

The tool is pytest-django's live server (a threaded WSGI server: one thread per request, each
with its own database connection); the platform is ``lti_platform`` on loopback. Every
test here runs on whichever database the suite runs on: the SQLite test file (WAL,
IMMEDIATE, busy timeout, as in production) or PostgreSQL.

The helpers that release many requests at once (``at_once``, ``launch_over_http``, ...) are
in ``tests/support/live.py``. The assertions are about outcomes (status codes, rows, scores
received), never about time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lti_platform import PlatformServer
from lti_tool.models import ToolKey
from tests.factories import register_platform
from tests.support.live import CLIENT_ID, DEPLOYMENT_ID, LiveLms


@pytest.fixture
def live_lms(live_server) -> Iterator[LiveLms]:
    ToolKey.generate()
    tool = live_server.url
    with PlatformServer(flavour="generic") as server:
        server.platform.register_tool(
            client_id=CLIENT_ID,
            login_initiation_url=f"{tool}/lti/login/",
            redirect_uris=[f"{tool}/lti/launch/"],
            target_link_uri=f"{tool}/lti/launch/",
            deployment_ids=[DEPLOYMENT_ID],
            jwks=ToolKey.jwks(),
        )
        registration = register_platform(
            server, name="Test LMS", client_id=CLIENT_ID, deployment_id=DEPLOYMENT_ID
        )
        yield LiveLms(server, registration, tool)

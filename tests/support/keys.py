"""Key-rotation helpers: launches signed with a chosen platform key, and what was refused."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.test import Client

from lti_platform import RsaKey
from lti_tool.roles import LEARNER
from tests.support.lti import CLIENT_ID, TOOL, start_login

USER = "rotating-user"


def accepted(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(f"{TOOL}/lti/s/")


def refused_codes(caplog: pytest.LogCaptureFixture) -> list[str]:
    codes = []
    for record in caplog.records:
        if record.name == "lti_tool.launch" and record.getMessage().startswith("{"):
            line = json.loads(record.getMessage())
            if line.get("event") == "lti_launch_refused":
                codes.append(line["code"])
    return codes


def login_for(client: Client, lms: Any) -> tuple[str, str]:
    """The tool's OIDC login; returns the state and nonce it issued."""
    _, response = start_login(client, lms, user=USER, roles=[LEARNER])
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return query["state"][0], query["nonce"][0]


def launch_signed_with(client: Client, lms: Any, key: RsaKey) -> Any:
    """A valid launch whose id_token is signed with ``key`` (and carries its kid)."""
    state, nonce = login_for(client, lms)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=nonce, user=USER, roles=[LEARNER], signing_key=key
    )
    assert jwt.get_unverified_header(token)["kid"] == key.kid
    return client.post("/lti/launch/", {"id_token": token, "state": state})

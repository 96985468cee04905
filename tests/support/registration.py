"""Dynamic Registration as the LMS starts it: open the tool's URL, review, confirm.

The tool runs under Django's test client as ``http://testserver``; the LMS is a
``lti_platform.PlatformServer`` on loopback.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

from django.test import Client

from lti_platform import PlatformServer
from lti_platform.forms import parse_auto_post_form
from tests.support.lti import TOOL

REGISTER = "/lti/register/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def tool_register_url(token: str | None) -> str:
    """The URL the Peer Leadership Hub administrator hands to the LMS administrator."""
    return f"{TOOL}{REGISTER}" + (f"?{urlencode({'token': token})}" if token else "")


def opened_by(server: PlatformServer, token: str | None) -> str:
    """What the LMS opens: the tool's URL plus openid_configuration and registration_token."""
    url = server.platform.dynreg.initiation_url(tool_register_url(token))
    assert url.startswith(TOOL)
    return url.removeprefix(TOOL)


def confirm(client: Client, review: Any) -> Any:
    """Submit the review page's form as a browser would (empty action: the same URL)."""
    form = parse_auto_post_form(review.content.decode())
    assert form.method == "post"
    return client.post(form.action or review.wsgi_request.get_full_path(), form.fields)


def register(client: Client, server: PlatformServer, token: str | None) -> tuple[Any, Any]:
    review = client.get(opened_by(server, token))
    assert review.status_code == 200, text(review)[:600]
    return review, confirm(client, review)

"""Drive a complete browser-style LTI launch over HTTP with a ``requests.Session``.

The session plays the user's browser: it carries the tool's cookies from the login step to the
launch step, follows the tool's redirect to the platform's authorization endpoint, reads the
auto-post form and posts it back to the tool.  Use it against a tool served over HTTP (e.g. a
Django ``LiveServerTestCase``); with Django's in-process test client call the same steps
yourself: ``platform.authorize(parse_qs(urlsplit(location).query))`` then post the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from .forms import AutoPostForm, parse_auto_post_form
from .models import PendingLaunch

__all__ = ["LaunchFlowError", "LaunchFlowResult", "run_oidc_launch"]


class LaunchFlowError(AssertionError):
    """The tool did not behave like an LTI tool at some step of the flow."""


@dataclass
class LaunchFlowResult:
    """Every hop of the launch, for assertions."""

    login_response: requests.Response
    auth_request_url: str
    auth_request_params: dict[str, str]
    auth_response: requests.Response
    form: AutoPostForm
    launch_response: requests.Response


def _next_hop_from_login(response: requests.Response) -> tuple[str, str, dict[str, str]]:
    """Where the tool sends the browser after login initiation: (method, url, form fields)."""
    if response.is_redirect:
        return "GET", urljoin(response.url, response.headers["Location"]), {}
    content_type = response.headers.get("Content-Type", "")
    if response.status_code == 200 and "html" in content_type:
        try:
            form = parse_auto_post_form(response.text)
        except ValueError:
            raise LaunchFlowError(
                "login initiation returned HTML without a redirect form (cookie check page?)"
            ) from None
        return form.method.upper(), urljoin(response.url, form.action), form.fields
    raise LaunchFlowError(
        f"login initiation answered {response.status_code} {content_type!r}, not a redirect"
    )


def run_oidc_launch(
    session: requests.Session,
    launch: PendingLaunch,
    *,
    login_method: Literal["GET", "POST"] = "POST",
    timeout: float = 10.0,
) -> LaunchFlowResult:
    """Run login initiation -> authorization -> form post for a prepared launch.

    Every HTTP call uses ``timeout`` and no automatic redirects, so each hop is observable.
    """
    if login_method == "GET":
        login = session.get(
            launch.login_url, params=launch.login_params, allow_redirects=False, timeout=timeout
        )
    else:
        login = session.post(
            launch.login_url, data=launch.login_params, allow_redirects=False, timeout=timeout
        )
    method, auth_url, fields = _next_hop_from_login(login)
    query = {k: v[0] for k, v in parse_qs(urlsplit(auth_url).query).items()}
    if method == "GET":
        auth = session.get(auth_url, allow_redirects=False, timeout=timeout)
    else:
        auth = session.post(auth_url, data=fields, allow_redirects=False, timeout=timeout)
    params = {**query, **fields}
    if auth.status_code != 200:
        raise LaunchFlowError(f"authorization endpoint answered {auth.status_code}: {auth.text}")
    form = parse_auto_post_form(auth.text)
    launch_response = session.post(
        form.action, data=form.fields, allow_redirects=False, timeout=timeout
    )
    return LaunchFlowResult(
        login_response=login,
        auth_request_url=auth_url,
        auth_request_params=params,
        auth_response=auth,
        form=form,
        launch_response=launch_response,
    )

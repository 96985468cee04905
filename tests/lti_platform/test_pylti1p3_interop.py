"""Interoperability of the test platform with pylti1p3, the library the product's tool uses.

A minimal framework-free pylti1p3 "tool" (dict tool config, dict session, dict cookie jar)
runs the OIDC login, validates the launch, calls AGS / NRPS through the platform's token
endpoint and returns a Deep Linking response that the platform verifies.

It also records where pylti1p3 on its own is weaker than the LTI security framework
(:data:`PYLTI1P3_GAPS`): the product's tool must add those checks itself.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pylti1p3.cookie import CookieService
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, LtiServiceException, ToolConfException
from pylti1p3.grade import Grade
from pylti1p3.message_launch import MessageLaunch
from pylti1p3.oidc_login import OIDCLogin
from pylti1p3.redirect import Redirect
from pylti1p3.registration import Registration
from pylti1p3.request import Request
from pylti1p3.service_connector import ServiceConnector
from pylti1p3.session import SessionService
from pylti1p3.tool_config import ToolConfDict

from lti_platform import Member, PlatformServer, RsaKey, hostile_cases
from lti_platform import claims as c

TOOL_BASE = "http://127.0.0.1:9"
LAUNCH_URL = TOOL_BASE + "/lti/launch/"

PYLTI1P3_GAPS: frozenset[str] = frozenset(
    {
        "missing_exp",
        "missing_iat",
        "aud_list_without_azp",
        "aud_list_wrong_azp",
        "wrong_azp",
        "roles_not_a_list",
        "foreign_target_link_uri",
        "missing_target_link_uri",
        "missing_deep_link_return_url",
    }
)
"""Hostile cases pylti1p3next 2.0.2 accepts by itself: the tool must check these itself.

pylti1p3 also accepts the same id_token twice within one session (its nonce is not consumed),
so the tool must keep its own single-use nonce store.
"""

BOTH = (c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST)


class DictRequest(Request):
    """pylti1p3 request backed by plain dicts."""

    def __init__(self, params: dict[str, str], session: dict[str, Any]) -> None:
        self._params = params
        self._session = session

    @property
    def session(self) -> dict[str, Any]:
        return self._session

    def is_secure(self) -> bool:
        return False

    def get_param(self, key: str) -> str:
        return self._params.get(key)  # type: ignore[return-value]


class JarCookies(CookieService):
    """pylti1p3 cookie service over a dict cookie jar."""

    def __init__(self, jar: dict[str, str]) -> None:
        self.jar = jar

    def get_cookie(self, name: str) -> str | None:
        return self.jar.get(name)

    def set_cookie(self, name: str, value: str | int, exp: int | None = 3600) -> None:
        self.jar[name] = str(value)


class UrlRedirect(Redirect[str]):
    """A redirect that just returns its URL."""

    def __init__(self, url: str) -> None:
        self.url = url

    def do_redirect(self) -> str:
        return self.url

    def do_js_redirect(self) -> str:
        return self.url

    def set_redirect_url(self, location: str) -> None:
        self.url = location

    def get_redirect_url(self) -> str:
        return self.url


class ToolLogin(OIDCLogin):
    def get_redirect(self, url: str) -> UrlRedirect:
        return UrlRedirect(url)

    def get_response(self, html: str) -> str:
        return html


class CachingConnector(ServiceConnector):
    """Service connector caching access tokens in memory (per scope set)."""

    cache: dict[str, tuple[str, float]] = {}

    def _get_cached_access_token(self, scope_key: str) -> str | None:
        token, expires = self.cache.get(scope_key, ("", 0.0))
        return token if token and expires > time.time() else None

    def _cache_access_token(self, scope_key: str, access_token: str, expires_in: float) -> None:
        self.cache[scope_key] = (access_token, time.time() + expires_in - 30)


class ToolLaunch(MessageLaunch):
    def _get_request_param(self, key: str) -> str:
        return self._request.get_param(key)


class JwksServer:
    """Serves a fixed JWKS document on 127.0.0.1."""

    def __init__(self, document: dict[str, Any]) -> None:
        payload = json.dumps(document).encode()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks"

    def __enter__(self) -> JwksServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class Tool:
    """A pylti1p3 tool configured for one platform."""

    def __init__(self, server: PlatformServer, key: RsaKey) -> None:
        issuer = server.platform.issuer
        self.config = ToolConfDict(
            {
                issuer: [
                    {
                        "default": True,
                        "client_id": "tool-1",
                        "auth_login_url": server.auth_url,
                        "auth_token_url": server.token_url,
                        "key_set_url": server.jwks_url,
                        "deployment_ids": ["deployment-1"],
                    }
                ]
            }
        )
        self.config.set_private_key(issuer, key.private_pem(), client_id="tool-1")
        self.config.set_public_key(issuer, key.public_pem(), client_id="tool-1")
        self.session: dict[str, Any] = {}
        self.jar: dict[str, str] = {}

    def login(self, params: dict[str, str]) -> dict[str, str]:
        """Run pylti1p3's OIDC login; return the authentication request parameters."""
        request = DictRequest(params, self.session)
        login = ToolLogin(
            request,
            self.config,
            session_service=SessionService(request),
            cookie_service=JarCookies(self.jar),
        )
        url = login.disable_check_cookies().redirect(LAUNCH_URL)
        return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

    def launch(self, form: dict[str, str]) -> ToolLaunch:
        """Validate the posted id_token the way the tool's launch view does."""
        request = DictRequest(form, self.session)
        launch = ToolLaunch(
            request,
            self.config,
            session_service=SessionService(request),
            cookie_service=JarCookies(self.jar),
            service_connector_cls=CachingConnector,
        )
        launch.get_launch_data()
        return launch


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer() as running:
        yield running


@pytest.fixture
def tool(server: PlatformServer) -> Iterator[Tool]:
    key = RsaKey.generate()
    jwks = {"keys": [dict(Registration.get_jwk(key.public_pem()))]}
    with JwksServer(jwks) as keys:
        server.platform.register_tool(
            client_id="tool-1",
            login_initiation_url=TOOL_BASE + "/lti/login/",
            redirect_uris=[LAUNCH_URL],
            jwks_uri=keys.url,
        )
        CachingConnector.cache = {}
        yield Tool(server, key)


def complete_launch(server: PlatformServer, tool: Tool, **launch_kwargs: Any) -> ToolLaunch:
    pending = server.platform.prepare_launch(**launch_kwargs)
    auth_request = tool.login(pending.login_params)
    _, form = server.platform.authorize(auth_request)
    return tool.launch(form)


def test_pylti1p3_tool_validates_a_platform_launch(server: PlatformServer, tool: Tool) -> None:
    launch = complete_launch(server, tool, user="learner-5", lineitem=True)
    data = launch.get_launch_data()
    assert launch.is_resource_launch() and data["sub"] == "learner-5"
    assert launch.check_student_access()
    assert launch.has_ags() and launch.has_nrps()


@pytest.mark.parametrize(
    ("message_type", "case"),
    [(m, case) for m in BOTH for case in hostile_cases(m) if case not in PYLTI1P3_GAPS],
)
def test_pylti1p3_rejects_hostile_launches(
    server: PlatformServer, tool: Tool, message_type: str, case: str
) -> None:
    with pytest.raises((LtiException, ToolConfException)):
        complete_launch(server, tool, message_type=message_type, tamper=case)


@pytest.mark.parametrize(
    ("message_type", "case"),
    [(m, case) for m in BOTH for case in hostile_cases(m) if case in PYLTI1P3_GAPS],
)
def test_documented_pylti1p3_gaps_are_real(
    server: PlatformServer, tool: Tool, message_type: str, case: str
) -> None:
    """Keeps PYLTI1P3_GAPS honest: an entry that pylti1p3 does reject must leave the list,
    otherwise it would silently be excluded from the rejection test above."""
    launch = complete_launch(server, tool, message_type=message_type, tamper=case)
    assert launch.get_launch_data()


def test_pylti1p3_accepts_a_replayed_id_token_in_the_same_session(
    server: PlatformServer, tool: Tool
) -> None:
    """Documents that replay protection is the tool's job (see PYLTI1P3_GAPS)."""
    pending = server.platform.prepare_launch()
    _, form = server.platform.authorize(tool.login(pending.login_params))
    tool.launch(form)
    assert tool.launch(form).get_launch_data()["nonce"]


def test_pylti1p3_services_against_the_platform(server: PlatformServer, tool: Tool) -> None:
    platform = server.platform
    platform.add_members(
        [Member(f"peer-{n}", [c.ROLE_LEARNER], name=f"Peer {n}") for n in range(5)]
    )
    platform.nrps.page_size = 2
    launch = complete_launch(server, tool, user="peer-0", lineitem=True)

    members = launch.get_nrps().get_members()
    assert [m["user_id"] for m in members] == [f"peer-{n}" for n in range(5)]
    assert len(server.requests_for("nrps")) == 3  # followed two rel="next" links

    ags = launch.get_ags()
    for given in (4, 7):
        grade = (
            Grade()
            .set_user_id("peer-1")
            .set_score_given(given)
            .set_score_maximum(10)
            .set_activity_progress("Completed")
            .set_grading_progress("FullyGraded")
            .set_timestamp(datetime.now(UTC))
        )
        ags.put_grade(grade)
    scores = platform.ags.scores_for(user_id="peer-1")
    assert [s.score_given for s in scores] == [4, 7]
    assert [s.applied for s in scores] == [True, True]
    assert [item["resourceLinkId"] for item in ags.get_lineitems()] == ["resource-link-1"]
    # one token for NRPS, one for the AGS scope set; reused afterwards
    assert platform.token_request_count == 2

    naive = Grade().set_user_id("peer-1").set_score_given(1).set_score_maximum(10)
    naive.set_activity_progress("Completed").set_grading_progress("FullyGraded")
    naive.set_timestamp(datetime(2025, 1, 1, 12, 0, 0))  # no timezone: AGS refuses it
    with pytest.raises(LtiServiceException, match=r"service request.*: 400$"):
        ags.put_grade(naive)


def test_pylti1p3_deep_link_response_is_verified_by_the_platform(
    server: PlatformServer, tool: Tool
) -> None:
    launch = complete_launch(server, tool, message_type=c.MSG_DEEP_LINKING_REQUEST)
    assert launch.is_deep_link_launch()
    resource = DeepLinkResource().set_url(LAUNCH_URL + "?activity=7").set_title("Activity 7")
    response_jwt = launch.get_deep_link().get_response_jwt([resource])
    items = server.platform.verify_deep_linking_response(response_jwt)
    assert items[0]["title"] == "Activity 7" and items[0]["type"] == "ltiResourceLink"
    html = launch.get_deep_link().output_response_form([resource])
    assert server.platform.deep_link_return_url in html

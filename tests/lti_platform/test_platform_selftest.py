"""Self-tests of the LTI 1.3 test platform (pure Python + loopback HTTP, no Django, no DB).

Besides exercising every endpoint, these tests run each hostile token through an independent,
strict tool-side validator to prove the tampering really produces the violation it claims.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from lti_platform import (
    HOSTILE,
    AuthorizationError,
    DeepLinkingResponseError,
    Member,
    Platform,
    PlatformServer,
    RsaKey,
    Tamper,
    ToolRegistration,
    hostile_cases,
    is_registration_close_page,
    parse_auto_post_form,
    run_oidc_launch,
)
from lti_platform import (
    claims as c,
)
from lti_platform.keys import b64url_encode

TIMEOUT = 5.0
TOOL_HOST = "127.0.0.1:9"  # the (never contacted) host of tools in pure-function tests
LOGIN_URL = f"http://{TOOL_HOST}/lti/login/"
LAUNCH_URL = f"http://{TOOL_HOST}/lti/launch/"


# --------------------------------------------------------------------------- tiny servers --
Route = Callable[[BaseHTTPRequestHandler, str, dict[str, list[str]], bytes], None]


class TinyServer:
    """A minimal loopback HTTP server for fake tools, dispatching ``(method, path)``."""

    def __init__(self, routes: dict[tuple[str, str], Route]) -> None:
        self.routes = routes
        self.hits: dict[str, int] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _go(self, method: str) -> None:
                parts = urlsplit(self.path)
                owner.hits[parts.path] = owner.hits.get(parts.path, 0) + 1
                route = owner.routes.get((method, parts.path))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route(self, parts.path, parse_qs(parts.query), body)

            def do_GET(self) -> None:
                self._go("GET")

            def do_POST(self) -> None:
                self._go("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> TinyServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def reply(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes | str = b"",
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> None:
    payload = body.encode() if isinstance(body, str) else body
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(payload)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(payload)


class FakeToolJwks(TinyServer):
    """Serves the JWKS of a fake tool; the published keys can be swapped."""

    def __init__(self, *keys: RsaKey) -> None:
        self.keys = list(keys)
        super().__init__({("GET", "/jwks"): self._serve})

    def _serve(self, handler: BaseHTTPRequestHandler, path: str, query: Any, body: bytes) -> None:
        reply(handler, 200, json.dumps({"keys": [k.public_jwk() for k in self.keys]}))

    @property
    def url(self) -> str:
        return self.base_url + "/jwks"


# ------------------------------------------------------------------------------- fixtures --
@pytest.fixture(scope="module")
def tool_key() -> RsaKey:
    return RsaKey.generate(kid="tool-key-1")


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer() as running:
        yield running


@pytest.fixture
def tool_jwks(tool_key: RsaKey) -> Iterator[FakeToolJwks]:
    with FakeToolJwks(tool_key) as running:
        yield running


@pytest.fixture
def registration(server: PlatformServer, tool_jwks: FakeToolJwks) -> ToolRegistration:
    return server.platform.register_tool(
        client_id="tool-1",
        login_initiation_url=LOGIN_URL,
        redirect_uris=[LAUNCH_URL],
        deployment_ids=["deployment-1", "deployment-2"],
        jwks_uri=tool_jwks.url,
    )


def client_assertion(
    key: RsaKey, client_id: str, audience: str, *, jti: str | None = None, **changes: Any
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now,
        "exp": now + 60,
        "jti": jti or secrets.token_hex(8),
    }
    claims.update(changes)
    return key.sign(claims)


def get_token(
    server: PlatformServer, key: RsaKey, scopes: list[str], client_id: str = "tool-1"
) -> requests.Response:
    return requests.post(
        server.token_url,
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": c.CLIENT_ASSERTION_TYPE,
            "client_assertion": client_assertion(key, client_id, server.token_url),
            "scope": " ".join(scopes),
        },
        timeout=TIMEOUT,
    )


def bearer(server: PlatformServer, key: RsaKey, scopes: list[str]) -> dict[str, str]:
    response = get_token(server, key, scopes)
    assert response.status_code == 200, response.text
    return {"Authorization": "Bearer " + response.json()["access_token"]}


# ------------------------------------------------------------ strict tool-side validator --
class Rejected(Exception):
    """The strict validator refused a token."""


def strict_validate(
    token: str,
    *,
    jwks_url: str,
    client_id: str,
    issuer: str,
    deployment_ids: set[str],
    nonce: str,
    tool_host: str = TOOL_HOST,
) -> dict[str, Any]:
    """An independent, spec-following id_token validator (what the tool must do)."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise Rejected(f"header: {exc}") from exc
    if header.get("alg") != "RS256":
        raise Rejected(f"alg {header.get('alg')}")
    jwks = requests.get(jwks_url, timeout=TIMEOUT).json()
    matches = [k for k in jwks["keys"] if k.get("kid") == header.get("kid")]
    if not matches:
        raise Rejected("unknown kid")
    key = jwt.PyJWK(matches[0], algorithm="RS256")
    try:
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            audience=client_id,
            issuer=issuer,
            options={"require": ["exp", "iat", "iss", "aud", "nonce"]},
        )
    except jwt.PyJWTError as exc:
        raise Rejected(f"jwt: {exc}") from exc
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and "azp" not in claims:
        raise Rejected("several audiences without azp")
    if "azp" in claims and claims["azp"] != client_id:
        raise Rejected("azp is not this client")
    if claims.get("nonce") != nonce:
        raise Rejected("nonce mismatch")
    if "sub" in claims and not claims["sub"]:
        raise Rejected("empty sub")
    message_type = claims.get(c.MESSAGE_TYPE)
    if message_type not in (c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST):
        raise Rejected("message_type")
    if claims.get(c.VERSION) != c.LTI_VERSION:
        raise Rejected("version")
    if claims.get(c.DEPLOYMENT_ID) not in deployment_ids:
        raise Rejected("deployment_id")
    if not isinstance(claims.get(c.ROLES), list):
        raise Rejected("roles")
    target = claims.get(c.TARGET_LINK_URI)
    if not isinstance(target, str) or urlsplit(target).netloc != tool_host:
        raise Rejected("target_link_uri")
    if message_type == c.MSG_RESOURCE_LINK:
        if not claims.get(c.RESOURCE_LINK, {}).get("id"):
            raise Rejected("resource_link.id")
    else:
        settings = claims.get(c.DL_SETTINGS)
        if not isinstance(settings, dict) or not settings.get("deep_link_return_url"):
            raise Rejected("deep_linking_settings")
    return claims


def validate_for(server: PlatformServer, token: str, nonce: str) -> dict[str, Any]:
    return strict_validate(
        token,
        jwks_url=server.jwks_url,
        client_id="tool-1",
        issuer=server.platform.issuer,
        deployment_ids={"deployment-1", "deployment-2"},
        nonce=nonce,
    )


# ------------------------------------------------------------------------------ id_tokens --
def test_jwks_is_served_over_http_and_id_token_verifies_with_pyjwt(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    token = server.platform.build_id_token(nonce="nonce-1")
    signing_key = jwt.PyJWKClient(server.jwks_url, timeout=TIMEOUT).get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256"],
        audience="tool-1",
        issuer=server.platform.issuer,
    )
    assert claims["iss"] == server.base_url
    assert claims["nonce"] == "nonce-1"
    jwks = requests.get(server.url("/jwks"), timeout=TIMEOUT).json()
    assert [k["kid"] for k in jwks["keys"]] == [server.platform.keys.signing_key.kid]
    assert all(k["kty"] == "RSA" and k["alg"] == "RS256" and "d" not in k for k in jwks["keys"])
    assert server.jwks_fetch_count >= 2


def test_resource_link_token_carries_all_required_claims(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    claims = validate_for(
        server,
        server.platform.build_id_token(nonce="n", lineitem=True, custom={"activity": "reflection"}),
        "n",
    )
    for name in ("sub", "exp", "iat", "azp", "name", "email", "given_name", "family_name"):
        assert claims[name], name
    assert claims["aud"] == "tool-1" and claims["azp"] == "tool-1"
    assert claims[c.MESSAGE_TYPE] == c.MSG_RESOURCE_LINK
    assert claims[c.VERSION] == "1.3.0"
    assert claims[c.DEPLOYMENT_ID] == "deployment-1"
    assert claims[c.TARGET_LINK_URI] == LAUNCH_URL
    assert claims[c.RESOURCE_LINK]["id"] and claims[c.RESOURCE_LINK]["title"]
    assert claims[c.ROLES] == [c.ROLE_LEARNER]
    assert claims[c.CONTEXT]["id"] == "course-1" and claims[c.CONTEXT]["type"]
    assert claims[c.TOOL_PLATFORM]["guid"]
    assert claims[c.LAUNCH_PRESENTATION]["document_target"] == "iframe"
    assert claims[c.CUSTOM] == {"activity": "reflection"}
    assert claims[c.LIS]["person_sourcedid"]
    ags = claims[c.AGS_ENDPOINT]
    assert set(ags["scope"]) == set(c.AGS_SCOPES)
    assert ags["lineitems"] == server.url("/api/contexts/course-1/lineitems")
    assert ags["lineitem"] == server.url("/api/contexts/course-1/lineitems/1")
    nrps = claims[c.NRPS]
    assert nrps["context_memberships_url"] == server.url("/api/contexts/course-1/memberships")
    assert nrps["service_versions"] == ["2.0"]
    # the launching user is enrolled and shows up in NRPS
    assert claims["sub"] in server.platform.contexts["course-1"].members


def test_deep_linking_request_carries_settings(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    token = server.platform.build_id_token(
        c.MSG_DEEP_LINKING_REQUEST, nonce="n", accept_multiple=False, data="opaque-42"
    )
    claims = validate_for(server, token, "n")
    settings = claims[c.DL_SETTINGS]
    assert claims[c.MESSAGE_TYPE] == c.MSG_DEEP_LINKING_REQUEST
    assert settings["deep_link_return_url"] == server.url("/deep_link_return")
    assert settings["accept_types"] == ["ltiResourceLink"]
    assert settings["accept_presentation_document_targets"] == ["iframe", "window"]
    assert settings["accept_multiple"] is False
    assert settings["data"] == "opaque-42"
    assert claims[c.ROLES] == [c.ROLE_INSTRUCTOR]
    assert c.RESOURCE_LINK not in claims


@pytest.mark.parametrize("case", hostile_cases(c.MSG_RESOURCE_LINK))
def test_every_hostile_resource_link_token_is_rejected(
    server: PlatformServer, registration: ToolRegistration, case: str
) -> None:
    token = server.platform.build_id_token(nonce="n", tamper=case)
    with pytest.raises(Rejected):
        validate_for(server, token, "n")


@pytest.mark.parametrize("case", hostile_cases(c.MSG_DEEP_LINKING_REQUEST))
def test_every_hostile_deep_linking_token_is_rejected(
    server: PlatformServer, registration: ToolRegistration, case: str
) -> None:
    token = server.platform.build_id_token(c.MSG_DEEP_LINKING_REQUEST, nonce="n", tamper=case)
    with pytest.raises(Rejected):
        validate_for(server, token, "n")


def test_untampered_tokens_pass_the_strict_validator(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    for message_type in (c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST):
        validate_for(server, server.platform.build_id_token(message_type, nonce="n"), "n")
    validate_for(
        server, server.platform.build_id_token(nonce="n", deployment_id="deployment-2"), "n"
    )


def test_alg_none_token_fails_verification(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    token = server.platform.build_id_token(nonce="n", sign_with="none")
    assert token.endswith(".") and jwt.get_unverified_header(token)["alg"] == "none"
    key = jwt.PyJWKClient(server.jwks_url, timeout=TIMEOUT).get_signing_key_from_jwt(token)
    with pytest.raises(jwt.PyJWTError):
        jwt.decode(token, key.key, algorithms=["RS256"], audience="tool-1")


def test_hs256_token_is_a_genuine_key_confusion_attempt(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    token = server.platform.build_id_token(nonce="n", tamper="hs256_key_confusion")
    header_b64, payload_b64, signature = token.split(".")
    pem = server.platform.keys.signing_key.public_pem().encode()
    expected = hmac.new(pem, f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
    assert signature == b64url_encode(expected)  # a naive HMAC-with-public-key check passes...
    with pytest.raises(Rejected):  # ...but an RS256-only validator refuses it
        validate_for(server, token, "n")


def test_overrides_and_nested_removals_apply(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    claims = server.platform.build_claims(
        nonce="n",
        overrides={(c.CUSTOM, "extra"): "x", "email": "other@example.edu"},
        remove={(c.RESOURCE_LINK, "title"), c.LIS},
    )
    assert claims[c.CUSTOM]["extra"] == "x" and claims["email"] == "other@example.edu"
    assert "title" not in claims[c.RESOURCE_LINK] and c.LIS not in claims
    with pytest.raises(KeyError):
        server.platform.build_claims(nonce="n", remove={"no-such-claim"})
    combined = server.platform.build_claims(nonce="n", tamper=["expired", "wrong_iss"])
    assert combined["exp"] < time.time() and combined["iss"] == "https://evil.example.com"


def test_key_rotation_and_staged_keys(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    platform = server.platform
    old = platform.keys.signing_key
    new = platform.keys.rotate()
    kids = [k["kid"] for k in requests.get(server.jwks_url, timeout=TIMEOUT).json()["keys"]]
    assert kids == [old.kid, new.kid]
    token = platform.build_id_token(nonce="n")
    assert jwt.get_unverified_header(token)["kid"] == new.kid
    validate_for(server, token, "n")
    # old tokens still verify while the old key stays published
    validate_for(server, platform.build_id_token(nonce="n", signing_key=old), "n")

    staged = platform.keys.rotate(publish_new=False)
    token = platform.build_id_token(nonce="n")
    with pytest.raises(Rejected, match="unknown kid"):
        validate_for(server, token, "n")
    platform.keys.publish(staged.kid)
    validate_for(server, token, "n")  # a refetch of the JWKS now finds it

    platform.keys.unpublish(old.kid)
    with pytest.raises(Rejected, match="unknown kid"):
        validate_for(server, platform.build_id_token(nonce="n", signing_key=old), "n")
    platform.keys.clear_published()
    assert requests.get(server.jwks_url, timeout=TIMEOUT).json() == {"keys": []}


# ------------------------------------------------------------------- OIDC authorization --
def auth_params(launch: Any, **changes: str | None) -> dict[str, str]:
    params = {
        "client_id": "tool-1",
        "redirect_uri": LAUNCH_URL,
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "nonce": "nonce-xyz",
        "state": "state-abc",
        "login_hint": launch.login_hint,
        "lti_message_hint": launch.message_hint,
    }
    for key, value in changes.items():
        if value is None:
            params.pop(key)
        else:
            params[key] = value
    return params


def test_authorize_over_http_returns_auto_post_form_and_json(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    launch = server.platform.prepare_launch(user="student-7", resource_link_id="rl-9")
    assert launch.login_url == LOGIN_URL
    assert launch.login_params == {
        "iss": server.platform.issuer,
        "target_link_uri": LAUNCH_URL,
        "login_hint": "student-7",
        "lti_message_hint": launch.message_hint,
        "lti_deployment_id": "deployment-1",
        "client_id": "tool-1",
    }
    page = requests.get(server.auth_url, params=auth_params(launch), timeout=TIMEOUT)
    assert page.status_code == 200 and page.headers["Content-Type"] == "text/html"
    form = parse_auto_post_form(page.text)
    assert form.action == LAUNCH_URL and form.method == "post"
    assert form.fields["state"] == "state-abc"
    claims = validate_for(server, form.fields["id_token"], "nonce-xyz")
    assert claims["sub"] == "student-7" and claims[c.RESOURCE_LINK]["id"] == "rl-9"

    answer = requests.post(
        server.auth_url,
        data=auth_params(launch, nonce="nonce-2"),
        headers={"Accept": "application/json"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["redirect_uri"] == LAUNCH_URL
    validate_for(server, body["form_fields"]["id_token"], "nonce-2")
    assert len(server.platform.issued_id_tokens) == 2


@pytest.mark.parametrize(
    ("changes", "error", "redirectable"),
    [
        ({"redirect_uri": "http://127.0.0.1:9/evil/"}, "invalid_request", False),
        ({"client_id": "nobody"}, "unauthorized_client", False),
        ({"response_type": "code"}, "unsupported_response_type", True),
        ({"scope": "profile"}, "invalid_scope", True),
        ({"response_mode": "query"}, "invalid_request", True),
        ({"prompt": None}, "invalid_request", True),
        ({"nonce": None}, "invalid_request", True),
        ({"login_hint": "someone-else"}, "login_required", True),
        ({"lti_message_hint": "forged"}, "invalid_request", True),
    ],
)
def test_authorize_refuses_invalid_requests(
    server: PlatformServer,
    registration: ToolRegistration,
    changes: dict[str, str | None],
    error: str,
    redirectable: bool,
) -> None:
    launch = server.platform.prepare_launch()
    with pytest.raises(AuthorizationError) as caught:
        server.platform.authorize(auth_params(launch, **changes))
    assert caught.value.error == error
    assert (caught.value.redirect_uri is not None) is redirectable
    response = requests.get(
        server.auth_url,
        params=auth_params(launch, **changes),
        headers={"Accept": "application/json"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 400
    body = response.json()
    if redirectable:
        assert body["form_fields"]["error"] == error and body["form_fields"]["state"] == "state-abc"
    else:
        assert body["error"] == error
    assert not server.platform.issued_id_tokens


def test_hostile_tamper_travels_through_the_oidc_flow(
    server: PlatformServer, registration: ToolRegistration
) -> None:
    launch = server.platform.prepare_launch(tamper="wrong_aud")
    _, form = server.platform.authorize(auth_params(launch))
    with pytest.raises(Rejected):
        validate_for(server, form["id_token"], "nonce-xyz")
    assert jwt.decode(form["id_token"], options={"verify_signature": False})["nonce"] == "nonce-xyz"


def test_run_oidc_launch_against_a_fake_tool(server: PlatformServer) -> None:
    """End to end: login initiation -> /auth -> form post -> tool validates the id_token."""
    states: dict[str, str] = {}

    def login(handler: BaseHTTPRequestHandler, path: str, query: Any, body: bytes) -> None:
        params = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        assert params["iss"] == server.platform.issuer
        state, nonce = secrets.token_hex(8), secrets.token_hex(8)
        states[state] = nonce
        auth = {
            "scope": "openid",
            "response_type": "id_token",
            "response_mode": "form_post",
            "prompt": "none",
            "client_id": params["client_id"],
            "redirect_uri": tool.base_url + "/launch",
            "login_hint": params["login_hint"],
            "lti_message_hint": params["lti_message_hint"],
            "state": state,
            "nonce": nonce,
        }
        location = server.auth_url + "?" + urlencode(auth)
        reply(handler, 302, headers={"Location": location, "Set-Cookie": f"lti_state={state}"})

    def launch(handler: BaseHTTPRequestHandler, path: str, query: Any, body: bytes) -> None:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        cookie = handler.headers.get("Cookie", "")
        assert f"lti_state={form['state']}" in cookie
        claims = strict_validate(
            form["id_token"],
            jwks_url=server.jwks_url,
            client_id="tool-x",
            issuer=server.platform.issuer,
            deployment_ids={"deployment-1"},
            nonce=states[form["state"]],
            tool_host=urlsplit(tool.base_url).netloc,
        )
        reply(handler, 200, json.dumps({"sub": claims["sub"]}))

    with TinyServer({("POST", "/login"): login, ("POST", "/launch"): launch}) as tool:
        server.platform.register_tool(
            client_id="tool-x",
            login_initiation_url=tool.base_url + "/login",
            redirect_uris=[tool.base_url + "/launch"],
        )
        pending = server.platform.prepare_launch(user="mentor-3", roles=[c.ROLE_MENTOR])
        with requests.Session() as browser:
            result = run_oidc_launch(browser, pending, timeout=TIMEOUT)
    assert result.login_response.status_code == 302
    assert result.auth_request_params["client_id"] == "tool-x"
    assert result.launch_response.status_code == 200
    assert result.launch_response.json() == {"sub": "mentor-3"}


# ------------------------------------------------------------------------ token endpoint --
def test_token_endpoint_verifies_client_assertions_against_tool_jwks(
    server: PlatformServer,
    registration: ToolRegistration,
    tool_key: RsaKey,
    tool_jwks: FakeToolJwks,
) -> None:
    stranger = RsaKey.generate(kid=tool_key.kid)  # same kid, different key: must fail
    refused = get_token(server, stranger, [c.SCOPE_NRPS])
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"

    unknown_kid = get_token(server, RsaKey.generate(kid="not-published"), [c.SCOPE_NRPS])
    assert unknown_kid.status_code == 401

    accepted = get_token(server, tool_key, [c.SCOPE_NRPS, c.SCOPE_AGS_SCORE])
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert set(body["scope"].split()) == {c.SCOPE_NRPS, c.SCOPE_AGS_SCORE}
    assert body["access_token"] in server.platform.access_tokens

    assert server.platform.token_request_count == 3
    assert server.platform.tokens_issued == 1
    assert server.request_count("token") == 3
    # unknown kid forced one refetch beyond the initial fetch; the JWKS is otherwise cached
    assert tool_jwks.hits["/jwks"] == 2


def test_token_endpoint_refusals(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    def post(**form: str) -> requests.Response:
        return requests.post(server.token_url, data=form, timeout=TIMEOUT)

    base = {
        "grant_type": "client_credentials",
        "client_assertion_type": c.CLIENT_ASSERTION_TYPE,
        "scope": c.SCOPE_NRPS,
    }
    good = client_assertion(tool_key, "tool-1", server.token_url, jti="jti-1")
    assert post(**base, client_assertion=good).status_code == 200
    replay = post(**base, client_assertion=good)
    assert replay.status_code == 401 and "jti" in replay.json()["error_description"]
    cases = {
        "wrong grant": (dict(base, grant_type="password"), 400, "unsupported_grant_type"),
        "wrong aud": (
            dict(base, client_assertion=client_assertion(tool_key, "tool-1", server.base_url)),
            401,
            "invalid_client",
        ),
        "expired": (
            dict(
                base,
                client_assertion=client_assertion(
                    tool_key, "tool-1", server.token_url, exp=int(time.time()) - 120
                ),
            ),
            401,
            "invalid_client",
        ),
        "sub differs": (
            dict(
                base,
                client_assertion=client_assertion(
                    tool_key, "tool-1", server.token_url, sub="other"
                ),
            ),
            401,
            "invalid_client",
        ),
        "scope not granted": (
            dict(
                base,
                scope="https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting",
                client_assertion=client_assertion(tool_key, "tool-1", server.token_url),
            ),
            400,
            "invalid_scope",
        ),
        "no assertion": (base, 400, "invalid_request"),
    }
    for name, (form, status, error) in cases.items():
        response = post(**form)
        assert (response.status_code, response.json()["error"]) == (status, error), name
    json_body = requests.post(server.token_url, json=base, timeout=TIMEOUT)
    assert json_body.status_code == 400


# ------------------------------------------------------------------------------- NRPS --
def test_nrps_paging_follows_next_links(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    platform = server.platform
    platform.add_members(
        [
            Member("u1", [c.ROLE_INSTRUCTOR], name="Ida Instructor", email="ida@example.edu"),
            Member("u2", [c.ROLE_LEARNER], name="Leo Learner"),
            Member("u3", [c.ROLE_LEARNER], status="Inactive"),
            Member("u4", [c.ROLE_TEACHING_ASSISTANT]),
            Member("u5", [c.ROLE_LEARNER], email="u5@example.edu"),
        ]
    )
    platform.nrps.page_size = 2
    headers = {**bearer(server, tool_key, [c.SCOPE_NRPS]), "Accept": c.MEDIA_MEMBERSHIP_CONTAINER}
    url: str | None = platform.nrps.memberships_url("course-1")
    pages: list[list[str]] = []
    members: list[dict[str, Any]] = []
    while url:
        response = requests.get(url, headers=headers, timeout=TIMEOUT)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == c.MEDIA_MEMBERSHIP_CONTAINER
        body = response.json()
        assert body["context"]["id"] == "course-1"
        pages.append([m["user_id"] for m in body["members"]])
        members.extend(body["members"])
        url = response.links.get("next", {}).get("url")
    assert pages == [["u1", "u2"], ["u3", "u4"], ["u5"]]
    by_id = {m["user_id"]: m for m in members}
    assert by_id["u3"]["status"] == "Inactive" and by_id["u1"]["status"] == "Active"
    assert by_id["u1"]["name"] == "Ida Instructor" and "email" not in by_id["u2"]
    assert by_id["u4"]["roles"] == [c.ROLE_TEACHING_ASSISTANT]

    learners = requests.get(
        platform.nrps.memberships_url("course-1"),
        params={"role": "Learner", "limit": 10},
        headers=headers,
        timeout=TIMEOUT,
    ).json()
    assert [m["user_id"] for m in learners["members"]] == ["u2", "u3", "u5"]

    no_token = requests.get(platform.nrps.memberships_url("course-1"), timeout=TIMEOUT)
    assert no_token.status_code == 401 and "Bearer" in no_token.headers["WWW-Authenticate"]
    wrong_scope = bearer(server, tool_key, [c.SCOPE_AGS_SCORE])
    forbidden = requests.get(
        platform.nrps.memberships_url("course-1"), headers=wrong_scope, timeout=TIMEOUT
    )
    assert forbidden.status_code == 403
    platform.expire_access_tokens()
    expired = requests.get(
        platform.nrps.memberships_url("course-1"), headers=headers, timeout=TIMEOUT
    )
    assert expired.status_code == 401


# -------------------------------------------------------------------------------- AGS --
def score(user_id: str, given: float = 8, *, timestamp: str | None = None) -> dict[str, Any]:
    return {
        "userId": user_id,
        "scoreGiven": given,
        "scoreMaximum": 10,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "timestamp": timestamp or "2025-01-01T10:00:00+00:00",
    }


def test_ags_line_items_scores_and_results(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    platform = server.platform
    platform.add_member(Member("learner-9"))
    auth = bearer(
        server,
        tool_key,
        [c.SCOPE_AGS_LINEITEM, c.SCOPE_AGS_SCORE, c.SCOPE_AGS_RESULT_READONLY],
    )
    container = platform.ags.line_items_url("course-1")
    wrong_type = requests.post(
        container, json={"label": "x", "scoreMaximum": 10}, headers=auth, timeout=TIMEOUT
    )
    assert wrong_type.status_code == 415
    created_ids = []
    for index in range(3):
        created = requests.post(
            container,
            data=json.dumps({"label": f"Reflection {index}", "scoreMaximum": 20, "tag": "peer"}),
            headers={**auth, "Content-Type": c.MEDIA_LINEITEM},
            timeout=TIMEOUT,
        )
        assert created.status_code == 201, created.text
        assert created.headers["Content-Type"] == c.MEDIA_LINEITEM
        created_ids.append(created.json()["id"])
    platform.ags.page_size = 2
    first = requests.get(container, headers=auth, timeout=TIMEOUT)
    assert first.headers["Content-Type"] == c.MEDIA_LINEITEM_CONTAINER
    second = requests.get(first.links["next"]["url"], headers=auth, timeout=TIMEOUT)
    assert [i["id"] for i in first.json() + second.json()] == created_ids
    assert "next" not in second.links

    line_item = created_ids[0]
    updated = requests.put(
        line_item,
        data=json.dumps({"label": "Renamed", "scoreMaximum": 50}),
        headers={**auth, "Content-Type": c.MEDIA_LINEITEM},
        timeout=TIMEOUT,
    )
    assert updated.json()["label"] == "Renamed"
    score_headers = {**auth, "Content-Type": c.MEDIA_SCORE}
    bad = [
        ({**score("learner-9"), "activityProgress": "Done"}, 400),
        ({k: v for k, v in score("learner-9").items() if k != "timestamp"}, 400),
        ({**score("learner-9"), "timestamp": "2025-01-01T10:00:00"}, 400),
        ({k: v for k, v in score("learner-9").items() if k != "scoreMaximum"}, 400),
        (score("not-enrolled"), 400),
    ]
    for payload, status in bad:
        response = requests.post(
            line_item + "/scores", data=json.dumps(payload), headers=score_headers, timeout=TIMEOUT
        )
        assert response.status_code == status, payload
    as_json = requests.post(
        line_item + "/scores", json=score("learner-9"), headers=auth, timeout=TIMEOUT
    )
    assert as_json.status_code == 415
    for payload in (
        score("learner-9", 5, timestamp="2025-01-01T10:00:00Z"),
        score("learner-9", 9, timestamp="2025-01-01T11:00:00Z"),
        score("learner-9", 1, timestamp="2025-01-01T09:00:00Z"),  # out of order: ignored
    ):
        response = requests.post(
            line_item + "/scores", data=json.dumps(payload), headers=score_headers, timeout=TIMEOUT
        )
        assert response.status_code == 200
    received = platform.ags.scores_for(line_item_id="1")
    assert [(s.score_given, s.applied) for s in received] == [(5, True), (9, True), (1, False)]
    results = requests.get(line_item + "/results", headers=auth, timeout=TIMEOUT)
    assert results.headers["Content-Type"] == c.MEDIA_RESULT_CONTAINER
    assert results.json() == [
        {
            "id": line_item + "/results/learner-9",
            "scoreOf": line_item,
            "userId": "learner-9",
            "resultMaximum": 50,
            "resultScore": 45.0,
        }
    ]
    score_only = bearer(server, tool_key, [c.SCOPE_AGS_SCORE])
    assert (
        requests.get(line_item + "/results", headers=score_only, timeout=TIMEOUT).status_code == 403
    )
    assert requests.delete(line_item, headers=auth, timeout=TIMEOUT).status_code == 204
    assert requests.get(line_item, headers=auth, timeout=TIMEOUT).status_code == 404


# ------------------------------------------------------------------------------ faults --
def test_fault_queue_first_request_500_then_200(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    platform = server.platform
    item = platform.ags.create_line_item("course-1", label="Quiz", score_maximum=10)
    platform.add_member(Member("learner-9"))
    headers = {**bearer(server, tool_key, [c.SCOPE_AGS_SCORE]), "Content-Type": c.MEDIA_SCORE}
    url = platform.ags.line_item_url("course-1", item.id) + "/scores"
    server.faults.fail_next("ags.scores", times=2, status=500)
    server.faults.fail_next("ags", status=503)
    statuses = [
        requests.post(url, data=json.dumps(score("learner-9")), headers=headers, timeout=TIMEOUT)
        for _ in range(4)
    ]
    assert [r.status_code for r in statuses] == [500, 500, 503, 200]
    assert statuses[2].headers["Retry-After"] == "1"
    assert len(platform.ags.scores) == 1  # faulted requests were not processed
    assert server.faults.pending() == 0
    assert [target for target, _ in server.faults.injected] == ["ags.scores"] * 3


def test_fault_queue_drop_delay_and_401(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    headers = bearer(server, tool_key, [c.SCOPE_NRPS])
    url = server.platform.nrps.memberships_url("course-1")
    server.platform.ensure_context("course-1")
    server.faults.drop_next("nrps")
    with pytest.raises(requests.ConnectionError):
        requests.get(url, headers=headers, timeout=TIMEOUT)
    server.faults.delay_next("nrps", seconds=1.0)
    with pytest.raises(requests.Timeout):
        requests.get(url, headers=headers, timeout=0.2)
    server.faults.fail_next("nrps", status=401)
    unauthorized = requests.get(url, headers=headers, timeout=TIMEOUT)
    assert unauthorized.status_code == 401 and "WWW-Authenticate" in unauthorized.headers
    server.faults.delay_next("token", seconds=0.3)
    started = time.monotonic()
    assert get_token(server, tool_key, [c.SCOPE_NRPS]).status_code == 200
    assert time.monotonic() - started >= 0.3
    assert requests.get(url, headers=headers, timeout=TIMEOUT).status_code == 200
    with pytest.raises(ValueError):
        server.faults.fail_next("no-such-target")


def test_server_stop_interrupts_injected_delays() -> None:
    server = PlatformServer().start()
    server.faults.delay_next("jwks", seconds=20)
    outcome: list[BaseException | int] = []

    def fetch() -> None:
        try:
            outcome.append(requests.get(server.jwks_url, timeout=TIMEOUT).status_code)
        except requests.RequestException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=fetch)
    worker.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.stop()
    worker.join(timeout=TIMEOUT)
    assert not worker.is_alive() and time.monotonic() - started < 3
    assert isinstance(outcome[0], requests.ConnectionError)


# ----------------------------------------------------------------- dynamic registration --
def registration_payload(tool_base: str, *, scope: str | None = None) -> dict[str, Any]:
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": tool_base + "/lti/login/",
        "redirect_uris": [tool_base + "/lti/launch/"],
        "client_name": "Peer Leadership Hub",
        "jwks_uri": tool_base + "/lti/jwks/",
        "logo_uri": tool_base + "/static/logo.png",
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": scope if scope is not None else f"{c.SCOPE_AGS_SCORE} {c.SCOPE_NRPS}",
        c.TOOL_CONFIGURATION: {
            "domain": urlsplit(tool_base).netloc,
            "target_link_uri": tool_base + "/lti/launch/",
            "claims": ["iss", "sub", "name", "email"],
            "messages": [
                {
                    "type": c.MSG_DEEP_LINKING_REQUEST,
                    "target_link_uri": tool_base + "/lti/deep-link/",
                    "label": "Add a peer activity",
                }
            ],
            "custom_parameters": {"hub_section": "peers"},
            "description": "Peer leadership activities",
        },
    }


@pytest.mark.parametrize("flavour", ["generic", "moodle", "canvas"])
def test_dynamic_registration_round_trip(flavour: str) -> None:
    tool_base = "http://127.0.0.1:9"
    with PlatformServer(flavour=flavour) as srv:  # type: ignore[arg-type]
        initiation = srv.platform.dynreg.initiation_url(tool_base + "/lti/register/?x=1")
        query = parse_qs(urlsplit(initiation).query)
        assert query["x"] == ["1"]
        config_url = query["openid_configuration"][0]
        token = query["registration_token"][0]
        config = requests.get(config_url, timeout=TIMEOUT)
        assert config.status_code == 200, config.text
        document = config.json()
        platform_config = document[c.PLATFORM_CONFIGURATION]
        assert document["issuer"] == srv.base_url
        assert urlsplit(config_url).netloc == urlsplit(document["issuer"]).netloc
        for key in (
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
            "registration_endpoint",
            "scopes_supported",
            "response_types_supported",
            "id_token_signing_alg_values_supported",
            "claims_supported",
            "subject_types_supported",
        ):
            assert document[key], key
        assert requests.get(document["jwks_uri"], timeout=TIMEOUT).json()["keys"]
        expected_family = {
            "generic": "peer-leadership-test-lms",
            "moodle": "moodle",
            "canvas": "canvas",
        }
        assert platform_config["product_family_code"] == expected_family[flavour]
        assert platform_config["version"] and platform_config["variables"]

        response = requests.post(
            document["registration_endpoint"],
            json=registration_payload(tool_base),
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=TIMEOUT,
        )
        assert response.status_code == (201 if flavour == "generic" else 200), response.text
        body = response.json()
        tool_config = body[c.TOOL_CONFIGURATION]
        client_id = body["client_id"]
        if flavour == "canvas":
            deployment_id = body["deployment_id"]
            assert "deployment_id" not in tool_config
            assert tool_config["https://canvas.instructure.com/lti/registration_config_url"]
        else:
            deployment_id = tool_config["deployment_id"]
        assert client_id and deployment_id
        assert set(body["scope"].split()) == {c.SCOPE_AGS_SCORE, c.SCOPE_NRPS}

        registered = srv.platform.registrations[client_id]
        assert registered.deployment_ids == [deployment_id]
        assert registered.deep_linking_url == tool_base + "/lti/deep-link/"
        assert registered.jwks_uri == tool_base + "/lti/jwks/"
        launch = srv.platform.prepare_launch(client_id=client_id)
        assert launch.login_params["lti_deployment_id"] == deployment_id
        _redirect_uri, form = srv.platform.authorize(
            {
                **auth_params(launch),
                "client_id": client_id,
                "redirect_uri": tool_base + "/lti/launch/",
            }
        )
        claims = jwt.decode(form["id_token"], options={"verify_signature": False})
        assert claims["aud"] == client_id and claims[c.DEPLOYMENT_ID] == deployment_id
        assert claims[c.CUSTOM] == {"hub_section": "peers"}
        assert c.SCOPE_AGS_LINEITEM not in claims[c.AGS_ENDPOINT]["scope"]

        reused = requests.post(
            document["registration_endpoint"],
            json=registration_payload(tool_base),
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        )
        assert reused.status_code == 401
        missing = requests.post(
            document["registration_endpoint"], json=registration_payload(tool_base), timeout=TIMEOUT
        )
        assert missing.status_code == 401


def test_flavour_specific_openid_configuration_shapes() -> None:
    with PlatformServer(flavour="moodle") as moodle:
        token = moodle.platform.dynreg.issue_registration_token()
        assert jwt.get_unverified_header(token)["alg"] == "RS256"
        assert jwt.decode(token, options={"verify_signature": False})["scope"] == "reg"
        document = requests.get(
            moodle.url("/mod/lti/openid-configuration.php"), timeout=TIMEOUT
        ).json()
        config = document[c.PLATFORM_CONFIGURATION]
        assert config["messages_supported"] == [c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST]
        assert document["registration_endpoint"] == moodle.url("/mod/lti/openid-registration.php")
        assert document["token_endpoint"] == moodle.url("/mod/lti/token.php")
    with PlatformServer(flavour="canvas") as canvas:
        refused = requests.get(canvas.openid_configuration_url, timeout=TIMEOUT)
        assert refused.status_code == 401
        token = canvas.platform.dynreg.issue_registration_token()
        assert jwt.get_unverified_header(token)["alg"] == "HS256"
        document = requests.get(
            canvas.openid_configuration_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        ).json()
        config = document[c.PLATFORM_CONFIGURATION]
        assert config["https://canvas.instructure.com/lti/account_name"]
        assert config["https://canvas.instructure.com/lti/account_lti_guid"].endswith(":canvas-lms")
        assert {m["type"] for m in config["messages_supported"]} == {
            c.MSG_RESOURCE_LINK,
            c.MSG_DEEP_LINKING_REQUEST,
        }
        assert document["authorization_server"] == urlsplit(canvas.base_url).netloc
        assert document["token_endpoint"] == canvas.url("/login/oauth2/token")
        pending = canvas.platform.register_tool(
            client_id="c1", login_initiation_url=LOGIN_URL, redirect_uris=[LAUNCH_URL]
        )
        params = canvas.platform.prepare_launch(client_id=pending.client_id).login_params
        assert params["deployment_id"] == params["lti_deployment_id"]
        assert params["canvas_region"]


@pytest.mark.parametrize(
    ("flavour", "mutate"),
    [
        ("generic", lambda p: p.update(token_endpoint_auth_method="client_secret_basic")),
        ("generic", lambda p: p.update(grant_types=["implicit"])),
        ("generic", lambda p: p.update(application_type="native")),
        ("generic", lambda p: p.update(redirect_uris=[])),
        ("generic", lambda p: p.pop(c.TOOL_CONFIGURATION)),
        ("generic", lambda p: p[c.TOOL_CONFIGURATION].update(domain="elsewhere.example")),
        ("moodle", lambda p: p[c.TOOL_CONFIGURATION].pop("domain")),
        ("canvas", lambda p: p.pop("scope")),
        ("canvas", lambda p: p.update(scope="https://example.com/not-a-scope")),
    ],
)
def test_dynamic_registration_rejects_bad_metadata(
    flavour: str, mutate: Callable[[dict[str, Any]], Any]
) -> None:
    with PlatformServer(flavour=flavour) as srv:  # type: ignore[arg-type]
        token = srv.platform.dynreg.issue_registration_token()
        payload = registration_payload("http://127.0.0.1:9")
        mutate(payload)
        response = requests.post(
            srv.platform.registration_endpoint,
            json=payload,
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_client_metadata"
        assert not srv.platform.registrations
        # the token was not consumed by the failed attempt
        fine = requests.post(
            srv.platform.registration_endpoint,
            json=registration_payload("http://127.0.0.1:9"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        )
        assert fine.status_code in (200, 201)


def test_open_registration_without_token_when_none_was_issued() -> None:
    with PlatformServer() as srv:
        response = requests.post(
            srv.registration_url, json=registration_payload("http://127.0.0.1:9"), timeout=TIMEOUT
        )
        assert response.status_code == 201
        srv.platform.dynreg.require_token = True
        again = requests.post(
            srv.registration_url, json=registration_payload("http://127.0.0.1:9"), timeout=TIMEOUT
        )
        assert again.status_code == 401


def test_registration_close_page_detection() -> None:
    page = (
        "<script>(window.opener||window.parent)"
        ".postMessage({subject:'org.imsglobal.lti.close'},'*')</script>"
    )
    assert is_registration_close_page(page)
    assert not is_registration_close_page("<p>Registered!</p>")


# ----------------------------------------------------------------------- deep linking --
def deep_linking_response(key: RsaKey, platform: Platform, data: str | None, **changes: Any) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "tool-1",
        "aud": platform.issuer,
        "iat": now,
        "exp": now + 300,
        "nonce": secrets.token_hex(8),
        c.MESSAGE_TYPE: c.MSG_DEEP_LINKING_RESPONSE,
        c.VERSION: c.LTI_VERSION,
        c.DEPLOYMENT_ID: "deployment-1",
        c.DL_CONTENT_ITEMS: [
            {"type": "ltiResourceLink", "title": "Peer reflection", "url": LAUNCH_URL}
        ],
    }
    if data is not None:
        claims[c.DL_DATA] = data
    claims.update(changes)
    return key.sign(claims)


def test_deep_linking_response_verification(
    server: PlatformServer, registration: ToolRegistration, tool_key: RsaKey
) -> None:
    platform = server.platform
    request_claims = platform.build_claims(c.MSG_DEEP_LINKING_REQUEST, accept_multiple=False)
    data = request_claims[c.DL_SETTINGS]["data"]

    token = deep_linking_response(tool_key, platform, data)
    items = platform.verify_deep_linking_response(token, expected_data=data)
    assert items == [{"type": "ltiResourceLink", "title": "Peer reflection", "url": LAUNCH_URL}]
    assert platform.deep_link_results[-1].deployment_id == "deployment-1"
    with pytest.raises(DeepLinkingResponseError, match="nonce"):
        platform.verify_deep_linking_response(token)

    two_items = [{"type": "ltiResourceLink"}, {"type": "ltiResourceLink"}]
    link_item = [{"type": "link", "url": "https://example.com"}]
    bad_cases = {
        "wrong aud": deep_linking_response(tool_key, platform, data, aud="https://other.example"),
        "wrong iss": deep_linking_response(tool_key, platform, data, iss="tool-2"),
        "expired": deep_linking_response(tool_key, platform, data, exp=int(time.time()) - 100),
        "message type": deep_linking_response(
            tool_key, platform, data, **{c.MESSAGE_TYPE: c.MSG_RESOURCE_LINK}
        ),
        "version": deep_linking_response(tool_key, platform, data, **{c.VERSION: "1.1"}),
        "deployment": deep_linking_response(
            tool_key, platform, data, **{c.DEPLOYMENT_ID: "deployment-x"}
        ),
        "unknown data": deep_linking_response(tool_key, platform, "forged-data"),
        "accept_multiple": deep_linking_response(
            tool_key, platform, data, **{c.DL_CONTENT_ITEMS: two_items}
        ),
        "accept_types": deep_linking_response(
            tool_key, platform, data, **{c.DL_CONTENT_ITEMS: link_item}
        ),
        "foreign key": deep_linking_response(RsaKey.generate(kid=tool_key.kid), platform, data),
    }
    for name, bad in bad_cases.items():
        with pytest.raises(DeepLinkingResponseError):
            platform.verify_deep_linking_response(bad)
        assert name
    missing_nonce = deep_linking_response(tool_key, platform, data)
    claims = jwt.decode(missing_nonce, options={"verify_signature": False})
    del claims["nonce"]
    with pytest.raises(DeepLinkingResponseError):
        platform.verify_deep_linking_response(tool_key.sign(claims))
    with pytest.raises(DeepLinkingResponseError, match="echo"):
        platform.verify_deep_linking_response(
            deep_linking_response(tool_key, platform, None), expected_data=data
        )

    # over HTTP, as the tool's auto-post form would deliver it
    posted = requests.post(
        platform.deep_link_return_url,
        data={"JWT": deep_linking_response(tool_key, platform, data)},
        timeout=TIMEOUT,
    )
    assert posted.status_code == 200 and posted.json()["content_items"][0]["title"]
    rejected = requests.post(
        platform.deep_link_return_url,
        data={"JWT": deep_linking_response(tool_key, platform, data, aud="nope")},
        timeout=TIMEOUT,
    )
    assert rejected.status_code == 400
    assert rejected.json()["error"] == "invalid_deep_linking_response"


def test_deep_linking_response_with_static_jwks() -> None:
    tool_key = RsaKey.generate()
    platform = Platform(issuer="https://lms.example.edu")
    platform.register_tool(
        client_id="tool-1",
        login_initiation_url=LOGIN_URL,
        redirect_uris=[LAUNCH_URL],
        jwks={"keys": [tool_key.public_jwk()]},
    )
    claims = platform.build_claims(c.MSG_DEEP_LINKING_REQUEST)
    assert claims["iss"] == "https://lms.example.edu"
    data = claims[c.DL_SETTINGS]["data"]
    token = deep_linking_response(tool_key, platform, data)
    assert platform.verify_deep_linking_response(token, client_id="tool-1")
    with pytest.raises(DeepLinkingResponseError, match="iss"):
        platform.verify_deep_linking_response(
            deep_linking_response(tool_key, platform, data), client_id="tool-2"
        )


# --------------------------------------------------------------------------- misc HTTP --
def test_unknown_paths_methods_and_oversized_bodies(server: PlatformServer) -> None:
    assert requests.get(server.url("/nope"), timeout=TIMEOUT).status_code == 404
    not_allowed = requests.delete(server.token_url, timeout=TIMEOUT)
    assert not_allowed.status_code == 405 and "POST" in not_allowed.headers["Allow"]
    server.max_body_bytes = 100
    big = requests.post(server.token_url, data={"x": "y" * 500}, timeout=TIMEOUT)
    assert big.status_code == 413
    assert server.request_count("unrouted") == 2  # the 404 and the 405
    assert not server.errors


def test_tamper_presets_are_well_formed() -> None:
    assert len(HOSTILE) >= 30
    for name, tamper in HOSTILE.items():
        assert isinstance(tamper, Tamper) and tamper.description, name
        assert not tamper.is_noop, name
        assert tamper.message_types, name
    assert "missing_resource_link_id" not in hostile_cases(c.MSG_DEEP_LINKING_REQUEST)
    assert "missing_deep_link_return_url" in hostile_cases(c.MSG_DEEP_LINKING_REQUEST)

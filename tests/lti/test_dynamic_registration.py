"""1EdTech LTI Dynamic Registration, end to end against the platform peer.

The LMS (``lti_platform``, "generic", "moodle" or "canvas" flavour) serves its OpenID
configuration and registration endpoint over HTTP on loopback; the tool runs under Django's
test client as ``http://testserver``. Each test opens the tool's registration URL the way the
LMS would, reviews, confirms, and checks what both sides stored; refusals must store nothing
and leave the one-time link usable.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from lti_platform import Platform, PlatformServer, is_registration_close_page
from lti_platform import claims as c
from lti_platform.forms import parse_auto_post_form
from lti_tool.models import Deployment, Registration, RegistrationToken, ResourceLink, ToolKey
from lti_tool.registration import dynamic as dr
from lti_tool.roles import INSTRUCTOR, LEARNER
from tests.support.lti import TOOL, follow
from tests.support.registration import (
    REGISTER,
    confirm,
    opened_by,
    register,
    text,
    tool_register_url,
)

pytestmark = pytest.mark.django_db

CANVAS_ISSUER = "https://canvas.instructure.com"
PRODUCT_NAMES = {"generic": "peer-leadership-test-lms", "moodle": "Moodle", "canvas": "Canvas"}
SERVICE_SCOPES = {
    c.SCOPE_AGS_LINEITEM,
    c.SCOPE_AGS_RESULT_READONLY,
    c.SCOPE_AGS_SCORE,
    c.SCOPE_NRPS,
}


# --------------------------------------------------------------------------- helpers --
@pytest.fixture(autouse=True)
def _tool_key(db) -> None:
    ToolKey.generate()


@pytest.fixture
def link(db) -> tuple[RegistrationToken, str]:
    """A one-time registration link's token (the record, and the secret in the URL)."""
    return RegistrationToken.issue()


def rewrite_configuration(
    monkeypatch: pytest.MonkeyPatch, server: PlatformServer, change: Callable[[dict], None]
) -> None:
    """Let the platform serve an altered OpenID configuration (a misconfigured or hostile LMS)."""
    original = server.platform.dynreg.openid_configuration

    def altered(registration_token: str | None = None) -> dict[str, Any]:
        document = original(registration_token)
        change(document)
        return document

    monkeypatch.setattr(server.platform.dynreg, "openid_configuration", altered)


def assert_refused(
    response: Any, status: int, message: str, record: RegistrationToken | None = None
) -> None:
    """A refusal: the error page with its message and status, nothing stored, link intact."""
    assert response.status_code == status, text(response)[:800]
    assert "lti_tool/register_error.html" in [t.name for t in response.templates]
    page = text(response)
    assert message in page
    assert "Nothing was registered." in page
    assert not is_registration_close_page(page)
    assert not Registration.objects.exists()
    assert not Deployment.objects.exists()
    if record is not None:
        record.refresh_from_db()
        assert record.used_at is None and record.registration is None
        assert RegistrationToken.objects.usable().filter(pk=record.pk).exists()


def launch_into(client: Client, platform: Platform, client_id: str, **prepare: Any) -> Any:
    """The OIDC launch flow for a dynamically registered client, through the test client."""
    pending = platform.prepare_launch(client_id=client_id, **prepare)
    assert pending.login_url == f"{TOOL}/lti/login/"
    login = client.post("/lti/login/", pending.login_params)
    assert login.status_code == 302, text(login)[:600]
    registration = Registration.objects.get(client_id=client_id)
    assert login["Location"].startswith(registration.auth_login_url + "?")
    redirect_uri, form = platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    assert redirect_uri == f"{TOOL}/lti/launch/"
    return client.post(redirect_uri.removeprefix(TOOL), form)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redirector() -> Iterator[tuple[str, dict[str, str]]]:
    """A loopback server (an open redirect on an LMS) sending every GET to ``target["url"]``."""
    target: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", target["url"])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", target
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------- the happy paths --
@pytest.mark.parametrize("flavour", ["generic", "moodle", "canvas"])
def test_registration_with_each_flavour(client, link, flavour):
    record, token = link
    with PlatformServer(flavour=flavour) as server:
        platform = server.platform
        opened = opened_by(server, token)
        registration_token = parse_qs(urlsplit(opened).query)["registration_token"][0]
        review = client.get(opened)
        assert review.status_code == 200, text(review)[:600]

        # The review page names the platform and what will be asked for; nothing stored yet.
        page = text(review)
        assert f"Register Peer Leadership Hub with {PRODUCT_NAMES[flavour]}" in page
        assert platform.issuer in page and f"127.0.0.1:{server.port}" in page
        assert c.SCOPE_NRPS in page
        assert not Registration.objects.exists()
        assert server.request_count("register") == 0

        # The final page tells the LMS to close the registration window.
        done = confirm(client, review)
        assert done.status_code == 200, text(done)[:800]
        assert is_registration_close_page(done.content.decode())
        assert "Peer Leadership Hub is registered" in text(done)

        # The tool fetched the configuration (on review and on confirm) with the registration
        # token as Bearer; Canvas's URL carries it too (Canvas refuses the fetch without it).
        fetches = server.requests_for("openid-configuration")
        assert len(fetches) == 2
        for fetch in fetches:
            assert fetch.headers["authorization"] == f"Bearer {registration_token}"
            if flavour == "canvas":
                assert fetch.query["registration_token"] == [registration_token]

        # ...and posted one client registration, authorised by the same token.
        posts = server.requests_for("register")
        assert len(posts) == 1
        assert posts[0].headers["authorization"] == f"Bearer {registration_token}"
        assert posts[0].headers["content-type"].startswith("application/json")

        answer = platform.dynreg.responses[-1]
        client_id = answer["client_id"]
        received = platform.registration(client_id)
        assert received.source == "dynamic"
        sent = received.raw_registration
        assert sent["application_type"] == "web"
        assert set(sent["grant_types"]) >= {"implicit", "client_credentials"}
        assert sent["response_types"] == ["id_token"]
        assert sent["initiate_login_uri"] == f"{TOOL}/lti/login/"
        assert sent["redirect_uris"] == [f"{TOOL}/lti/launch/"]
        assert sent["jwks_uri"] == f"{TOOL}/lti/jwks/"
        assert sent["token_endpoint_auth_method"] == "private_key_jwt"
        assert set(sent["scope"].split()) == SERVICE_SCOPES
        assert received.scopes == SERVICE_SCOPES  # every one granted
        tool_config = sent[c.TOOL_CONFIGURATION]
        assert tool_config["domain"] == "testserver"
        assert tool_config["target_link_uri"] == f"{TOOL}/lti/launch/"
        assert {"iss", "sub", "name", "email"} <= set(tool_config["claims"])
        messages = {m["type"]: m for m in tool_config["messages"]}
        assert set(messages) == {c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST}
        assert messages[c.MSG_DEEP_LINKING_REQUEST]["target_link_uri"] == f"{TOOL}/lti/launch/"

        # The tool stored the client id, the platform's issuer and endpoints, and an active
        # deployment with the id the platform returned (inside or beside the tool config).
        registration = Registration.objects.get()
        assert registration.client_id == client_id
        assert registration.issuer == platform.issuer == server.base_url
        assert registration.auth_login_url == platform.authorization_endpoint
        assert registration.auth_token_url == platform.token_endpoint
        # Moodle keeps only final scores: its registration sends progress as graded scores.
        expected = "graded_progress" if flavour == "moodle" else "completion_only"
        assert registration.score_reporting == expected
        assert registration.key_set_url == platform.jwks_uri
        assert registration.active and registration.registered_dynamically
        assert registration.name == f"{PRODUCT_NAMES[flavour]} (127.0.0.1:{server.port})"
        expected_deployment = (
            answer["deployment_id"]
            if flavour == "canvas"
            else answer[c.TOOL_CONFIGURATION]["deployment_id"]
        )
        assert received.deployment_ids == [expected_deployment]
        deployment = Deployment.objects.get()
        assert deployment.registration == registration
        assert deployment.deployment_id == expected_deployment
        assert deployment.active and deployment.activated_at is not None

        # The one-time link is spent, and points at what it created.
        record.refresh_from_db()
        assert record.used_at is not None and record.registration == registration


@pytest.mark.parametrize(
    "make_platform",
    [
        pytest.param(lambda: Platform(flavour="generic"), id="generic"),
        pytest.param(lambda: Platform(flavour="moodle"), id="moodle"),
        pytest.param(lambda: Platform(issuer=CANVAS_ISSUER, flavour="canvas"), id="canvas"),
    ],
)
def test_launches_and_deep_linking_work_after_registering(client, link, programme, make_platform):
    _, token = link
    with PlatformServer(make_platform()) as server:
        platform = server.platform
        _, done = register(client, server, token)
        assert done.status_code == 200, text(done)[:800]
        client_id = platform.dynreg.responses[-1]["client_id"]
        registration = Registration.objects.get(client_id=client_id)
        assert registration.issuer == platform.issuer

        # A learner's launch reaches the lesson its link names.
        lesson = programme.lessons["third"]
        page = follow(
            client,
            launch_into(
                client,
                platform,
                client_id,
                user="learner-dr",
                roles=[LEARNER],
                custom={"plh_page": str(lesson.pk)},
            ),
        )
        assert page.status_code == 200, text(page)[:800]
        assert "<h1>Chairing a meeting</h1>" in page.content.decode()

        # Deep Linking: the platform checks the tool's signature with the keys at the
        # jwks_uri the tool registered. That URL lives on the test client, not on the
        # network, so the platform is handed what it serves (as a JWKS cache would hold).
        jwks_uri = platform.registration(client_id).jwks_uri
        assert jwks_uri == f"{TOOL}/lti/jwks/"
        platform.registration(client_id).jwks = client.get(jwks_uri.removeprefix(TOOL)).json()
        opened = launch_into(
            client,
            platform,
            client_id,
            message_type=c.MSG_DEEP_LINKING_REQUEST,
            user="teacher-dr",
            roles=[INSTRUCTOR],
        )
        assert opened.status_code == 302 and "/deep-link/" in opened["Location"]
        picker = follow(client, opened)
        returned = client.post(picker.wsgi_request.path, {"page": [str(lesson.pk)]})
        form = parse_auto_post_form(returned.content.decode())
        assert form.action == platform.deep_link_return_url
        items = platform.verify_deep_linking_response(
            form.fields["JWT"],
            client_id=client_id,
            expected_deployment_id=Deployment.objects.get().deployment_id,
        )
        assert [item["custom"] for item in items] == [{"plh_page": str(lesson.pk)}]
        again = follow(
            client,
            launch_into(
                client,
                platform,
                client_id,
                user="learner-dr",
                roles=[LEARNER],
                resource_link_id="rl-from-deep-link",
                custom=items[0]["custom"],
            ),
        )
        assert "<h1>Chairing a meeting</h1>" in again.content.decode()
        assert ResourceLink.objects.filter(resource_link_id="rl-from-deep-link").exists()


def test_open_registration_setting_needs_no_link(client, settings):
    settings.LTI_OPEN_DYNAMIC_REGISTRATION = True
    with PlatformServer(flavour="generic") as server:
        review, done = register(client, server, None)
        assert 'name="token" value=""' in review.content.decode()
        assert done.status_code == 200 and is_registration_close_page(done.content.decode())
        registration = Registration.objects.get()
        assert registration.client_id == server.platform.dynreg.responses[-1]["client_id"]
        assert registration.deployments.get().active
    assert not RegistrationToken.objects.exists()


def test_open_registration_still_refuses_a_bad_link(client, settings):
    settings.LTI_OPEN_DYNAMIC_REGISTRATION = True
    with PlatformServer(flavour="generic") as server:
        response = client.get(opened_by(server, "not-a-real-link"))
        assert_refused(response, 403, "has expired or has already been used")
        assert server.request_count("openid-configuration") == 0


# ------------------------------------------------------------------ Canvas issuer --
def test_canvas_fixed_issuer_served_by_the_account_host_is_accepted(client, link):
    record, token = link
    with PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="canvas")) as server:
        review, done = register(client, server, token)
        assert CANVAS_ISSUER in text(review) and f"127.0.0.1:{server.port}" in text(review)
        assert done.status_code == 200, text(done)[:800]
        registration = Registration.objects.get()
        assert registration.issuer == CANVAS_ISSUER
        assert registration.auth_login_url == f"{server.base_url}/api/lti/authorize_redirect"
        assert registration.auth_token_url == f"{server.base_url}/login/oauth2/token"
        assert registration.key_set_url == f"{server.base_url}/api/lti/security/jwks"
        assert registration.product_family_code == "canvas"
        assert registration.name == f"Canvas (127.0.0.1:{server.port})"
        record.refresh_from_db()
        assert record.used_at is not None


def test_hosted_canvas_with_instructure_sso_endpoints_is_accepted(client, link, monkeypatch):
    _, token = link
    sso = "https://sso.canvaslms.com"
    with PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="canvas")) as server:

        def hosted(document: dict[str, Any]) -> None:
            document["authorization_endpoint"] = f"{sso}/api/lti/authorize_redirect"
            document["token_endpoint"] = f"{sso}/login/oauth2/token"
            document["jwks_uri"] = f"{sso}/api/lti/security/jwks"

        rewrite_configuration(monkeypatch, server, hosted)
        _, done = register(client, server, token)
        assert done.status_code == 200, text(done)[:800]
        registration = Registration.objects.get()
        assert registration.issuer == CANVAS_ISSUER
        assert registration.key_set_url == f"{sso}/api/lti/security/jwks"
        assert server.request_count("register") == 1  # registered on the account's host


def test_canvas_configuration_from_host_a_registering_on_host_b_is_refused(
    client, link, monkeypatch
):
    record, token = link
    with (
        PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="canvas")) as host_b,
        PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="canvas")) as host_a,
    ):

        def elsewhere(document: dict[str, Any]) -> None:
            document["authorization_endpoint"] = host_b.platform.authorization_endpoint
            document["registration_endpoint"] = host_b.platform.registration_endpoint

        rewrite_configuration(monkeypatch, host_a, elsewhere)
        response = client.get(opened_by(host_a, token))
        assert_refused(response, 400, f"names the issuer {CANVAS_ISSUER}", record)
        assert "does not match the address it came from" in text(response)
        assert host_a.request_count("register") == host_b.request_count("register") == 0


@pytest.mark.parametrize(
    ("issuer", "change"),
    [
        # Canvas's fixed issuer, but its keys on a third-party host.
        (CANVAS_ISSUER, {"jwks_uri": "https://sso.evil.example/api/lti/security/jwks"}),
        (CANVAS_ISSUER, {"authorization_endpoint": "https://canvas.evil.example/auth"}),
        # An issuer Canvas does not document.
        ("https://canvas.evil.example", {}),
        ("https://canvas.instructure.com.evil.example", {}),
    ],
)
def test_canvas_spoofs_are_refused(client, link, monkeypatch, issuer, change):
    record, token = link
    with PlatformServer(Platform(issuer=issuer, flavour="canvas")) as server:
        rewrite_configuration(monkeypatch, server, lambda document: document.update(change))
        response = client.get(opened_by(server, token))
        assert_refused(response, 400, f"names the issuer {issuer}", record)
        # Nor can the confirmation be forced past the review.
        forced = client.post(
            REGISTER, {**server.platform.dynreg.initiation_params(), "token": token}
        )
        assert_refused(forced, 400, "does not match the address it came from", record)
        assert server.request_count("register") == 0


def test_canvas_issuer_claimed_by_another_product_is_refused(client, link):
    record, token = link
    with PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="generic")) as server:
        response = client.get(opened_by(server, token))
        assert_refused(response, 400, f"names the issuer {CANVAS_ISSUER}", record)


def test_registration_never_takes_over_an_existing_client(client, link):
    """With Canvas's shared issuer, a Canvas-like host could otherwise hijack a client id."""
    record, token = link
    existing = Registration.objects.create(
        name="Real Canvas",
        issuer=CANVAS_ISSUER,
        client_id="10000000000001",
        auth_login_url="https://sso.canvaslms.com/api/lti/authorize_redirect",
        auth_token_url="https://sso.canvaslms.com/login/oauth2/token",
        key_set_url="https://sso.canvaslms.com/api/lti/security/jwks",
    )
    with PlatformServer(Platform(issuer=CANVAS_ISSUER, flavour="canvas")) as server:
        _, done = register(client, server, token)
        assert server.platform.dynreg.responses[-1]["client_id"] == existing.client_id
    assert done.status_code == 409
    assert "is already registered with other addresses" in text(done)
    assert list(Registration.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.key_set_url == "https://sso.canvaslms.com/api/lti/security/jwks"
    assert existing.name == "Real Canvas"
    assert not Deployment.objects.exists()
    record.refresh_from_db()
    assert record.used_at is None


# --------------------------------------------------------------------- refusals --
def test_no_link_and_registration_not_open(client, link):
    record, _ = link
    with PlatformServer(flavour="generic") as server:
        response = client.get(opened_by(server, None))
        assert_refused(response, 403, "Registration needs a one-time link", record)
        posted = client.post(REGISTER, server.platform.dynreg.initiation_params())
        assert_refused(posted, 403, "Registration needs a one-time link", record)
        assert server.request_count() == 0  # the platform was not even asked


def test_expired_link(client):
    record, token = RegistrationToken.issue(timedelta(days=1))
    RegistrationToken.objects.filter(pk=record.pk).update(
        expires_at=record.created_at - timedelta(seconds=1)
    )
    with PlatformServer(flavour="generic") as server:
        response = client.get(opened_by(server, token))
        assert_refused(response, 403, "This registration link has expired")
        assert server.request_count() == 0


def test_used_link_registers_only_once(client, link):
    record, token = link
    with PlatformServer(flavour="generic") as server:
        review, done = register(client, server, token)
        assert done.status_code == 200
        # The same link, opened again from the LMS, and the old review form replayed.
        again = client.get(opened_by(server, token))
        assert again.status_code == 403
        assert "has already been used" in text(again)
        replayed = confirm(client, review)
        assert replayed.status_code == 403
        assert not is_registration_close_page(replayed.content.decode())
        assert server.request_count("register") == 1
    assert Registration.objects.count() == 1 and Deployment.objects.count() == 1
    record.refresh_from_db()
    assert record.registration == Registration.objects.get()


def test_missing_openid_configuration(client, link):
    record, token = link
    response = client.get(tool_register_url(token).removeprefix(TOOL))
    assert_refused(response, 400, "it cannot be opened directly", record)


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (lambda faults: faults.fail_next("openid-configuration", status=503), "answered 503"),
        (lambda faults: faults.drop_next("openid-configuration"), "could not be fetched"),
    ],
)
def test_configuration_fetch_failing(client, link, fault, message):
    record, token = link
    with PlatformServer(flavour="generic") as server:
        fault(server.faults)
        response = client.get(opened_by(server, token))
        assert_refused(response, 502, message, record)
        # Once the platform is back, the same link works.
        _, done = register(client, server, token)
        assert done.status_code == 200
    assert Registration.objects.count() == 1


def test_platform_down(client, link):
    record, token = link
    url = f"http://127.0.0.1:{closed_port()}/.well-known/openid-configuration"
    query = urlencode({"token": token, "openid_configuration": url, "registration_token": "x"})
    response = client.get(f"{REGISTER}?{query}")
    assert_refused(response, 502, "The platform's configuration could not be fetched", record)


def test_platform_down_between_review_and_confirm(client, link):
    record, token = link
    with PlatformServer(flavour="generic") as server:
        review = client.get(opened_by(server, token))
        assert review.status_code == 200
        server.faults.fail_next("openid-configuration", status=500)
        assert_refused(confirm(client, review), 502, "answered 500", record)
        assert server.request_count("register") == 0


def test_configuration_reached_through_a_redirect_is_refused(client, link, monkeypatch, redirector):
    """An open redirect on the LMS's host must not let another host speak for its issuer."""
    record, token = link
    lms_host, target = redirector
    with PlatformServer(flavour="generic") as elsewhere:
        # The document elsewhere claims to be the LMS's (the redirecting host's) issuer.
        rewrite_configuration(monkeypatch, elsewhere, lambda d: d.update(issuer=lms_host))
        params = elsewhere.platform.dynreg.initiation_params()
        target["url"] = params["openid_configuration"]
        params["openid_configuration"] = f"{lms_host}/.well-known/openid-configuration"
        response = client.get(f"{REGISTER}?{urlencode({**params, 'token': token})}")
        assert_refused(response, 502, "answered 302", record)
        assert elsewhere.request_count() == 0


@pytest.mark.parametrize(
    "field",
    ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint"],
)
def test_configuration_missing_a_required_field(client, link, monkeypatch, field):
    record, token = link
    with PlatformServer(flavour="moodle") as server:
        rewrite_configuration(monkeypatch, server, lambda document: document.pop(field))
        response = client.get(opened_by(server, token))
        assert_refused(response, 502, f"The platform's configuration lacks {field}.", record)


@pytest.mark.parametrize(
    "issuer",
    [
        pytest.param(lambda base: "https://lms.example.edu", id="another-host"),
        pytest.param(lambda base: base.replace("http://", "https://"), id="another-scheme"),
        pytest.param(lambda base: base[:-1], id="port-prefix"),  # :4321 prefixes :43210
        pytest.param(lambda base: "http://127.0.0.1", id="default-port"),
        pytest.param(lambda base: base + "/.well", id="partial-path-segment"),
        pytest.param(lambda base: base + "?tenant=1", id="query"),
    ],
)
def test_issuer_not_matching_the_configuration_url(client, link, monkeypatch, issuer):
    record, token = link
    with PlatformServer(flavour="generic") as server:
        claimed = issuer(server.base_url)
        rewrite_configuration(monkeypatch, server, lambda d: d.update(issuer=claimed))
        response = client.get(opened_by(server, token))
        assert_refused(response, 400, f"names the issuer {claimed}", record)
        assert server.request_count("register") == 0


def test_configuration_from_host_a_claiming_host_b_issuer(client, link):
    record, token = link
    with PlatformServer(flavour="generic") as host_b:
        spoof = Platform(issuer=host_b.platform.issuer, flavour="generic")
        with PlatformServer(spoof) as host_a:
            assert host_a.base_url != host_b.base_url
            response = client.get(opened_by(host_a, token))
            assert_refused(response, 400, f"names the issuer {host_b.base_url}", record)
            assert host_a.request_count("register") == host_b.request_count() == 0


@pytest.mark.parametrize(
    ("status", "flavour"), [(500, "generic"), (401, "moodle"), (400, "canvas")]
)
def test_platform_refusing_the_registration_keeps_the_link_for_a_retry(
    client, link, status, flavour
):
    record, token = link
    with PlatformServer(flavour=flavour) as server:
        review = client.get(opened_by(server, token))
        server.faults.fail_next("register", status=status)
        refused = confirm(client, review)
        assert_refused(refused, 502, f"The platform refused the registration ({status})", record)
        assert server.request_count("register") == 1
        # The administrator retries from the same page: the link was not consumed.
        done = confirm(client, review)
        assert done.status_code == 200, text(done)[:800]
        assert is_registration_close_page(done.content.decode())
    assert Registration.objects.count() == 1
    record.refresh_from_db()
    assert record.used_at is not None


def test_platform_refusing_bad_metadata(client, link, monkeypatch):
    """A real refusal by the platform's validation (not an injected fault)."""
    record, token = link
    with PlatformServer(flavour="canvas") as server:
        rewrite_configuration(
            monkeypatch,
            server,
            lambda document: document.update(scopes_supported=["https://example.com/other"]),
        )
        # The tool asks for its scopes anyway when the platform lists none of them; Canvas
        # refuses unknown scopes, so the tool must report that and keep the link.
        monkeypatch.setattr(server.platform.dynreg, "_supported_scopes", lambda: set())
        _, refused = register(client, server, token)
        assert_refused(refused, 502, "invalid_client_metadata", record)


@pytest.mark.parametrize(
    "url",
    [
        "http://lms.example.edu/.well-known/openid-configuration",
        "ftp://127.0.0.1/.well-known/openid-configuration",
        "file:///etc/passwd",
        "/relative/openid-configuration",
    ],
)
def test_configuration_url_must_be_https_off_loopback(client, link, url):
    record, token = link
    query = urlencode({"token": token, "openid_configuration": url, "registration_token": "x"})
    response = client.get(f"{REGISTER}?{query}")
    assert_refused(response, 400, "must be an https URL", record)


def test_endpoints_must_be_https_off_loopback(client, link, monkeypatch):
    record, token = link
    with PlatformServer(flavour="generic") as server:
        rewrite_configuration(
            monkeypatch,
            server,
            lambda document: document.update(jwks_uri="http://lms.example.edu/jwks"),
        )
        response = client.get(opened_by(server, token))
        assert_refused(response, 502, "The platform's jwks_uri must be an https URL.", record)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"client_id": ""}, "has no usable client_id"),
        ({"client_id": True}, "has no usable client_id"),
        ({"client_id": "x" * 256}, "has no usable client_id"),
        ({"deployment_id": ["a"]}, "deployment_id is not usable"),
    ],
)
def test_unusable_registration_answers(client, link, monkeypatch, answer, message):
    record, token = link
    with PlatformServer(flavour="canvas") as server:
        original = server.platform.dynreg.register

        def answers(*args: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
            status, body = original(*args, **kwargs)
            return status, {**body, **answer}

        monkeypatch.setattr(server.platform.dynreg, "register", answers)
        _, refused = register(client, server, token)
        assert_refused(refused, 502, message, record)


# ------------------------------------------------------------- the issuer rule --
@pytest.mark.parametrize(
    ("issuer", "url", "matches"),
    [
        ("https://lms.example.edu", "https://lms.example.edu/.well-known/openid-configuration", 1),
        ("https://lms.example.edu/", "https://lms.example.edu/.well-known/openid-configuration", 1),
        ("https://LMS.example.edu", "https://lms.example.edu/oidc", 1),
        ("https://lms.example.edu:443", "https://lms.example.edu/oidc", 1),
        ("https://lms.example.edu/moodle", "https://lms.example.edu/moodle/mod/lti/oc.php", 1),
        ("https://lms.example.edu/moodle", "https://lms.example.edu/moodle2/mod/lti/oc.php", 0),
        ("https://lms.example.edu", "https://lms.example.edu.evil.test/openid-configuration", 0),
        ("https://lms.example.edu", "https://evil.test/?https://lms.example.edu", 0),
        ("https://lms.example.edu", "http://lms.example.edu/openid-configuration", 0),
        ("https://lms.example.edu:8443", "https://lms.example.edu/openid-configuration", 0),
        ("https://lms.example.edu#x", "https://lms.example.edu/openid-configuration", 0),
        ("https://user@lms.example.edu", "https://lms.example.edu/openid-configuration", 0),
        ("lms.example.edu", "https://lms.example.edu/openid-configuration", 0),
    ],
)
def test_issuer_matches_url(issuer, url, matches):
    assert dr.issuer_matches_url(issuer, url) is bool(matches)

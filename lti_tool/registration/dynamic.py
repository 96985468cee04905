"""LTI Dynamic Registration, tool side: read the platform's configuration, register, store.

The administrator pastes the tool's registration URL into their LMS; the LMS opens it with
``openid_configuration`` (and usually ``registration_token``). The tool fetches and checks
the platform's OpenID configuration, shows the administrator what will be registered, posts
its client registration, and stores the client id and deployment it gets back.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from lti_tool.models import Registration, RegistrationToken
from lti_tool.registration.configuration import registration_payload
from lti_tool.registration.platforms import EndpointsChanged, register_platform
from lti_tool.registration.score_reporting import default_for_family

TIMEOUT = 15
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint")
# Column sizes of Registration / Deployment: longer values from a platform are refused, not
# truncated (a cut client id or URL would silently break launches).
MAX_ISSUER, MAX_URL, MAX_ID = 255, 500, 255

# Instructure-hosted Canvas puts one fixed ``iss`` in every launch, whatever the account's own
# host (developerdocs.instructure.com, "Launch Overview"), and its OpenID configuration, served
# by the account's host at this path, says so. Each issuer's OIDC endpoints live on the
# account's host (self-hosted Canvas keeping the default issuer, and older hosted Canvas), on
# the issuer's host, or on Instructure's SSO host (canvas-lms ``Lti::Oidc.auth_domain``).
CANVAS_CONFIGURATION_PATH = "/api/lti/security/openid-configuration"
CANVAS_ISSUERS = {
    "https://canvas.instructure.com": "sso.canvaslms.com",
    "https://canvas.beta.instructure.com": "sso.beta.canvaslms.com",
    "https://canvas.test.instructure.com": "sso.test.canvaslms.com",
}


class RegistrationError(Exception):
    """Dynamic Registration cannot go on; the message is for the LMS administrator."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class PlatformConfiguration:
    url: str
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    registration_endpoint: str
    product_family_code: str
    data: dict[str, Any]

    @property
    def product(self) -> str:
        names = {
            "moodle": "Moodle",
            "canvas": "Canvas",
            "desire2learn": "Brightspace",
            "sakai": "Sakai",
            "BlackboardLearn": "Blackboard",
            "openedx": "Open edX",
        }
        return names.get(self.product_family_code, self.product_family_code or "your platform")

    @property
    def host(self) -> str:
        """Where the configuration came from (what the administrator's LMS pointed us to)."""
        return urlsplit(self.url).netloc


def allowed_url(url: str) -> bool:
    """https everywhere; plain http only for loopback (tests, local demos) or when allowed."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return True
    if parts.scheme != "http" or not parts.hostname:
        return False
    if getattr(settings, "LTI_ALLOW_HTTP_PLATFORMS", False):
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return parts.hostname == "localhost"


def registering_origin(url: str) -> str | None:
    """The origin of the platform running this registration, to let it frame the pages.

    LMSs open the registration page in a frame of their own admin page, served from where
    their OpenID configuration is. Built from scheme, host and port alone (no user info, no
    characters a policy header would read as syntax); ``None`` for anything else.
    """
    if not url or not allowed_url(url):
        return None
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?", host):
        return None
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the default port filled in; hosts compare case-blind."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return scheme, "", -1
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


def issuer_matches_url(issuer: str, url: str) -> bool:
    """LTI-DR 1.0 §3.5.1: the configuration URL must be on the issuer's origin, under its path.

    A bare string prefix is not enough: ``https://lms.example`` is a prefix of
    ``https://lms.example.evil.test/...`` and ``http://127.0.0.1:80`` of ``...:8000/...``.
    """
    parts = urlsplit(issuer)
    if not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        return False
    if _origin(issuer) != _origin(url):
        return False
    base, path = parts.path.rstrip("/"), urlsplit(url).path
    return path == base or path.startswith(base + "/")


def canvas_fixed_issuer_allowed(url: str, data: dict[str, Any], product: str) -> bool:
    """Whether a Canvas configuration may name Canvas's shared, fixed issuer.

    The spec's rule (the issuer prefixes the configuration URL) cannot hold for hosted Canvas,
    whose issuer is not the host serving its configuration. It is accepted only when:

    * the platform says it is Canvas and the issuer is one of Instructure's documented ones;
    * the configuration came from Canvas's configuration path, and the registration endpoint
      is on that same origin: the client id we store is the one issued by the host the LMS
      sent the administrator from (a configuration on host A cannot register us on host B);
    * the OIDC endpoints and JWKS are on that origin, the issuer's host or Instructure's SSO
      host, so the keys trusted for launches belong to that platform or to Instructure.

    Sharing the issuer is safe because registrations are keyed by (issuer, client_id) and a
    dynamic registration never takes over an existing client id (see ``register``).
    """
    issuer = data["issuer"]
    sso_host = CANVAS_ISSUERS.get(issuer)
    if product != "canvas" or sso_host is None:
        return False
    if urlsplit(url).path.rstrip("/") != CANVAS_CONFIGURATION_PATH:
        return False
    origin = _origin(url)
    if _origin(data["registration_endpoint"]) != origin:
        return False
    trusted = {origin} | {("https", host, 443) for host in (sso_host, urlsplit(issuer).hostname)}
    return all(_origin(data[key]) in trusted for key in ENDPOINTS)


def _headers(registration_token: str) -> dict[str, str]:
    headers = {"Accept": "application/json"}
    if registration_token:
        headers["Authorization"] = f"Bearer {registration_token}"
    return headers


def fetch_platform_configuration(url: str, registration_token: str) -> PlatformConfiguration:
    """GET and check the platform's OpenID configuration."""
    if not url or not allowed_url(url):
        raise RegistrationError("The platform's configuration address must be an https URL.")
    try:
        # No redirects: the configuration must come from the URL the issuer is checked against.
        response = requests.get(
            url, headers=_headers(registration_token), timeout=TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as error:
        raise RegistrationError(
            f"The platform's configuration could not be fetched: {error}", status=502
        ) from error
    if response.status_code != 200:
        raise RegistrationError(
            f"The platform answered {response.status_code} when asked for its configuration.",
            status=502,
        )
    try:
        data = response.json()
    except ValueError as error:
        raise RegistrationError("The platform's configuration is not JSON.", 502) from error
    if not isinstance(data, dict):
        raise RegistrationError("The platform's configuration is not a JSON object.", 502)
    required = ["issuer", *ENDPOINTS]
    missing = [key for key in required if not isinstance(data.get(key), str) or not data[key]]
    if missing:
        raise RegistrationError(
            "The platform's configuration lacks " + ", ".join(missing) + ".", status=502
        )
    for key in ENDPOINTS:
        if not allowed_url(data[key]) or len(data[key]) > MAX_URL:
            raise RegistrationError(f"The platform's {key} must be an https URL.", status=502)
    platform = data.get(PLATFORM_CONFIGURATION)
    product = platform.get("product_family_code", "") if isinstance(platform, dict) else ""
    product = str(product)[:100]
    issuer = data["issuer"]
    if len(issuer) > MAX_ISSUER or not (
        issuer_matches_url(issuer, url) or canvas_fixed_issuer_allowed(url, data, product)
    ):
        raise RegistrationError(
            f"The configuration at {urlsplit(url).netloc} names the issuer {issuer}, which does "
            "not match the address it came from. Registration was stopped for safety."
        )
    return PlatformConfiguration(
        url=url,
        issuer=issuer,
        authorization_endpoint=data["authorization_endpoint"],
        token_endpoint=data["token_endpoint"],
        jwks_uri=data["jwks_uri"],
        registration_endpoint=data["registration_endpoint"],
        product_family_code=product,
        data=data,
    )


def gate(token: str) -> RegistrationToken | None:
    """The one-time token that opens registration; ``None`` when registration is open."""
    if token:
        record = (
            RegistrationToken.objects.usable()
            .filter(token_hash=RegistrationToken.hash(token))
            .first()
        )
        if record is not None:
            return record
        raise RegistrationError(
            "This registration link has expired or has already been used. Ask the Peer "
            "Leadership Hub administrator for a new one.",
            status=403,
        )
    if getattr(settings, "LTI_OPEN_DYNAMIC_REGISTRATION", False):
        return None
    raise RegistrationError(
        "Registration needs a one-time link from the Peer Leadership Hub administrator "
        "(`manage.py lti_registration_url`, or the LTI section of the admin).",
        status=403,
    )


def register(
    request: HttpRequest, config: PlatformConfiguration, registration_token: str, token: str
) -> Registration:
    """Post the tool's registration and store the result (once per one-time token)."""
    with transaction.atomic():
        record = gate(token)
        if record is not None:
            record = RegistrationToken.objects.select_for_update().get(pk=record.pk)
            if record.used_at is not None:
                raise RegistrationError("This registration link has already been used.", 403)
        payload = registration_payload(request, config.data)
        headers = {**_headers(registration_token), "Content-Type": "application/json"}
        try:
            response = requests.post(
                config.registration_endpoint,
                json=payload,
                headers=headers,
                timeout=TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise RegistrationError(f"The platform could not be reached: {error}", 502) from error
        if response.status_code not in (200, 201):
            raise RegistrationError(
                f"The platform refused the registration ({response.status_code}): "
                f"{response.text[:300]}",
                status=502,
            )
        try:
            answer = response.json()
        except ValueError as error:
            raise RegistrationError("The platform's answer is not JSON.", 502) from error
        raw_id = answer.get("client_id") if isinstance(answer, dict) else None
        usable = isinstance(raw_id, str | int) and not isinstance(raw_id, bool)
        client_id = str(raw_id) if usable else ""
        if not client_id or len(client_id) > MAX_ID:
            raise RegistrationError("The platform's answer has no usable client_id.", status=502)
        tool_config = answer.get(TOOL_CONFIGURATION)
        deployment_id = (
            (tool_config or {}).get("deployment_id") if isinstance(tool_config, dict) else None
        )
        deployment_id = deployment_id or answer.get("deployment_id")
        if deployment_id is not None and (
            isinstance(deployment_id, bool)
            or not isinstance(deployment_id, str | int)
            or len(str(deployment_id)) > MAX_ID
        ):
            raise RegistrationError("The platform's deployment_id is not usable.", status=502)
        endpoints = {
            "auth_login_url": config.authorization_endpoint,
            "auth_token_url": config.token_endpoint,
            "key_set_url": config.jwks_uri,
        }
        try:
            # Never let a registration take over another platform's client: with Canvas's
            # shared issuer, any Canvas-like host could otherwise claim a known client id.
            registration, _ = register_platform(
                issuer=config.issuer,
                client_id=client_id,
                name=f"{config.product} ({config.host})"[:200],
                auth_login_url=endpoints["auth_login_url"],
                auth_token_url=endpoints["auth_token_url"],
                key_set_url=endpoints["key_set_url"],
                deployment_ids=[] if deployment_id in (None, "") else [str(deployment_id)],
                keep_endpoints=True,
                product_family_code=config.product_family_code,
                score_reporting=default_for_family(config.product_family_code),
                registered_dynamically=True,
            )
        except EndpointsChanged as error:
            raise RegistrationError(
                f"{error} Remove that registration in Peer Leadership Hub's admin first.",
                status=409,
            ) from error
        if record is not None:
            record.used_at = timezone.now()
            record.registration = registration
            record.save(update_fields=["used_at", "registration"])
    return registration

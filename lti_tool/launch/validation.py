"""Launch validation: pylti1p3's checks, made stricter, in a fixed order.

pylti1p3 2.0 on its own accepts a replayed id_token whose state is still in the browser
session, tokens with no ``exp`` or ``iat``, picks ``aud[0]`` without looking at ``azp`` and
never checks ``target_link_uri``. :func:`validate_launch` refuses all of those. It creates
nothing except, by design, an *inactive* deployment the first time an unknown deployment
launches, so an administrator can see and activate it.

Every refusal raises :class:`LaunchRefused` with a code, a message a learner can understand
and a detail for administrators; the view logs it as one structured line.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlsplit

import jwt
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from jwcrypto.jwk import JWK
from pylti1p3.contrib.django import DjangoMessageLaunch
from pylti1p3.exception import LtiException
from pylti1p3.message_launch import TJwtData

from lti_tool import platform_cache, platform_keys
from lti_tool import state as login_state
from lti_tool.models import Deployment, Registration
from lti_tool.toolconf import DatabaseToolConf, ToolRegistration

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = CLAIM + "message_type"
DEPLOYMENT_ID = CLAIM + "deployment_id"
TARGET_LINK_URI = CLAIM + "target_link_uri"
RESOURCE_LINK = CLAIM + "resource_link"
ROLES = CLAIM + "roles"
CONTEXT = CLAIM + "context"
CUSTOM = CLAIM + "custom"
LAUNCH_PRESENTATION = CLAIM + "launch_presentation"
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
SUPPORTED_MESSAGES = {"LtiResourceLinkRequest", "LtiDeepLinkingRequest"}
CLOCK_SKEW = 60  # seconds of tolerance for the platform's clock

GENERIC = "This link could not be opened. Please go back to your course and try again."
REPLAYED = "This link has already been used. Please go back to your course and open it again."
MAX_ID_LENGTH = 255  # the spec's limit for sub and deployment_id (and the columns' size)


class LaunchRefused(Exception):
    """A launch the tool will not accept."""

    def __init__(
        self,
        code: str,
        detail: str,
        message: str = GENERIC,
        status: int = 400,
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.message = message
        self.status = status
        self.context = context or {}

    def log_line(self) -> str:
        """One JSON line for administrators' logs."""
        return json.dumps(
            {
                "event": "lti_launch_refused",
                "code": self.code,
                "detail": self.detail,
                **self.context,
            },
            sort_keys=True,
        )


class DeploymentAwaitingActivation(LaunchRefused):
    def __init__(self, deployment: Deployment, context: dict[str, Any]) -> None:
        super().__init__(
            "deployment_inactive",
            f"Deployment {deployment.deployment_id!r} of {deployment.registration} is not active.",
            "This course's tool is awaiting activation by the administrator.",
            status=403,
            context=context,
        )
        self.deployment = deployment


@dataclass
class ValidatedLaunch:
    """A launch that passed every check."""

    registration: Registration
    deployment: Deployment
    claims: dict[str, Any]
    login: login_state.LoginState
    pylti: Any = field(repr=False, default=None)

    @property
    def message_type(self) -> str:
        return self.claims[MESSAGE_TYPE]

    @property
    def is_deep_linking(self) -> bool:
        return self.message_type == "LtiDeepLinkingRequest"


class StrictMessageLaunch(DjangoMessageLaunch):
    """pylti1p3's Django launch with the tool's registration lookup and key fetching."""

    def __init__(self, request: HttpRequest, registration: Registration) -> None:
        super().__init__(request, DatabaseToolConf())
        self._registration = ToolRegistration(registration)
        self._model = registration


def _platform_jwks(registration: Registration, refresh: bool = False) -> dict[str, Any]:
    """The platform's JWKS (see :mod:`lti_tool.platform_keys`); ``refresh`` fetches it now."""
    try:
        if refresh:
            return platform_keys.refresh(registration.key_set_url)
        return platform_keys.get(registration.key_set_url)
    except platform_keys.JwksUnavailable as error:
        if error.invalid:
            raise LaunchRefused("jwks_invalid", error.detail, status=502) from error
        raise LaunchRefused(
            "jwks_unavailable",
            error.detail,
            "Your course's platform could not be reached to check this link. Please try "
            "again in a few minutes.",
            status=502,
        ) from error


def _find_key(jwks: dict[str, Any], kid: str) -> dict[str, Any] | None:
    for candidate in jwks.get("keys", []):
        if isinstance(candidate, dict) and candidate.get("kid") == kid:
            return candidate
    return None


def _unverified(id_token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        header = jwt.get_unverified_header(id_token)
        body = jwt.decode(id_token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise LaunchRefused(
            "malformed_token", f"The id_token cannot be decoded: {error}"
        ) from error
    if not isinstance(body, dict):
        raise LaunchRefused("malformed_token", "The id_token body is not a JSON object.")
    return header, body


def _check_time_claims(body: dict[str, Any], context: dict[str, Any]) -> None:
    """``exp``, ``iat`` and ``nbf`` must be JSON numbers (RFC 7519 NumericDate).

    PyJWT turns a string such as ``"9999999999"`` into a number before comparing it, which
    would let a platform (or anyone replaying its tokens through a buggy one) send a token
    that never expires. Each claim is refused with its own code.
    """
    for claim in ("exp", "iat", "nbf"):
        if claim not in body:
            continue  # a missing exp or iat is refused later, as missing_<claim>
        value = body[claim]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise LaunchRefused(
                f"invalid_{claim}",
                f"{claim} must be a number of seconds, not {type(value).__name__}.",
                context=context,
            )


def _client_id_from_audience(body: dict[str, Any]) -> str:
    aud, azp = body.get("aud"), body.get("azp")
    if isinstance(aud, str) and aud:
        if azp is not None and azp != aud:
            raise LaunchRefused("azp_mismatch", f"azp {azp!r} does not match aud {aud!r}.")
        return aud
    if isinstance(aud, list) and aud and all(isinstance(a, str) for a in aud):
        if len(aud) == 1 and azp is None:
            return aud[0]
        if not isinstance(azp, str) or azp not in aud:
            raise LaunchRefused(
                "azp_mismatch",
                f"aud lists several audiences {aud!r} but azp {azp!r} is not one of them.",
            )
        return azp
    raise LaunchRefused("wrong_aud", "The id_token has no usable aud claim.")


def _within_tool(request: HttpRequest, url: object) -> bool:
    if not isinstance(url, str) or not url:
        return False
    parts = urlsplit(url)
    allowed = {request.get_host()}
    base = getattr(settings, "LTI_TOOL_BASE_URL", "")
    if base:
        allowed.add(urlsplit(base).netloc)
    return parts.scheme in {"https", "http"} and parts.netloc in allowed


def _is_web_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in {"https", "http"} and bool(parts.netloc)


def validate_launch(request: HttpRequest) -> ValidatedLaunch:
    """Check an OIDC launch (the platform's form post) and return what it says."""
    id_token = request.POST.get("id_token", "")
    state_value = request.POST.get("state", "")
    if not id_token:
        raise LaunchRefused("missing_id_token", "The launch carried no id_token.")
    if not state_value:
        raise LaunchRefused("missing_state", "The launch carried no state.")
    login = login_state.find_state(state_value)
    if login is None and login_state.was_used(state_value):
        raise LaunchRefused("nonce_reused", "The state was already used (replay).", REPLAYED)
    if login is None:
        raise LaunchRefused(
            "unknown_state",
            "The state is unknown or expired (older than ten minutes, or never issued).",
            "This link has expired. Please go back to your course and open it again.",
        )
    cookie = request.COOKIES.get(cookie_name(state_value), "")
    secret = request.POST.get("lti_storage_secret", "")
    if cookie != state_value and not login.browser_secret_matches(secret):
        raise BrowserCheckNeeded(login)

    header, body = _unverified(id_token)
    context = {
        "iss": str(body.get("iss", ""))[:200],
        "deployment_id": str(body.get(DEPLOYMENT_ID, ""))[:200],
    }
    _check_time_claims(body, context)
    if header.get("alg") != "RS256":
        raise LaunchRefused(
            "bad_alg", f"Algorithm {header.get('alg')!r} is not RS256.", context=context
        )
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise LaunchRefused("missing_kid", "The id_token header has no kid.", context=context)
    iss = body.get("iss")
    if not isinstance(iss, str) or iss != login.issuer:
        raise LaunchRefused(
            "wrong_iss",
            f"iss {iss!r} is not the platform that started this login ({login.issuer!r}).",
            context=context,
        )
    client_id = _client_id_from_audience(body)
    context["client_id"] = client_id[:200]
    if client_id != login.client_id:
        raise LaunchRefused(
            "wrong_aud",
            f"aud/azp {client_id!r} is not this tool's client id "
            f"for the login ({login.client_id!r}).",
            context=context,
        )
    registration = platform_cache.find_registration(iss, client_id, request)
    if registration is None or not registration.active:
        raise LaunchRefused(
            "unknown_registration",
            f"No active registration for {iss} / {client_id}.",
            context=context,
        )

    # Signature, with one refetch of the platform's keys for a kid we have not seen.
    jwk = _find_key(_platform_jwks(registration), kid)
    if jwk is None:
        jwk = _find_key(_platform_jwks(registration, refresh=True), kid)
    if jwk is None:
        raise LaunchRefused(
            "unknown_kid",
            f"No key {kid!r} in the platform's JWKS, even after fetching it again.",
            context=context,
        )
    if jwk.get("alg", "RS256") != "RS256" or jwk.get("kty") != "RSA":
        raise LaunchRefused("bad_alg", "The platform key is not an RS256 RSA key.", context=context)
    try:
        public_key = JWK.from_json(json.dumps(jwk)).export_to_pem()
        claims = jwt.decode(
            id_token,
            public_key,
            algorithms=["RS256"],
            audience=client_id,
            issuer=iss,
            leeway=CLOCK_SKEW,
            options={"require": ["exp", "iat", "iss", "aud"], "verify_iat": True},
        )
    except jwt.MissingRequiredClaimError as error:
        raise LaunchRefused(f"missing_{error.claim}", str(error), context=context) from error
    except jwt.ExpiredSignatureError as error:
        raise LaunchRefused(
            "expired",
            "The id_token has expired.",
            "This link has expired. Please go back to your course and open it again.",
            context=context,
        ) from error
    except jwt.ImmatureSignatureError as error:
        raise LaunchRefused(
            "iat_in_future", f"The id_token was issued in the future: {error}", context=context
        ) from error
    except jwt.InvalidAudienceError as error:
        raise LaunchRefused("wrong_aud", str(error), context=context) from error
    except jwt.InvalidIssuerError as error:
        raise LaunchRefused("wrong_iss", str(error), context=context) from error
    except jwt.InvalidSignatureError as error:
        raise LaunchRefused(
            "bad_signature", "The id_token signature does not verify.", context=context
        ) from error
    except (jwt.PyJWTError, ValueError, TypeError) as error:
        raise LaunchRefused(
            "invalid_token", f"The id_token is not valid: {error}", context=context
        ) from error
    if not isinstance(claims.get("iat"), int | float) or claims["iat"] > time.time() + CLOCK_SKEW:
        raise LaunchRefused("iat_in_future", "iat is not a time in the past.", context=context)

    # The nonce: one this tool issued for this login, used once.
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise LaunchRefused("missing_nonce", "The id_token has no nonce.", context=context)
    if nonce != login.nonce:
        raise LaunchRefused(
            "unknown_nonce", "The nonce was not issued for this login.", context=context
        )
    if not login_state.consume_nonce(nonce, login.state):
        raise LaunchRefused(
            "nonce_reused",
            "The nonce has already been used (replay).",
            REPLAYED,
            context=context,
        )

    # Message claims: pylti1p3's validators, then ours.
    message_type = claims.get(MESSAGE_TYPE)
    if not isinstance(message_type, str) or message_type not in SUPPORTED_MESSAGES:
        raise LaunchRefused(
            "message_type", f"Unsupported message_type {message_type!r}.", context=context
        )
    deployment_id = claims.get(DEPLOYMENT_ID)
    if not isinstance(deployment_id, str) or not deployment_id:
        raise LaunchRefused(
            "missing_deployment", "The id_token has no deployment_id.", context=context
        )
    if len(deployment_id) > MAX_ID_LENGTH:
        raise LaunchRefused("invalid_message", "deployment_id is too long.", context=context)
    # pylti1p3's validators call .get() on these claims and crash on anything but an object.
    shaped = RESOURCE_LINK if message_type == "LtiResourceLinkRequest" else DEEP_LINKING_SETTINGS
    if shaped in claims and not isinstance(claims[shaped], dict):
        raise LaunchRefused("invalid_message", f"{shaped} is not an object.", context=context)
    launch = StrictMessageLaunch(request, registration)
    message = cast(TJwtData, {"header": header, "body": claims})  # as pylti1p3 reads them
    launch.set_auto_validation(enable=False).set_jwt(message)
    try:
        launch.validate_message()
    except LtiException as error:
        raise LaunchRefused("invalid_message", str(error), context=context) from error
    if not isinstance(claims.get("sub"), str) or not claims["sub"].strip():
        raise LaunchRefused("missing_sub", "The id_token has an empty sub.", context=context)
    if len(claims["sub"]) > MAX_ID_LENGTH:
        raise LaunchRefused("invalid_message", "sub is too long.", context=context)
    if not isinstance(claims.get(ROLES), list):
        raise LaunchRefused("missing_roles", "The roles claim is not a list.", context=context)
    if not _within_tool(request, claims.get(TARGET_LINK_URI)):
        raise LaunchRefused(
            "target_link_uri",
            f"target_link_uri {claims.get(TARGET_LINK_URI)!r} is not on this tool.",
            context=context,
        )

    if message_type == "LtiDeepLinkingRequest" and not _is_web_url(
        claims[DEEP_LINKING_SETTINGS].get("deep_link_return_url")
    ):
        raise LaunchRefused(
            "deep_link_return_url",
            "deep_linking_settings has no usable deep_link_return_url.",
            context=context,
        )

    deployment = _deployment(registration, deployment_id, request)
    if not deployment.active:
        raise DeploymentAwaitingActivation(deployment, context)
    return ValidatedLaunch(registration, deployment, claims, login, launch)


def _deployment(
    registration: Registration, deployment_id: str, request: HttpRequest | None = None
) -> Deployment:
    """Find the deployment, creating an unknown one (inactive unless auto-activated)."""
    deployment = platform_cache.find_deployment(registration, deployment_id, request)
    if deployment is not None:
        return deployment
    try:
        with transaction.atomic():
            return Deployment.objects.create(
                registration=registration,
                deployment_id=deployment_id,
                active=registration.auto_activate_deployments,
            )
    except IntegrityError:
        return Deployment.objects.get(registration=registration, deployment_id=deployment_id)


class BrowserCheckNeeded(Exception):
    """The browser sent no state cookie: confirm it through platform storage or a new window."""

    def __init__(self, login: login_state.LoginState) -> None:
        super().__init__("state cookie missing")
        self.login = login


def cookie_name(state_value: str) -> str:
    return "plh-lti-" + hashlib.sha256(state_value.encode()).hexdigest()[:24]

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
from collections.abc import Callable
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

from lti_tool.launch import platform_keys
from lti_tool.launch import state as login_state
from lti_tool.launch.toolconf import DatabaseToolConf, ToolRegistration
from lti_tool.models import Deployment, Registration
from lti_tool.registration import platform_cache

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
    """The platform's JWKS (see :mod:`lti_tool.launch.platform_keys`); ``refresh`` fetches it
    now."""
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


@dataclass
class LaunchInProgress:
    """What the checks have learned so far about one launch; each check adds to it.

    The fields after ``request`` are filled in by the check that first needs them (the
    pipeline's order guarantees a later check finds them set).
    """

    request: HttpRequest
    id_token: str = field(init=False)
    state_value: str = field(init=False)
    login: login_state.LoginState = field(init=False)
    header: dict[str, Any] = field(init=False)
    body: dict[str, Any] = field(init=False)
    context: dict[str, Any] = field(init=False)  # for the administrators' log line
    kid: str = field(init=False)
    iss: str = field(init=False)
    client_id: str = field(init=False)
    registration: Registration = field(init=False)
    claims: dict[str, Any] = field(init=False)  # the verified body
    message_type: str = field(init=False)
    deployment_id: str = field(init=False)
    pylti: StrictMessageLaunch = field(init=False)
    deployment: Deployment = field(init=False)

    def refused(self, code: str, detail: str, message: str = GENERIC) -> LaunchRefused:
        """A refusal whose log line says which platform and deployment the token named."""
        return LaunchRefused(code, detail, message, context=self.context)


# --- The checks, in the order validate_launch runs them ----------------------------------------
# Each makes sure of one thing, or raises LaunchRefused with one of the codes listed beside it
# in CHECKS. Until the token is read there is nothing to log about the platform.


def posted_token_and_state(launch: LaunchInProgress) -> None:
    """The platform's form post carries an id_token and the login's state."""
    launch.id_token = launch.request.POST.get("id_token", "")
    launch.state_value = launch.request.POST.get("state", "")
    if not launch.id_token:
        raise LaunchRefused("missing_id_token", "The launch carried no id_token.")
    if not launch.state_value:
        raise LaunchRefused("missing_state", "The launch carried no state.")


def state_of_a_login_in_progress(launch: LaunchInProgress) -> None:
    """The state is one this tool issued for a login still waiting for its launch."""
    login = login_state.find_state(launch.state_value)
    if login is None and login_state.was_used(launch.state_value):
        raise LaunchRefused("nonce_reused", "The state was already used (replay).", REPLAYED)
    if login is None:
        raise LaunchRefused(
            "unknown_state",
            "The state is unknown or expired (older than ten minutes, or never issued).",
            "This link has expired. Please go back to your course and open it again.",
        )
    launch.login = login


def browser_that_started_the_login(launch: LaunchInProgress) -> None:
    """The browser proves it started this login: the state cookie, or the secret kept in the
    platform's storage. Without either, :class:`BrowserCheckNeeded` lets the view ask the
    platform's storage, or refuse with ``state_mismatch``."""
    request = launch.request
    cookie = request.COOKIES.get(cookie_name(launch.state_value), "")
    secret = request.POST.get("lti_storage_secret", "")
    if cookie != launch.state_value and not launch.login.browser_secret_matches(secret):
        raise BrowserCheckNeeded(launch.login)


def readable_token(launch: LaunchInProgress) -> None:
    """The id_token decodes (unverified yet) to a JSON object."""
    launch.header, launch.body = _unverified(launch.id_token)
    launch.context = {
        "iss": str(launch.body.get("iss", ""))[:200],
        "deployment_id": str(launch.body.get(DEPLOYMENT_ID, ""))[:200],
    }


def numeric_times(launch: LaunchInProgress) -> None:
    """``exp``, ``iat`` and ``nbf``, when present, are numbers (see :func:`_check_time_claims`)."""
    _check_time_claims(launch.body, launch.context)


def rs256_header(launch: LaunchInProgress) -> None:
    """The token says it is signed with RS256."""
    alg = launch.header.get("alg")
    if alg != "RS256":
        raise launch.refused("bad_alg", f"Algorithm {alg!r} is not RS256.")


def key_id(launch: LaunchInProgress) -> None:
    """The header names the platform key that signed the token."""
    kid = launch.header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise launch.refused("missing_kid", "The id_token header has no kid.")
    launch.kid = kid


def issuer_of_the_login(launch: LaunchInProgress) -> None:
    """The token comes from the platform that started this login."""
    iss = launch.body.get("iss")
    if not isinstance(iss, str) or iss != launch.login.issuer:
        raise launch.refused(
            "wrong_iss",
            f"iss {iss!r} is not the platform that started this login ({launch.login.issuer!r}).",
        )
    launch.iss = iss


def audience_of_the_login(launch: LaunchInProgress) -> None:
    """The token is for this tool's client id in this login (``aud`` and ``azp`` agree)."""
    client_id = _client_id_from_audience(launch.body)
    launch.context["client_id"] = client_id[:200]
    if client_id != launch.login.client_id:
        raise launch.refused(
            "wrong_aud",
            f"aud/azp {client_id!r} is not this tool's client id "
            f"for the login ({launch.login.client_id!r}).",
        )
    launch.client_id = client_id


def active_registration(launch: LaunchInProgress) -> None:
    """The platform is registered, and its registration is active."""
    registration = platform_cache.find_registration(launch.iss, launch.client_id, launch.request)
    if registration is None or not registration.active:
        raise launch.refused(
            "unknown_registration", f"No active registration for {launch.iss} / {launch.client_id}."
        )
    launch.registration = registration


def verified_signature(launch: LaunchInProgress) -> None:
    """The platform's key signed the token, which is current and names its issuer and
    audience. A kid the tool has not seen makes it fetch the platform's keys once more."""
    registration, context = launch.registration, launch.context
    jwk = _find_key(_platform_jwks(registration), launch.kid)
    if jwk is None:
        jwk = _find_key(_platform_jwks(registration, refresh=True), launch.kid)
    if jwk is None:
        raise launch.refused(
            "unknown_kid",
            f"No key {launch.kid!r} in the platform's JWKS, even after fetching it again.",
        )
    if jwk.get("alg", "RS256") != "RS256" or jwk.get("kty") != "RSA":
        raise launch.refused("bad_alg", "The platform key is not an RS256 RSA key.")
    try:
        public_key = JWK.from_json(json.dumps(jwk)).export_to_pem()
        launch.claims = jwt.decode(
            launch.id_token,
            public_key,
            algorithms=["RS256"],
            audience=launch.client_id,
            issuer=launch.iss,
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


def issued_in_the_past(launch: LaunchInProgress) -> None:
    """``iat`` is a time, and not later than now (with the clock skew allowed)."""
    iat = launch.claims.get("iat")
    if not isinstance(iat, int | float) or iat > time.time() + CLOCK_SKEW:
        raise launch.refused("iat_in_future", "iat is not a time in the past.")


def nonce_used_once(launch: LaunchInProgress) -> None:
    """The nonce is the one this tool issued for this login, and is used now, once."""
    nonce = launch.claims.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise launch.refused("missing_nonce", "The id_token has no nonce.")
    if nonce != launch.login.nonce:
        raise launch.refused("unknown_nonce", "The nonce was not issued for this login.")
    if not login_state.consume_nonce(nonce, launch.login.state):
        raise launch.refused("nonce_reused", "The nonce has already been used (replay).", REPLAYED)


def supported_message(launch: LaunchInProgress) -> None:
    """A resource link launch or a Deep Linking request."""
    message_type = launch.claims.get(MESSAGE_TYPE)
    if not isinstance(message_type, str) or message_type not in SUPPORTED_MESSAGES:
        raise launch.refused("message_type", f"Unsupported message_type {message_type!r}.")
    launch.message_type = message_type


def deployment_named(launch: LaunchInProgress) -> None:
    """The token names its deployment, within the spec's length."""
    deployment_id = launch.claims.get(DEPLOYMENT_ID)
    if not isinstance(deployment_id, str) or not deployment_id:
        raise launch.refused("missing_deployment", "The id_token has no deployment_id.")
    if len(deployment_id) > MAX_ID_LENGTH:
        raise launch.refused("invalid_message", "deployment_id is too long.")
    launch.deployment_id = deployment_id


def message_claims(launch: LaunchInProgress) -> None:
    """pylti1p3's validators accept the message (its link or Deep Linking settings an object)."""
    claims = launch.claims
    # pylti1p3's validators call .get() on these claims and crash on anything but an object.
    is_link = launch.message_type == "LtiResourceLinkRequest"
    shaped = RESOURCE_LINK if is_link else DEEP_LINKING_SETTINGS
    if shaped in claims and not isinstance(claims[shaped], dict):
        raise launch.refused("invalid_message", f"{shaped} is not an object.")
    launch.pylti = StrictMessageLaunch(launch.request, launch.registration)
    message = cast(TJwtData, {"header": launch.header, "body": claims})  # as pylti1p3 reads them
    launch.pylti.set_auto_validation(enable=False).set_jwt(message)
    try:
        launch.pylti.validate_message()
    except LtiException as error:
        raise launch.refused("invalid_message", str(error)) from error


def subject(launch: LaunchInProgress) -> None:
    """The person launching is named (``sub``), within the spec's length."""
    sub = launch.claims.get("sub")
    if not isinstance(sub, str) or not sub.strip():
        raise launch.refused("missing_sub", "The id_token has an empty sub.")
    if len(sub) > MAX_ID_LENGTH:
        raise launch.refused("invalid_message", "sub is too long.")


def roles_listed(launch: LaunchInProgress) -> None:
    """The roles claim is a list (possibly empty)."""
    if not isinstance(launch.claims.get(ROLES), list):
        raise launch.refused("missing_roles", "The roles claim is not a list.")


def target_on_this_tool(launch: LaunchInProgress) -> None:
    """``target_link_uri`` points at this tool."""
    target = launch.claims.get(TARGET_LINK_URI)
    if not _within_tool(launch.request, target):
        raise launch.refused("target_link_uri", f"target_link_uri {target!r} is not on this tool.")


def deep_link_return_url(launch: LaunchInProgress) -> None:
    """A Deep Linking request says where to send the instructor's choice back."""
    if launch.message_type == "LtiDeepLinkingRequest" and not _is_web_url(
        launch.claims[DEEP_LINKING_SETTINGS].get("deep_link_return_url")
    ):
        raise launch.refused(
            "deep_link_return_url", "deep_linking_settings has no usable deep_link_return_url."
        )


def active_deployment(launch: LaunchInProgress) -> None:
    """The deployment is active. An unknown one is recorded first, inactive unless the
    registration activates new deployments, so an administrator can see and activate it."""
    deployment = _deployment(launch.registration, launch.deployment_id, launch.request)
    if not deployment.active:
        raise DeploymentAwaitingActivation(deployment, launch.context)
    launch.deployment = deployment


@dataclass(frozen=True)
class Check:
    """One step of launch validation and the refusal codes it may answer with."""

    run: Callable[[LaunchInProgress], None]
    refusals: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.run.__name__


#: Every check, in order: the first that fails decides the refusal.
CHECKS: tuple[Check, ...] = (
    Check(posted_token_and_state, ("missing_id_token", "missing_state")),
    Check(state_of_a_login_in_progress, ("nonce_reused", "unknown_state")),
    Check(browser_that_started_the_login, ("state_mismatch",)),
    Check(readable_token, ("malformed_token",)),
    Check(numeric_times, ("invalid_exp", "invalid_iat", "invalid_nbf")),
    Check(rs256_header, ("bad_alg",)),
    Check(key_id, ("missing_kid",)),
    Check(issuer_of_the_login, ("wrong_iss",)),
    Check(audience_of_the_login, ("azp_mismatch", "wrong_aud")),
    Check(active_registration, ("unknown_registration",)),
    Check(
        verified_signature,
        (
            "jwks_invalid",
            "jwks_unavailable",
            "unknown_kid",
            "bad_alg",
            "missing_exp",
            "missing_iat",
            "missing_iss",
            "missing_aud",
            "expired",
            "iat_in_future",
            "wrong_aud",
            "wrong_iss",
            "bad_signature",
            "invalid_token",
        ),
    ),
    Check(issued_in_the_past, ("iat_in_future",)),
    Check(nonce_used_once, ("missing_nonce", "unknown_nonce", "nonce_reused")),
    Check(supported_message, ("message_type",)),
    Check(deployment_named, ("missing_deployment", "invalid_message")),
    Check(message_claims, ("invalid_message",)),
    Check(subject, ("missing_sub", "invalid_message")),
    Check(roles_listed, ("missing_roles",)),
    Check(target_on_this_tool, ("target_link_uri",)),
    Check(deep_link_return_url, ("deep_link_return_url",)),
    Check(active_deployment, ("deployment_inactive",)),
)


def validate_launch(request: HttpRequest) -> ValidatedLaunch:
    """Check an OIDC launch (the platform's form post) and return what it says.

    Runs :data:`CHECKS` in order; the first that fails raises :class:`LaunchRefused` (or
    :class:`BrowserCheckNeeded`, which the view answers).
    """
    launch = LaunchInProgress(request)
    for check in CHECKS:
        check.run(launch)
    return ValidatedLaunch(
        launch.registration, launch.deployment, launch.claims, launch.login, launch.pylti
    )


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

"""Platform side of LTI Dynamic Registration (1EdTech LTI-DR 1.0) with LMS flavours.

Flow (as driven by a test)::

    url = platform.dynreg.initiation_url("http://tool/lti/register/")   # admin pastes tool URL
    # the tool GETs ?openid_configuration=...&registration_token=..., fetches the
    # configuration, then POSTs its client registration to registration_endpoint with
    # "Authorization: Bearer <registration_token>"; the platform stores a ToolRegistration.

Flavour differences implemented (see README.md for the full list):

* **generic** - follows the 1EdTech spec literally: opaque single-use registration token,
  ``messages_supported`` as objects, ``deployment_id`` inside the returned tool configuration,
  201 Created.
* **moodle** - registration token is an RS256 JWT signed with the platform key (``sub`` is the
  client id to assign, ``scope`` ``reg``); openid-configuration is public; its
  ``messages_supported`` is a plain list of strings plus a non-standard top level
  ``placements``; ``domain`` is mandatory and must match ``target_link_uri``; unknown scopes are
  silently dropped; only deep-linking messages are echoed back; ``deployment_id`` (the numeric
  type id) is inside the tool configuration; 200 OK.
* **canvas** - registration token is an HS256 JWT (uuid, initiated_at, user_id,
  root_account_global_id, exp); the openid-configuration itself requires it (401 without
  ``registration_token``); ``messages_supported`` objects list Canvas placement URIs; extra
  ``https://canvas.instructure.com/lti/account_name`` / ``account_lti_guid``;
  ``authorization_server``; ``scope`` is mandatory and unsupported scopes are refused; the
  response carries ``deployment_id`` at the top level, ``registration_client_uri`` and the
  ``https://canvas.instructure.com/lti/registration_config_url`` extension; 200 OK.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import jwt

from . import claims as c
from .errors import RegistrationError
from .flavours import PATHS
from .models import ToolRegistration

if TYPE_CHECKING:
    from .platform import Platform

__all__ = ["DynamicRegistrationService", "is_registration_close_page"]

CANVAS_EXT = "https://canvas.instructure.com/lti/"
CANVAS_PLACEMENTS_RESOURCE_LINK = [
    CANVAS_EXT + "account_navigation",
    CANVAS_EXT + "assignment_selection",
    CANVAS_EXT + "course_navigation",
    CANVAS_EXT + "global_navigation",
    CANVAS_EXT + "link_selection",
    CANVAS_EXT + "user_navigation",
    "ContentArea",
]
CANVAS_PLACEMENTS_DEEP_LINKING = [
    CANVAS_EXT + "assignment_selection",
    CANVAS_EXT + "editor_button",
    CANVAS_EXT + "link_selection",
    CANVAS_EXT + "module_menu_modal",
    "ContentArea",
    "RichTextEditor",
]
CANVAS_EXTRA_SCOPES = [
    CANVAS_EXT + "public_jwk/scope/update",
    CANVAS_EXT + "account_lookup/scope/show",
    "https://canvas.instructure.com/lti-ags/progress/scope/show",
    CANVAS_EXT + "page_content/show",
]
SUPPORTED_MESSAGE_TYPES = (c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST)
GENERIC_VARIABLES = [
    "Context.id",
    "Context.title",
    "ResourceLink.id",
    "ResourceLink.title",
    "User.id",
    "Person.name.full",
    "Person.name.given",
    "Person.name.family",
    "Person.email.primary",
    "Membership.role",
]


@dataclass
class _IssuedToken:
    value: str
    client_id_hint: str | None
    expires_at: float
    consumed: bool = False


def is_registration_close_page(html: str) -> bool:
    """Whether a tool's final registration page posts ``org.imsglobal.lti.close`` to the LMS."""
    return "postMessage" in html and "org.imsglobal.lti.close" in html


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.startswith("Bearer "):
        return authorization[len("Bearer ") :].strip() or None
    return None


def _is_absolute_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _bad(field_name: str, description: str) -> RegistrationError:
    return RegistrationError("invalid_client_metadata", f"{field_name}: {description}", status=400)


class DynamicRegistrationService:
    """Openid-configuration document, registration tokens and the registration endpoint."""

    def __init__(self, platform: Platform) -> None:
        self._platform = platform
        self.require_token: bool | None = None
        """``None``: a token is required once any has been issued (always, for canvas)."""
        self.token_ttl = 3600
        self.account_name = "Peer Leadership University"
        self._tokens: dict[str, _IssuedToken] = {}
        self._hs_secret = secrets.token_bytes(32)
        self._sequence = 0
        self.responses: list[dict[str, Any]] = []

    @property
    def flavour(self) -> str:
        """The platform flavour."""
        return self._platform.flavour

    # --------------------------------------------------------------------------- tokens --
    def issue_registration_token(self) -> str:
        """Create a single-use registration token in the flavour's format."""
        platform = self._platform
        now = int(platform.clock())
        expires_at = now + self.token_ttl
        client_id_hint: str | None = None
        if self.flavour == "moodle":
            client_id_hint = secrets.token_urlsafe(11)[:15]
            claims = {"sub": client_id_hint, "scope": "reg", "iat": now, "exp": expires_at}
            value = platform.keys.signing_key.sign(claims)
        elif self.flavour == "canvas":
            claims = {
                "uuid": str(uuid.uuid4()),
                "initiated_at": datetime.fromtimestamp(now, UTC).isoformat(),
                "user_id": 1,
                "root_account_global_id": 10000000000001,
                "exp": expires_at,
            }
            value = jwt.encode(claims, self._hs_secret, algorithm="HS256")
        else:
            value = secrets.token_urlsafe(32)
        with platform.lock:
            self._tokens[value] = _IssuedToken(value, client_id_hint, float(expires_at))
        return value

    def initiation_params(self, registration_token: str | None = None) -> dict[str, str]:
        """Query parameters the LMS adds to the tool's registration URL."""
        token = registration_token or self.issue_registration_token()
        config_url = self._platform.openid_configuration_url
        if self.flavour == "canvas":
            # Canvas hands out a configuration URL that already carries the token.
            config_url = f"{config_url}?{urlencode({'registration_token': token})}"
        return {"openid_configuration": config_url, "registration_token": token}

    def initiation_url(
        self, tool_registration_url: str, registration_token: str | None = None
    ) -> str:
        """The tool's registration URL with ``openid_configuration`` and ``registration_token``."""
        separator = "&" if urlsplit(tool_registration_url).query else "?"
        params = self.initiation_params(registration_token)
        return f"{tool_registration_url}{separator}{urlencode(params)}"

    def _token_required(self) -> bool:
        if self.flavour == "canvas":
            return True
        if self.require_token is not None:
            return self.require_token
        with self._platform.lock:
            return bool(self._tokens)

    def _check_token(self, value: str) -> _IssuedToken:
        platform = self._platform
        unauthorized = RegistrationError("invalid_token", "registration token rejected", status=401)
        try:
            if self.flavour == "moodle":
                kid = jwt.get_unverified_header(value).get("kid")
                key = platform.keys.get(str(kid)) if kid else None
                if key is None:
                    raise unauthorized
                decoded = jwt.decode(
                    value,
                    key.public_key,
                    algorithms=["RS256"],
                    options={"require": ["exp", "iat", "sub"]},
                )
                if decoded.get("scope") != "reg":
                    raise unauthorized
            elif self.flavour == "canvas":
                decoded = jwt.decode(
                    value, self._hs_secret, algorithms=["HS256"], options={"require": ["exp"]}
                )
                expected = {"uuid", "initiated_at", "user_id", "root_account_global_id", "exp"}
                if set(decoded) != expected:
                    raise RegistrationError(
                        "invalid_token", "JWT did not include expected contents", status=401
                    )
        except jwt.PyJWTError as exc:
            raise RegistrationError(
                "invalid_token", f"registration token: {exc}", status=401
            ) from exc
        with platform.lock:
            issued = self._tokens.get(value)
        if issued is None:
            raise RegistrationError("invalid_token", "unknown registration token", status=401)
        if issued.expires_at <= platform.clock():
            raise RegistrationError("invalid_token", "registration token expired", status=401)
        if issued.consumed:
            raise RegistrationError("invalid_token", "token_already_consumed", status=401)
        return issued

    # ------------------------------------------------------------------ configuration --
    def openid_configuration(self, registration_token: str | None = None) -> dict[str, Any]:
        """The platform's OpenID configuration in the flavour's shape.

        Canvas refuses (401) unless a valid ``registration_token`` is presented.
        """
        platform = self._platform
        if self.flavour == "canvas":
            if not registration_token:
                raise RegistrationError(
                    "invalid_token",
                    "Access token missing (You must include the registration_token parameter).",
                    status=401,
                )
            self._check_token(registration_token)
        paths = PATHS[platform.flavour]
        document: dict[str, Any] = {
            "issuer": platform.issuer,
            "authorization_endpoint": platform.url(paths.authorization),
            "registration_endpoint": platform.url(paths.registration),
            "jwks_uri": platform.url(paths.jwks),
            "token_endpoint": platform.url(paths.token),
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["id_token"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        service_scopes = sorted(c.ALL_SERVICE_SCOPES)
        if self.flavour == "moodle":
            document["scopes_supported"] = [
                *service_scopes,
                c.SCOPE_GROUPS,
                c.SCOPE_TOOL_SETTINGS,
                "openid",
            ]
            document["subject_types_supported"] = ["public", "pairwise"]
            document["claims_supported"] = [
                "sub",
                "iss",
                "name",
                "given_name",
                "family_name",
                "email",
            ]
            document[c.PLATFORM_CONFIGURATION] = {
                "product_family_code": "moodle",
                "version": "4.4.1 (Build: 20240610)",
                "messages_supported": list(SUPPORTED_MESSAGE_TYPES),
                "placements": ["AddContentMenu"],
                "variables": [
                    "basic-lti-launch-request",
                    "ContentItemSelectionRequest",
                    "Context.id",
                    "Context.title",
                    "ResourceLink.id",
                    "User.id",
                    "User.username",
                    "Person.name.full",
                    "Person.email.primary",
                    "Moodle.Person.userGroupIds",
                ],
            }
        elif self.flavour == "canvas":
            document["scopes_supported"] = ["openid", *service_scopes, *CANVAS_EXTRA_SCOPES]
            document["subject_types_supported"] = ["public"]
            document["claims_supported"] = [
                "sub",
                "picture",
                "email",
                "name",
                "given_name",
                "family_name",
                "locale",
            ]
            document["authorization_server"] = platform.authorization_server
            document[c.PLATFORM_CONFIGURATION] = {
                "product_family_code": "canvas",
                "version": "OpenSource",
                "messages_supported": [
                    {"type": c.MSG_RESOURCE_LINK, "placements": CANVAS_PLACEMENTS_RESOURCE_LINK},
                    {
                        "type": c.MSG_DEEP_LINKING_REQUEST,
                        "placements": CANVAS_PLACEMENTS_DEEP_LINKING,
                    },
                ],
                "variables": [
                    *GENERIC_VARIABLES,
                    "Canvas.course.id",
                    "Canvas.user.id",
                    "com.instructure.User.sectionNames",
                ],
                CANVAS_EXT + "account_name": self.account_name,
                CANVAS_EXT + "account_lti_guid": platform.guid,
            }
        else:
            document["scopes_supported"] = ["openid", *service_scopes]
            document["subject_types_supported"] = ["public", "pairwise"]
            document["claims_supported"] = [
                "iss",
                "aud",
                "sub",
                "name",
                "given_name",
                "family_name",
                "email",
                "picture",
            ]
            document[c.PLATFORM_CONFIGURATION] = {
                "product_family_code": "peer-leadership-test-lms",
                "version": "1.0",
                "messages_supported": [
                    {"type": c.MSG_RESOURCE_LINK},
                    {"type": c.MSG_DEEP_LINKING_REQUEST, "placements": ["ContentArea"]},
                ],
                "variables": list(GENERIC_VARIABLES),
            }
        return document

    def _supported_scopes(self) -> set[str]:
        scopes = set(c.ALL_SERVICE_SCOPES)
        if self.flavour == "canvas":
            scopes |= set(CANVAS_EXTRA_SCOPES)
        if self.flavour == "moodle":
            scopes |= {c.SCOPE_GROUPS, c.SCOPE_TOOL_SETTINGS}
        return scopes

    # ---------------------------------------------------------------------- registration --
    def _validate(self, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            raise RegistrationError("invalid_client_metadata", "body must be a JSON object")
        moodle = self.flavour == "moodle"
        application_type = payload.get("application_type")
        if application_type != "web" and not (moodle and application_type is None):
            raise _bad("application_type", "must be 'web'")
        grant_types = payload.get("grant_types")
        if not isinstance(grant_types, list) or not {"implicit", "client_credentials"} <= set(
            grant_types
        ):
            raise _bad("grant_types", "must include 'implicit' and 'client_credentials'")
        response_types = payload.get("response_types")
        if not isinstance(response_types, list) or "id_token" not in response_types:
            raise _bad("response_types", "must include 'id_token'")
        if not _is_absolute_url(payload.get("initiate_login_uri")):
            raise _bad("initiate_login_uri", "must be an absolute http(s) URL")
        redirect_uris = payload.get("redirect_uris")
        if (
            not isinstance(redirect_uris, list)
            or not redirect_uris
            or not all(_is_absolute_url(u) for u in redirect_uris)
        ):
            raise _bad("redirect_uris", "must be a non-empty list of absolute URLs")
        if not _is_absolute_url(payload.get("jwks_uri")):
            raise _bad("jwks_uri", "must be an absolute http(s) URL")
        if payload.get("token_endpoint_auth_method") != "private_key_jwt":
            raise _bad("token_endpoint_auth_method", "must be 'private_key_jwt'")
        client_name = payload.get("client_name")
        if not isinstance(client_name, str) or not client_name.strip():
            raise _bad("client_name", "is required")
        scope = payload.get("scope")
        if scope is None and self.flavour == "canvas":
            raise _bad("scope", "is required")
        if scope is not None and not isinstance(scope, str):
            raise _bad("scope", "must be a space separated string")
        config = payload.get(c.TOOL_CONFIGURATION)
        if not isinstance(config, dict):
            raise _bad(c.TOOL_CONFIGURATION, "is required and must be an object")
        domain = config.get("domain")
        if not isinstance(domain, str) or not domain.strip():
            raise _bad("domain", "is required in the tool configuration")
        target_link_uri = config.get("target_link_uri")
        if target_link_uri is not None:
            if not _is_absolute_url(target_link_uri):
                raise _bad("target_link_uri", "must be an absolute URL")
            parts = urlsplit(target_link_uri)
            if domain.lower() not in (parts.netloc.lower(), (parts.hostname or "").lower()):
                raise _bad("target_link_uri", f"host does not match domain {domain!r}")
        messages = config.get("messages", [])
        if not isinstance(messages, list):
            raise _bad("messages", "must be a list")
        for message in messages:
            if not isinstance(message, dict) or message.get("type") not in SUPPORTED_MESSAGE_TYPES:
                raise _bad("messages", f"unsupported message {message!r}")
            if "target_link_uri" in message and not _is_absolute_url(message["target_link_uri"]):
                raise _bad("messages", "message target_link_uri must be an absolute URL")
        claims = config.get("claims", [])
        if not isinstance(claims, list) or not all(isinstance(x, str) for x in claims):
            raise _bad("claims", "must be a list of strings")
        custom = config.get("custom_parameters", {})
        if not isinstance(custom, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in custom.items()
        ):
            raise _bad("custom_parameters", "must map strings to strings")
        return config

    def _next_ids(self, token: _IssuedToken | None) -> tuple[str, str]:
        with self._platform.lock:
            self._sequence += 1
            sequence = self._sequence
        if self.flavour == "moodle":
            client_id = token.client_id_hint if token and token.client_id_hint else None
            return client_id or secrets.token_urlsafe(11)[:15], str(sequence)
        if self.flavour == "canvas":
            digest = hashlib.sha1(
                f"{self._platform.guid}:{sequence}".encode(), usedforsecurity=False
            ).hexdigest()
            return str(10000000000000 + sequence), f"{sequence}:{digest}"
        return str(uuid.uuid4()), f"deployment-{secrets.token_hex(6)}"

    def register(
        self, payload: Any, *, authorization: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Handle the tool's client registration request; returns ``(status, response)``.

        Raises :class:`RegistrationError` (401 for token problems, 400 for bad metadata).
        On success the tool is added to the platform, so launches work immediately.
        """
        platform = self._platform
        token_value = _bearer(authorization)
        if token_value is None and self._token_required():
            raise RegistrationError("invalid_token", "missing_registration_token", status=401)
        issued = self._check_token(token_value) if token_value else None
        config = self._validate(payload)
        requested_scopes = (payload.get("scope") or "").split()
        supported = self._supported_scopes()
        unsupported = [s for s in requested_scopes if s not in supported]
        if unsupported and self.flavour == "canvas":
            raise _bad("scope", f"invalid scopes {unsupported}")
        granted = [s for s in requested_scopes if s in supported]
        messages = [dict(m) for m in config.get("messages", [])]
        deep_link_url = next(
            (
                m.get("target_link_uri")
                for m in messages
                if m.get("type") == c.MSG_DEEP_LINKING_REQUEST and m.get("target_link_uri")
            ),
            None,
        )
        with platform.lock:
            if issued is not None:
                if issued.consumed:
                    raise RegistrationError("invalid_token", "token_already_consumed", status=401)
                issued.consumed = True
            client_id, deployment_id = self._next_ids(issued)
            target_link_uri = config.get("target_link_uri") or f"https://{config['domain']}"
            registration = ToolRegistration(
                client_id=client_id,
                login_initiation_url=payload["initiate_login_uri"],
                redirect_uris=list(payload["redirect_uris"]),
                deployment_ids=[deployment_id],
                target_link_uri=target_link_uri,
                deep_link_url=deep_link_url,
                jwks_uri=payload["jwks_uri"],
                scopes=set(granted),
                name=payload["client_name"],
                domain=config["domain"],
                claims=list(config.get("claims", [])) or None,
                custom_parameters=dict(config.get("custom_parameters", {})),
                messages=messages,
                source="dynamic",
                raw_registration=dict(payload),
            )
            platform.add_registration(registration)
        tool_config: dict[str, Any] = {
            key: value for key, value in config.items() if key != "messages"
        }
        if self.flavour == "moodle":
            tool_config["messages"] = [
                m for m in messages if m.get("type") == c.MSG_DEEP_LINKING_REQUEST
            ]
        else:
            tool_config["messages"] = messages
        response: dict[str, Any] = {
            "client_id": client_id,
            "application_type": "web",
            "grant_types": list(payload["grant_types"]),
            "response_types": list(payload["response_types"]),
            "initiate_login_uri": payload["initiate_login_uri"],
            "redirect_uris": list(payload["redirect_uris"]),
            "client_name": payload["client_name"],
            "jwks_uri": payload["jwks_uri"],
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": " ".join(granted),
        }
        if "logo_uri" in payload:
            response["logo_uri"] = payload["logo_uri"]
        if self.flavour == "canvas":
            registration_url = platform.url(f"/api/lti/registrations/{client_id}")
            tool_config[CANVAS_EXT + "registration_config_url"] = registration_url + "/view"
            response["registration_client_uri"] = registration_url
            response["deployment_id"] = deployment_id
            status = 200
        else:
            tool_config["deployment_id"] = deployment_id
            status = 200 if self.flavour == "moodle" else 201
        response[c.TOOL_CONFIGURATION] = tool_config
        with platform.lock:
            self.responses.append(response)
        return status, response

"""A framework-free LTI 1.3 platform (LMS) used as the peer of the tool under test.

:class:`Platform` owns the platform's signing keys, the tool registrations, courses with their
members and gradebooks, and implements the platform side of:

* the OIDC third-party initiated login and authorization (``login_initiation_params``,
  ``prepare_launch``, ``authorize``),
* id_token construction for ``LtiResourceLinkRequest`` and ``LtiDeepLinkingRequest`` including
  hostile variants (``build_id_token(..., tamper=...)``),
* verification of ``LtiDeepLinkingResponse`` JWTs from the tool,
* the OAuth2 client-credentials grant with ``private_key_jwt`` client assertions,
* AGS / NRPS (``platform.ags``, ``platform.nrps``) and Dynamic Registration
  (``platform.dynreg``).

Everything is usable without HTTP; :class:`~.server.PlatformServer` exposes the same logic on
127.0.0.1.  All state changes are guarded by one re-entrant lock, so HTTP handler threads and
the test thread can use the platform concurrently.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import jwt

from . import claims as c
from .errors import (
    AuthorizationError,
    ClientAuthenticationError,
    DeepLinkingResponseError,
    ServiceError,
)
from .flavours import PATHS, Flavour, all_paths
from .keys import (
    JwksError,
    KeySet,
    RemoteJwksCache,
    RsaKey,
    compose_jws,
    find_jwk,
    hs256_signer,
    rs256_signer,
)
from .models import (
    AccessToken,
    Context,
    DeepLinkingResult,
    IssuedIdToken,
    Member,
    PendingLaunch,
    ToolRegistration,
)
from .registration import DynamicRegistrationService
from .services import AgsService, NrpsService
from .tamper import SignWith, Tamper, apply_tamper, resolve_tamper

__all__ = ["DEFAULT_CONTEXT_ID", "DEFAULT_RESOURCE_LINK_ID", "UNSET", "Platform"]

DEFAULT_CONTEXT_ID = "course-1"
DEFAULT_RESOURCE_LINK_ID = "resource-link-1"
DEEP_LINK_RETURN_PATH = "/deep_link_return"
LAUNCH_RETURN_PATH = "/launch_return"


class _Unset:
    """Marker for "argument not given" where ``None`` is a meaningful value."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()

TamperSpec = Tamper | str | Iterable[str] | None


def _first(value: Any) -> str | None:
    """Flatten ``parse_qs`` style values (lists) to their first element."""
    if isinstance(value, list | tuple):
        return str(value[0]) if value else None
    return None if value is None else str(value)


class Platform:
    """An LTI 1.3 platform with its own RSA keys, registrations, courses and services.

    :param issuer: the ``iss`` of every platform JWT.  Defaults to the server's base URL once
        bound (``http://127.0.0.1:<port>``); pass e.g. ``"https://canvas.instructure.com"`` to
        imitate Canvas, whose issuer differs from the host serving its endpoints.
    :param flavour: ``"generic"``, ``"moodle"`` or ``"canvas"``; see ``README.md``.
    :param clock: time source, overridable for deterministic tests.
    """

    def __init__(
        self,
        issuer: str | None = None,
        *,
        flavour: Flavour = "generic",
        key_size: int = 2048,
        signing_key: RsaKey | None = None,
        clock: Callable[[], float] = time.time,
        id_token_ttl: int = 300,
        access_token_ttl: int = 3600,
        http_timeout: float = 5.0,
        leeway: int = 5,
        name: str = "Peer Leadership Test LMS",
    ) -> None:
        if flavour not in PATHS:
            raise ValueError(f"unknown flavour {flavour!r}")
        self._lock = threading.RLock()
        self._issuer = issuer.rstrip("/") if issuer else None
        self.flavour: Flavour = flavour
        self.base_url: str | None = None
        self.name = name
        self.guid = f"{secrets.token_hex(20)}:canvas-lms" if flavour == "canvas" else "test-lms"
        self.clock = clock
        self.id_token_ttl = id_token_ttl
        self.access_token_ttl = access_token_ttl
        self.leeway = leeway
        self.keys = KeySet(signing_key, key_size=key_size)
        self._foreign_key: RsaKey | None = None
        self.tool_keys = RemoteJwksCache(timeout=http_timeout, clock=clock)
        self.registrations: dict[str, ToolRegistration] = {}
        self.contexts: dict[str, Context] = {}
        self.pending_launches: dict[str, PendingLaunch] = {}
        self.issued_id_tokens: list[IssuedIdToken] = []
        self.access_tokens: dict[str, AccessToken] = {}
        self.token_request_count = 0
        self.tokens_issued = 0
        self.accepted_assertion_audiences: set[str] = set()
        self._used_assertion_jtis: set[tuple[str, str]] = set()
        self._seen_deep_link_nonces: set[tuple[str, str]] = set()
        self._issued_deep_link_settings: dict[str, dict[str, Any]] = {}
        self.deep_link_results: list[DeepLinkingResult] = []
        self.ags = AgsService(self)
        self.nrps = NrpsService(self)
        self.dynreg = DynamicRegistrationService(self)

    # ------------------------------------------------------------------ identity and URLs --
    @property
    def lock(self) -> threading.RLock:
        """The lock guarding all mutable platform state."""
        return self._lock

    @property
    def issuer(self) -> str:
        """The platform issuer identifier (``iss``)."""
        if self._issuer:
            return self._issuer
        if self.base_url:
            return self.base_url
        raise RuntimeError("Platform has no issuer: pass issuer= or bind it to a server")

    def bind(self, base_url: str) -> None:
        """Attach the platform to the HTTP origin serving it (done by ``PlatformServer``)."""
        self.base_url = base_url.rstrip("/")

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on the platform's HTTP origin (or issuer when unbound)."""
        origin = self.base_url or self.issuer
        return origin + (path if path.startswith("/") else "/" + path)

    @property
    def jwks_uri(self) -> str:
        """Where the platform publishes its JWKS (flavour specific path)."""
        return self.url(PATHS[self.flavour].jwks)

    @property
    def authorization_endpoint(self) -> str:
        """OIDC authorization endpoint URL."""
        return self.url(PATHS[self.flavour].authorization)

    @property
    def token_endpoint(self) -> str:
        """OAuth2 token endpoint URL."""
        return self.url(PATHS[self.flavour].token)

    @property
    def registration_endpoint(self) -> str:
        """Dynamic Registration endpoint URL."""
        return self.url(PATHS[self.flavour].registration)

    @property
    def openid_configuration_url(self) -> str:
        """OpenID configuration URL."""
        return self.url(PATHS[self.flavour].openid_configuration)

    @property
    def deep_link_return_url(self) -> str:
        """Where the tool posts Deep Linking responses."""
        return self.url(DEEP_LINK_RETURN_PATH)

    def token_audiences(self) -> set[str]:
        """Values accepted as ``aud`` of a client assertion: the token endpoint URL(s)."""
        audiences = {self.url(path) for path in all_paths("token")}
        if self.flavour == "canvas":
            audiences.add(self.authorization_server)
        return audiences | set(self.accepted_assertion_audiences)

    @property
    def authorization_server(self) -> str:
        """Canvas's ``authorization_server`` value (the host serving the token endpoint)."""
        return urlsplit(self.url("/")).netloc

    # ----------------------------------------------------------------------- registrations --
    def add_registration(self, registration: ToolRegistration) -> ToolRegistration:
        """Register a tool (replacing one with the same client id)."""
        with self._lock:
            self.registrations[registration.client_id] = registration
        return registration

    def register_tool(
        self,
        *,
        login_initiation_url: str,
        redirect_uris: Iterable[str],
        client_id: str | None = None,
        deployment_ids: Iterable[str] | None = None,
        target_link_uri: str | None = None,
        deep_link_url: str | None = None,
        jwks_uri: str | None = None,
        jwks: Mapping[str, Any] | None = None,
        scopes: Iterable[str] | None = None,
        name: str = "Peer Leadership Hub",
        custom_parameters: Mapping[str, str] | None = None,
        claims: Iterable[str] | None = None,
    ) -> ToolRegistration:
        """Manually register a tool, as an LMS administrator would."""
        registration = ToolRegistration(
            client_id=client_id or f"client-{secrets.token_hex(6)}",
            login_initiation_url=login_initiation_url,
            redirect_uris=list(redirect_uris),
            deployment_ids=list(deployment_ids) if deployment_ids else ["deployment-1"],
            target_link_uri=target_link_uri,
            deep_link_url=deep_link_url,
            jwks_uri=jwks_uri,
            jwks=dict(jwks) if jwks is not None else None,
            scopes=set(scopes) if scopes is not None else set(c.ALL_SERVICE_SCOPES),
            name=name,
            custom_parameters=dict(custom_parameters or {}),
            claims=list(claims) if claims is not None else None,
        )
        return self.add_registration(registration)

    def registration(self, client_id: str | None = None) -> ToolRegistration:
        """The registration for ``client_id``; without one, the only registration."""
        with self._lock:
            if client_id is not None:
                try:
                    return self.registrations[client_id]
                except KeyError:
                    raise KeyError(f"no tool registered with client_id {client_id!r}") from None
            if len(self.registrations) != 1:
                raise KeyError(
                    f"{len(self.registrations)} tools registered; pass client_id explicitly"
                )
            return next(iter(self.registrations.values()))

    # ---------------------------------------------------------------- courses and members --
    def ensure_context(
        self,
        context_id: str = DEFAULT_CONTEXT_ID,
        *,
        title: str | None = None,
        label: str | None = None,
    ) -> Context:
        """Return the context, creating it on first use."""
        with self._lock:
            context = self.contexts.get(context_id)
            if context is None:
                context = Context(id=context_id)
                self.contexts[context_id] = context
            if title is not None:
                context.title = title
            if label is not None:
                context.label = label
            return context

    def add_member(self, member: Member, context_id: str = DEFAULT_CONTEXT_ID) -> Member:
        """Enrol (or replace) ``member`` in a context."""
        with self._lock:
            self.ensure_context(context_id).members[member.user_id] = member
        return member

    def add_members(self, members: Iterable[Member], context_id: str = DEFAULT_CONTEXT_ID) -> None:
        """Enrol several members, keeping their order."""
        for member in members:
            self.add_member(member, context_id)

    def _launch_user(self, user: Member | str | None, context_id: str, roles: list[str]) -> Member:
        with self._lock:
            context = self.ensure_context(context_id)
            if isinstance(user, Member):
                context.members.setdefault(user.user_id, user)
                return user
            user_id = user or ("instructor-1" if c.ROLE_INSTRUCTOR in roles else "learner-1")
            existing = context.members.get(user_id)
            if existing is not None:
                return existing
            member = Member(
                user_id=user_id,
                roles=list(roles),
                name=f"Test {user_id}",
                given_name="Test",
                family_name=user_id,
                email=f"{user_id}@example.edu",
            )
            context.members[user_id] = member
            return member

    # ------------------------------------------------------------------------- id_tokens --
    def _tool_platform_claim(self) -> dict[str, Any]:
        family = {"generic": "peer-leadership-test-lms", "moodle": "moodle", "canvas": "canvas"}
        version = {"generic": "1.0", "moodle": "4.4.1 (Build: 20240610)", "canvas": "cloud"}
        return {
            "guid": self.guid,
            "name": self.name,
            "product_family_code": family[self.flavour],
            "version": version[self.flavour],
        }

    def _common_claims(
        self,
        *,
        message_type: str,
        registration: ToolRegistration,
        deployment_id: str | None,
        member: Member,
        roles: list[str],
        context_id: str,
        target_link_uri: str,
        nonce: str | None,
        custom: Mapping[str, str] | None,
        include_pii: bool,
        launch_presentation: Mapping[str, Any] | None,
        lis: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        now = int(self.clock())
        context = self.ensure_context(context_id)
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": registration.client_id,
            "azp": registration.client_id,
            "sub": member.user_id,
            "exp": now + self.id_token_ttl,
            "iat": now,
            "nonce": nonce if nonce is not None else f"nonce-{secrets.token_hex(12)}",
            c.MESSAGE_TYPE: message_type,
            c.VERSION: c.LTI_VERSION,
            c.DEPLOYMENT_ID: deployment_id or registration.default_deployment_id,
            c.TARGET_LINK_URI: target_link_uri,
            c.ROLES: list(roles),
            c.CONTEXT: context.claim(),
            c.TOOL_PLATFORM: self._tool_platform_claim(),
            c.LAUNCH_PRESENTATION: {
                "document_target": "iframe",
                "return_url": self.url(LAUNCH_RETURN_PATH),
                "locale": "en-US",
                **dict(launch_presentation or {}),
            },
            c.CUSTOM: {**registration.custom_parameters, **dict(custom or {})},
            c.LIS: {
                "person_sourcedid": member.lis_person_sourcedid or f"sis-{member.user_id}",
                "course_offering_sourcedid": f"sis-{context.id}",
                "course_section_sourcedid": f"sis-{context.id}-section-1",
                **dict(lis or {}),
            },
        }
        if include_pii:
            for claim, value in member.identity_claims().items():
                if registration.wants_claim(claim):
                    claims[claim] = value
        if self.flavour == "moodle":
            claims[c.EXT] = {"user_username": member.user_id, "lms": "moodle-2"}
        elif self.flavour == "canvas":
            legacy_id = hashlib.sha1(member.user_id.encode(), usedforsecurity=False).hexdigest()
            claims[c.LTI11_LEGACY_USER_ID] = legacy_id
            claims[c.LTI1P1] = {"user_id": legacy_id}
            claims["locale"] = "en"
        return claims

    def _service_claims(
        self,
        claims: dict[str, Any],
        registration: ToolRegistration,
        context_id: str,
        *,
        ags: bool,
        nrps: bool,
        lineitem_url: str | None,
    ) -> None:
        ags_scopes = sorted(registration.scopes & c.AGS_SCOPES)
        if ags and ags_scopes:
            endpoint: dict[str, Any] = {
                "scope": ags_scopes,
                "lineitems": self.ags.line_items_url(context_id),
            }
            if lineitem_url is not None:
                endpoint["lineitem"] = lineitem_url
            claims[c.AGS_ENDPOINT] = endpoint
        if nrps and c.SCOPE_NRPS in registration.scopes:
            claims[c.NRPS] = {
                "context_memberships_url": self.nrps.memberships_url(context_id),
                "service_versions": ["2.0"],
            }

    def resource_link_claims(
        self,
        *,
        client_id: str | None = None,
        deployment_id: str | None = None,
        user: Member | str | None = None,
        roles: Iterable[str] | None = None,
        context_id: str = DEFAULT_CONTEXT_ID,
        resource_link_id: str = DEFAULT_RESOURCE_LINK_ID,
        resource_link_title: str = "Peer mentoring session",
        resource_link_description: str | None = None,
        target_link_uri: str | None = None,
        nonce: str | None = None,
        custom: Mapping[str, str] | None = None,
        ags: bool = True,
        lineitem: str | bool | None = None,
        nrps: bool = True,
        include_pii: bool = True,
        launch_presentation: Mapping[str, Any] | None = None,
        lis: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Claims of a valid ``LtiResourceLinkRequest`` id_token.

        :param user: a :class:`Member`, a user id (looked up in the context or created), or
            ``None`` for a default learner/instructor; launching enrols the user.
        :param roles: launch roles; defaults to the member's roles.
        :param lineitem: ``True`` creates (once) a line item bound to the resource link and puts
            its URL in the AGS claim; a string names an existing line item id; ``None`` includes
            the bound line item only if one exists; ``False`` never includes one.
        :param extra: arbitrary extra claims merged last.
        """
        registration = self.registration(client_id)
        role_list = list(roles) if roles is not None else None
        member = self._launch_user(user, context_id, role_list or [c.ROLE_LEARNER])
        effective_roles = role_list if role_list is not None else list(member.roles)
        claims = self._common_claims(
            message_type=c.MSG_RESOURCE_LINK,
            registration=registration,
            deployment_id=deployment_id,
            member=member,
            roles=effective_roles,
            context_id=context_id,
            target_link_uri=target_link_uri or registration.launch_url,
            nonce=nonce,
            custom=custom,
            include_pii=include_pii,
            launch_presentation=launch_presentation,
            lis=lis,
        )
        resource_link: dict[str, Any] = {"id": resource_link_id, "title": resource_link_title}
        if resource_link_description is not None:
            resource_link["description"] = resource_link_description
        claims[c.RESOURCE_LINK] = resource_link
        lineitem_url: str | None = None
        if isinstance(lineitem, str):
            lineitem_url = self.ags.line_item_url(context_id, lineitem)
        elif lineitem is True:
            item = self.ags.ensure_resource_link_line_item(
                context_id, resource_link_id, label=resource_link_title
            )
            lineitem_url = self.ags.line_item_url(context_id, item.id)
        elif lineitem is None:
            item = self.ags.find_resource_link_line_item(context_id, resource_link_id)
            if item is not None:
                lineitem_url = self.ags.line_item_url(context_id, item.id)
        self._service_claims(
            claims, registration, context_id, ags=ags, nrps=nrps, lineitem_url=lineitem_url
        )
        if self.flavour == "canvas":
            claims[c.CANVAS_PLACEMENT] = "course_navigation"
        claims.update(dict(extra or {}))
        return claims

    def deep_linking_claims(
        self,
        *,
        client_id: str | None = None,
        deployment_id: str | None = None,
        user: Member | str | None = None,
        roles: Iterable[str] | None = None,
        context_id: str = DEFAULT_CONTEXT_ID,
        target_link_uri: str | None = None,
        nonce: str | None = None,
        accept_types: Iterable[str] = ("ltiResourceLink",),
        accept_presentation_document_targets: Iterable[str] = ("iframe", "window"),
        accept_multiple: bool = True,
        accept_lineitem: bool = True,
        auto_create: bool = False,
        title: str | None = "Add a peer leadership activity",
        text: str | None = None,
        data: str | _Unset | None = UNSET,
        deep_link_return_url: str | None = None,
        custom: Mapping[str, str] | None = None,
        ags: bool = True,
        nrps: bool = True,
        include_pii: bool = True,
        launch_presentation: Mapping[str, Any] | None = None,
        lis: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Claims of a valid ``LtiDeepLinkingRequest`` id_token.

        ``data`` defaults to a random opaque value that the tool must echo; pass ``None`` to
        omit it.  The issued settings are remembered so that
        :meth:`verify_deep_linking_response` can check accept types and ``accept_multiple``.
        """
        registration = self.registration(client_id)
        role_list = list(roles) if roles is not None else None
        member = self._launch_user(user, context_id, role_list or [c.ROLE_INSTRUCTOR])
        effective_roles = role_list if role_list is not None else list(member.roles)
        claims = self._common_claims(
            message_type=c.MSG_DEEP_LINKING_REQUEST,
            registration=registration,
            deployment_id=deployment_id,
            member=member,
            roles=effective_roles,
            context_id=context_id,
            target_link_uri=target_link_uri or registration.deep_linking_url,
            nonce=nonce,
            custom=custom,
            include_pii=include_pii,
            launch_presentation=launch_presentation,
            lis=lis,
        )
        settings: dict[str, Any] = {
            "deep_link_return_url": deep_link_return_url or self.deep_link_return_url,
            "accept_types": list(accept_types),
            "accept_presentation_document_targets": list(accept_presentation_document_targets),
            "accept_multiple": accept_multiple,
            "accept_lineitem": accept_lineitem,
            "auto_create": auto_create,
        }
        if title is not None:
            settings["title"] = title
        if text is not None:
            settings["text"] = text
        data_value = f"dl-{secrets.token_hex(10)}" if isinstance(data, _Unset) else data
        if data_value is not None:
            settings["data"] = data_value
            with self._lock:
                self._issued_deep_link_settings[data_value] = dict(settings)
        claims[c.DL_SETTINGS] = settings
        self._service_claims(
            claims, registration, context_id, ags=ags, nrps=nrps, lineitem_url=None
        )
        claims.update(dict(extra or {}))
        return claims

    def build_claims(
        self,
        message_type: str = c.MSG_RESOURCE_LINK,
        *,
        tamper: TamperSpec = None,
        overrides: Mapping[Any, Any] | None = None,
        remove: Iterable[Any] | None = None,
        **claim_kwargs: Any,
    ) -> dict[str, Any]:
        """Build (and optionally tamper) the claims of a platform id_token without signing."""
        claims = self._untampered_claims(message_type, claim_kwargs)
        combined = self._combine_tamper(tamper, overrides=overrides, remove=remove)
        return apply_tamper(claims, combined, self.clock())

    def _untampered_claims(self, message_type: str, claim_kwargs: dict[str, Any]) -> dict[str, Any]:
        if message_type == c.MSG_RESOURCE_LINK:
            return self.resource_link_claims(**claim_kwargs)
        if message_type == c.MSG_DEEP_LINKING_REQUEST:
            return self.deep_linking_claims(**claim_kwargs)
        raise ValueError(f"unsupported message type {message_type!r}")

    @staticmethod
    def _combine_tamper(
        tamper: TamperSpec,
        *,
        overrides: Mapping[Any, Any] | None = None,
        remove: Iterable[Any] | None = None,
        sign_with: SignWith | None = None,
        headers: Mapping[str, Any] | None = None,
    ) -> Tamper | None:
        base = resolve_tamper(tamper)
        if overrides or remove or sign_with or headers:
            explicit = Tamper(
                overrides=dict(overrides or {}),
                remove=frozenset(remove or ()),
                sign_with=sign_with,
                headers=dict(headers) if headers else None,
            )
            base = explicit if base is None else base.merged(explicit)
        return base

    def build_id_token(
        self,
        message_type: str = c.MSG_RESOURCE_LINK,
        *,
        tamper: TamperSpec = None,
        overrides: Mapping[Any, Any] | None = None,
        remove: Iterable[Any] | None = None,
        sign_with: SignWith | None = None,
        headers: Mapping[str, Any] | None = None,
        signing_key: RsaKey | None = None,
        **claim_kwargs: Any,
    ) -> str:
        """Build and sign an id_token; every knob for hostile tokens is one argument away.

        :param tamper: a :class:`~.tamper.Tamper`, a name from :data:`~.tamper.HOSTILE`, or a
            list of names to combine.
        :param overrides: claim overrides; keys are claim names or tuple paths into objects.
        :param remove: claims (or tuple paths) to delete.
        :param sign_with: ``platform`` (default), ``unknown``, ``forged``, ``none``, ``hs256``.
        :param headers: JOSE header overrides; a ``None`` value deletes that header.
        :param signing_key: sign with this key instead of the current platform key.
        :param claim_kwargs: forwarded to :meth:`resource_link_claims` or
            :meth:`deep_linking_claims`.
        """
        claims = self._untampered_claims(message_type, claim_kwargs)
        combined = self._combine_tamper(
            tamper, overrides=overrides, remove=remove, sign_with=sign_with, headers=headers
        )
        final = apply_tamper(claims, combined, self.clock())
        return self.sign(
            final,
            sign_with=(combined.sign_with if combined else None) or "platform",
            headers=combined.headers if combined else None,
            key=signing_key,
        )

    def _foreign(self) -> RsaKey:
        with self._lock:
            if self._foreign_key is None:
                self._foreign_key = RsaKey.generate(kid=f"unknown-{secrets.token_hex(6)}")
            return self._foreign_key

    def sign(
        self,
        claims: Mapping[str, Any],
        *,
        sign_with: SignWith = "platform",
        headers: Mapping[str, Any] | None = None,
        key: RsaKey | None = None,
    ) -> str:
        """Serialise and sign ``claims`` as a compact JWS in the requested (possibly bad) way."""
        platform_key = key or self.keys.signing_key
        if sign_with == "platform":
            header: dict[str, Any] = {"alg": "RS256", "typ": "JWT", "kid": platform_key.kid}
            signer = rs256_signer(platform_key.private_key)
        elif sign_with == "unknown":
            foreign = self._foreign()
            header = {"alg": "RS256", "typ": "JWT", "kid": foreign.kid}
            signer = rs256_signer(foreign.private_key)
        elif sign_with == "forged":
            header = {"alg": "RS256", "typ": "JWT", "kid": platform_key.kid}
            signer = rs256_signer(self._foreign().private_key)
        elif sign_with == "none":
            header = {"alg": "none", "typ": "JWT", "kid": platform_key.kid}
            signer = None
        elif sign_with == "hs256":
            header = {"alg": "HS256", "typ": "JWT", "kid": platform_key.kid}
            signer = hs256_signer(platform_key.public_pem().encode("ascii"))
        else:
            raise ValueError(f"unknown sign_with {sign_with!r}")
        for name, value in (headers or {}).items():
            if value is None:
                header.pop(name, None)
            else:
                header[name] = value
        return compose_jws(header, claims, signer)

    # --------------------------------------------------------------- OIDC login / authorize --
    def login_initiation_params(
        self,
        target_link_uri: str,
        login_hint: str,
        lti_message_hint: str,
        lti_deployment_id: str,
        client_id: str,
        lti_storage_target: str | None = None,
    ) -> dict[str, str]:
        """Parameters of the third-party initiated login sent (GET or POST) to the tool."""
        params = {
            "iss": self.issuer,
            "target_link_uri": target_link_uri,
            "login_hint": login_hint,
            "lti_message_hint": lti_message_hint,
            "lti_deployment_id": lti_deployment_id,
            "client_id": client_id,
        }
        if lti_storage_target is not None:
            params["lti_storage_target"] = lti_storage_target
        if self.flavour == "canvas":
            # Canvas repeats the deployment id under a non-standard name and adds region hints.
            params["deployment_id"] = lti_deployment_id
            params["canvas_region"] = "not_configured"
            params["canvas_environment"] = "prod"
        return params

    def prepare_launch(
        self,
        message_type: str = c.MSG_RESOURCE_LINK,
        *,
        client_id: str | None = None,
        deployment_id: str | None = None,
        login_hint: str | None = None,
        target_link_uri: str | None = None,
        lti_storage_target: str | None = None,
        tamper: TamperSpec = None,
        overrides: Mapping[Any, Any] | None = None,
        remove: Iterable[Any] | None = None,
        sign_with: SignWith | None = None,
        headers: Mapping[str, Any] | None = None,
        **claim_kwargs: Any,
    ) -> PendingLaunch:
        """Start a launch: remember what to put in the id_token and return the login request.

        The returned :class:`PendingLaunch` has ``login_url`` (the tool's login initiation URL)
        and ``login_params``.  When the tool answers with an authentication request,
        :meth:`authorize` builds the id_token with the tool's nonce, applying any tamper given
        here, so hostile tokens can travel through the complete OIDC flow.
        """
        if message_type not in (c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST):
            raise ValueError(f"unsupported message type {message_type!r}")
        registration = self.registration(client_id)
        deployment = deployment_id or registration.default_deployment_id
        if message_type == c.MSG_RESOURCE_LINK:
            default_target = registration.launch_url
        else:
            default_target = registration.deep_linking_url
        target = target_link_uri or default_target
        context_id = claim_kwargs.get("context_id", DEFAULT_CONTEXT_ID)
        roles = claim_kwargs.get("roles")
        if roles is not None:
            launch_roles = list(roles)
        elif message_type == c.MSG_RESOURCE_LINK:
            launch_roles = [c.ROLE_LEARNER]
        else:
            launch_roles = [c.ROLE_INSTRUCTOR]
        member = self._launch_user(claim_kwargs.get("user"), context_id, launch_roles)
        claim_kwargs["user"] = member
        user_id = member.user_id
        if login_hint is None:
            if self.flavour == "canvas":
                login_hint = hashlib.sha1(user_id.encode(), usedforsecurity=False).hexdigest()
            else:
                login_hint = user_id
        message_hint = f"msg-{secrets.token_urlsafe(12)}"
        combined = self._combine_tamper(
            tamper, overrides=overrides, remove=remove, sign_with=sign_with, headers=headers
        )
        launch = PendingLaunch(
            message_hint=message_hint,
            login_hint=login_hint,
            client_id=registration.client_id,
            deployment_id=deployment,
            message_type=message_type,
            target_link_uri=target,
            login_url=registration.login_initiation_url,
            login_params=self.login_initiation_params(
                target_link_uri=target,
                login_hint=login_hint,
                lti_message_hint=message_hint,
                lti_deployment_id=deployment,
                client_id=registration.client_id,
                lti_storage_target=lti_storage_target,
            ),
            build_kwargs=dict(claim_kwargs),
            tamper=combined,
        )
        with self._lock:
            self.pending_launches[message_hint] = launch
        return launch

    def authorize(self, auth_request_params: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        """Validate the tool's OIDC authentication request and answer with the auto-post form.

        Accepts plain or ``parse_qs``-style (list valued) parameters.  Returns
        ``(redirect_uri, {"id_token": ..., "state": ...})``.  Raises :class:`AuthorizationError`;
        when ``error.redirect_uri`` is set the error should be form-posted to the tool, else it
        must only be shown to the user (unknown client or unregistered redirect URI).
        """
        params = {key: _first(value) for key, value in auth_request_params.items()}
        client_id = params.get("client_id")
        redirect_uri = params.get("redirect_uri")
        state = params.get("state")
        if not client_id:
            raise AuthorizationError("invalid_request", "client_id is required")
        with self._lock:
            registration = self.registrations.get(client_id)
        if registration is None:
            raise AuthorizationError("unauthorized_client", f"unknown client_id {client_id!r}")
        if not redirect_uri or redirect_uri not in registration.redirect_uris:
            raise AuthorizationError(
                "invalid_request", f"redirect_uri {redirect_uri!r} is not registered"
            )

        def refuse(error: str, description: str) -> AuthorizationError:
            return AuthorizationError(error, description, redirect_uri=redirect_uri, state=state)

        scopes = (params.get("scope") or "").split()
        if "openid" not in scopes:
            raise refuse("invalid_scope", "scope must contain 'openid'")
        if params.get("response_type") != "id_token":
            raise refuse("unsupported_response_type", "response_type must be 'id_token'")
        if params.get("response_mode") != "form_post":
            raise refuse("invalid_request", "response_mode must be 'form_post'")
        if params.get("prompt") != "none":
            raise refuse("invalid_request", "prompt must be 'none'")
        nonce = params.get("nonce")
        if not nonce:
            raise refuse("invalid_request", "nonce is required")
        login_hint = params.get("login_hint")
        if not login_hint:
            raise refuse("invalid_request", "login_hint is required")
        message_hint = params.get("lti_message_hint")
        with self._lock:
            launch = self.pending_launches.get(message_hint or "")
        if launch is None:
            raise refuse("invalid_request", "lti_message_hint does not name a pending launch")
        if launch.client_id != client_id:
            raise refuse("invalid_request", "lti_message_hint belongs to another client")
        if launch.login_hint != login_hint:
            raise refuse("login_required", "login_hint does not match the launching user")

        id_token = self.build_id_token(
            launch.message_type,
            tamper=launch.tamper,
            client_id=client_id,
            deployment_id=launch.deployment_id,
            target_link_uri=launch.target_link_uri,
            nonce=nonce,
            **launch.build_kwargs,
        )
        form = {"id_token": id_token}
        if state is not None:
            form["state"] = state
        decoded = jwt.decode(id_token, options={"verify_signature": False})
        with self._lock:
            launch.id_tokens.append(id_token)
            self.issued_id_tokens.append(
                IssuedIdToken(
                    client_id=client_id,
                    nonce=nonce,
                    state=state,
                    redirect_uri=redirect_uri,
                    id_token=id_token,
                    claims=decoded,
                )
            )
        return redirect_uri, form

    # ---------------------------------------------------------------- tool key resolution --
    def tool_key(self, registration: ToolRegistration, kid: str | None) -> jwt.PyJWK:
        """Public key of the tool for ``kid``: static JWKS, or fetched from its JWKS URL."""
        if registration.jwks is not None:
            key = find_jwk(registration.jwks, kid)
            if key is None:
                raise JwksError(f"no RS256 key with kid {kid!r} in the registered tool JWKS")
            return key
        if registration.jwks_uri:
            return self.tool_keys.get_key(registration.jwks_uri, kid)
        raise JwksError(f"tool {registration.client_id!r} has neither jwks nor jwks_uri")

    # -------------------------------------------------------------------- Deep Linking --
    def verify_deep_linking_response(
        self,
        token: str,
        *,
        jwks: Mapping[str, Any] | None = None,
        client_id: str | None = None,
        expected_deployment_id: str | None = None,
        expected_data: str | _Unset | None = UNSET,
    ) -> list[dict[str, Any]]:
        """Verify an ``LtiDeepLinkingResponse`` JWT from the tool and return its content items.

        Checks: RS256 signature against the tool's JWKS (``jwks`` argument, the registration's
        static JWKS, or fetched over HTTP from its ``jwks_uri``), ``iss`` == client id,
        ``aud`` contains the platform issuer (``azp`` must name it when several audiences),
        ``exp``/``iat``/``nonce`` present and valid, nonce not replayed, message type, version,
        deployment id, echoed ``data`` and - when the request is known - accept types and
        ``accept_multiple``.  Raises :class:`DeepLinkingResponseError`.
        """

        def fail(description: str) -> DeepLinkingResponseError:
            return DeepLinkingResponseError("invalid_deep_linking_response", description)

        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise fail(f"malformed JWT: {exc}") from exc
        if header.get("alg") != "RS256":
            raise fail(f"alg must be RS256, got {header.get('alg')!r}")
        issuer = unverified.get("iss")
        if client_id is not None and issuer != client_id:
            raise fail(f"iss {issuer!r} is not the client id {client_id!r}")
        with self._lock:
            registration = self.registrations.get(str(issuer)) if issuer else None
        if registration is None:
            raise fail(f"iss {issuer!r} is not a registered client id")
        kid = header.get("kid")
        try:
            if jwks is not None:
                key = find_jwk(jwks, kid)
                if key is None:
                    raise JwksError(f"no key with kid {kid!r} in the supplied JWKS")
            else:
                key = self.tool_key(registration, kid)
        except JwksError as exc:
            raise fail(str(exc)) from exc
        try:
            verified = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self.issuer,
                issuer=registration.client_id,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "aud", "nonce"]},
            )
        except jwt.PyJWTError as exc:
            raise fail(f"JWT rejected: {exc}") from exc
        audiences = verified["aud"] if isinstance(verified["aud"], list) else [verified["aud"]]
        if len(audiences) > 1 and verified.get("azp") != self.issuer:
            raise fail("several audiences but azp is not the platform issuer")
        nonce = verified.get("nonce")
        if not isinstance(nonce, str) or not nonce:
            raise fail("nonce must be a non-empty string")
        if verified.get(c.MESSAGE_TYPE) != c.MSG_DEEP_LINKING_RESPONSE:
            raise fail(f"message_type must be {c.MSG_DEEP_LINKING_RESPONSE}")
        if verified.get(c.VERSION) != c.LTI_VERSION:
            raise fail(f"version must be {c.LTI_VERSION}")
        deployment_id = verified.get(c.DEPLOYMENT_ID)
        if deployment_id not in registration.deployment_ids:
            raise fail(f"deployment_id {deployment_id!r} is not a deployment of this tool")
        if expected_deployment_id is not None and deployment_id != expected_deployment_id:
            raise fail(f"deployment_id {deployment_id!r} != {expected_deployment_id!r}")
        data = verified.get(c.DL_DATA)
        with self._lock:
            settings = self._issued_deep_link_settings.get(data) if isinstance(data, str) else None
        if not isinstance(expected_data, _Unset):
            if data != expected_data:
                raise fail(f"data {data!r} does not echo {expected_data!r}")
        elif data is not None and settings is None:
            raise fail(f"data {data!r} was never issued in a deep linking request")
        items = verified.get(c.DL_CONTENT_ITEMS, [])
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("type"), str) for item in items
        ):
            raise fail("content_items must be a list of objects with a 'type'")
        if settings is not None:
            accepted = set(settings.get("accept_types", []))
            wrong = [item["type"] for item in items if item["type"] not in accepted]
            if wrong:
                raise fail(f"content item types {wrong} not in accept_types {sorted(accepted)}")
            if not settings.get("accept_multiple", True) and len(items) > 1:
                raise fail("several content items although accept_multiple is false")
        with self._lock:
            if (registration.client_id, nonce) in self._seen_deep_link_nonces:
                raise fail("nonce was already used (replayed response)")
            self._seen_deep_link_nonces.add((registration.client_id, nonce))
            self.deep_link_results.append(
                DeepLinkingResult(
                    client_id=registration.client_id,
                    deployment_id=str(deployment_id),
                    content_items=items,
                    data=data,
                    msg=verified.get(c.DL_MSG),
                    errormsg=verified.get(c.DL_ERRORMSG),
                    log=verified.get(c.DL_LOG),
                    errorlog=verified.get(c.DL_ERRORLOG),
                    claims=verified,
                )
            )
        return items

    # -------------------------------------------------- OAuth2 client credentials grant --
    def issue_access_token(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """Handle a token request (``grant_type=client_credentials`` + ``private_key_jwt``).

        The client assertion is verified against the tool's JWKS (fetched over HTTP and cached,
        or the registration's static JWKS): RS256, ``iss`` == ``sub`` == registered client id,
        ``aud`` = the token endpoint, ``exp``/``iat``/``jti`` present, ``jti`` not reused.
        Requested scopes must all be granted to the tool.  Every call is counted in
        :attr:`token_request_count`.  Raises :class:`ClientAuthenticationError`.
        """
        with self._lock:
            self.token_request_count += 1
        params = {key: _first(value) for key, value in form.items()}

        def refuse(error: str, description: str, status: int = 400) -> ClientAuthenticationError:
            return ClientAuthenticationError(error, description, status=status)

        if params.get("grant_type") != "client_credentials":
            raise refuse("unsupported_grant_type", "grant_type must be client_credentials")
        if params.get("client_assertion_type") != c.CLIENT_ASSERTION_TYPE:
            raise refuse(
                "invalid_request", f"client_assertion_type must be {c.CLIENT_ASSERTION_TYPE}"
            )
        assertion = params.get("client_assertion")
        if not assertion:
            raise refuse("invalid_request", "client_assertion is required")
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise refuse("invalid_client", f"malformed client assertion: {exc}", 401) from exc
        if header.get("alg") != "RS256":
            raise refuse(
                "invalid_client", f"assertion alg must be RS256, not {header.get('alg')!r}", 401
            )
        client_id = unverified.get("iss")
        with self._lock:
            registration = self.registrations.get(str(client_id)) if client_id else None
        if registration is None:
            raise refuse("invalid_client", f"unknown client {client_id!r}", 401)
        if unverified.get("sub") != registration.client_id:
            raise refuse("invalid_client", "assertion sub must equal iss (the client id)", 401)
        try:
            key = self.tool_key(registration, header.get("kid"))
        except JwksError as exc:
            raise refuse("invalid_client", str(exc), 401) from exc
        try:
            verified = jwt.decode(
                assertion,
                key.key,
                algorithms=["RS256"],
                audience=sorted(self.token_audiences()),
                issuer=registration.client_id,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "jti", "iss", "sub", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise refuse("invalid_client", f"client assertion rejected: {exc}", 401) from exc
        jti_key = (registration.client_id, str(verified["jti"]))
        requested = set((params.get("scope") or "").split())
        if not requested:
            raise refuse("invalid_scope", "at least one scope must be requested")
        not_granted = sorted(requested - registration.scopes)
        if not_granted:
            raise refuse("invalid_scope", f"scopes not granted to this tool: {not_granted}")
        token = secrets.token_urlsafe(32)
        with self._lock:
            if jti_key in self._used_assertion_jtis:
                raise refuse("invalid_client", "client assertion jti was already used", 401)
            self._used_assertion_jtis.add(jti_key)
            self.access_tokens[token] = AccessToken(
                token=token,
                client_id=registration.client_id,
                scopes=frozenset(requested),
                expires_at=self.clock() + self.access_token_ttl,
            )
            self.tokens_issued += 1
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.access_token_ttl,
            "scope": " ".join(sorted(requested)),
        }

    def expire_access_tokens(self, client_id: str | None = None) -> int:
        """Make issued access tokens (of one client, or all) expire now; returns how many."""
        now = self.clock()
        with self._lock:
            victims = [t for t in self.access_tokens.values() if client_id in (None, t.client_id)]
            for old in victims:
                self.access_tokens[old.token] = AccessToken(
                    token=old.token, client_id=old.client_id, scopes=old.scopes, expires_at=now - 1
                )
        return len(victims)

    def authenticate_bearer(
        self, authorization: str | None, acceptable_scopes: Iterable[str]
    ) -> AccessToken:
        """Check an ``Authorization: Bearer`` header for a live token with an acceptable scope.

        Raises :class:`ServiceError` 401 (missing/unknown/expired token) or 403 (scope).
        """
        challenge = {"WWW-Authenticate": 'Bearer realm="lti-platform"'}
        if not authorization or not authorization.startswith("Bearer "):
            raise ServiceError(401, "invalid_token", "Bearer token required", headers=challenge)
        value = authorization[len("Bearer ") :].strip()
        with self._lock:
            token = self.access_tokens.get(value)
        if token is None:
            raise ServiceError(401, "invalid_token", "unknown access token", headers=challenge)
        if token.expires_at <= self.clock():
            raise ServiceError(401, "invalid_token", "access token expired", headers=challenge)
        wanted = set(acceptable_scopes)
        if not token.scopes & wanted:
            raise ServiceError(
                403, "insufficient_scope", f"token lacks any of the scopes {sorted(wanted)}"
            )
        return token

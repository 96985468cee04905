"""Declarative mutations of id_token claims and headers for negative (hostile) tests.

A :class:`Tamper` describes how to corrupt an otherwise valid token: claim overrides and
removals (nested paths allowed), times shifted relative to "now", header overrides, and the
signing mode.  :data:`HOSTILE` names one ready-made tamper per attack or spec violation, so a
negative test suite can be a single parametrised test::

    @pytest.mark.parametrize("case", hostile_cases(claims.MSG_RESOURCE_LINK))
    def test_tool_rejects(case): ...platform.build_id_token(tamper=case)...
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from . import claims as c

__all__ = [
    "HOSTILE",
    "ClaimPath",
    "Computed",
    "SignWith",
    "Tamper",
    "apply_tamper",
    "hostile_cases",
]

ClaimPath = str | tuple[str, ...]
"""A top-level claim name, or a tuple path into nested objects, e.g. ``(RESOURCE_LINK, "id")``."""

SignWith = Literal["platform", "unknown", "forged", "none", "hs256"]
"""How a token is signed.

* ``platform`` - RS256 with the platform's current signing key (valid).
* ``unknown``  - RS256 with a key the platform never published, with its own unknown ``kid``.
* ``forged``   - RS256 with an unpublished key but the *published* signing ``kid`` in the header.
* ``none``     - ``alg: none`` and an empty signature.
* ``hs256``    - HMAC-SHA256 keyed with the platform's public key PEM (algorithm confusion).
"""


@dataclass(frozen=True)
class Computed:
    """An override value derived from the untampered claims, e.g. ``aud`` turned into a list."""

    func: Callable[[Mapping[str, Any]], Any]

    def resolve(self, claims: Mapping[str, Any]) -> Any:
        """Compute the value from the original claims."""
        return self.func(claims)


@dataclass(frozen=True)
class Tamper:
    """A set of mutations applied to claims after they are built and before signing."""

    overrides: Mapping[ClaimPath, Any] = field(default_factory=dict)
    remove: frozenset[ClaimPath] = frozenset()
    sign_with: SignWith | None = None
    headers: Mapping[str, Any] | None = None
    time_offsets: Mapping[str, int] = field(default_factory=dict)
    message_types: frozenset[str] = frozenset({c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST})
    description: str = ""

    def merged(self, other: Tamper) -> Tamper:
        """Combine with ``other``; ``other`` wins on conflicting keys and signing mode."""
        headers: dict[str, Any] | None = None
        if self.headers is not None or other.headers is not None:
            headers = {**(self.headers or {}), **(other.headers or {})}
        return Tamper(
            overrides={**self.overrides, **other.overrides},
            remove=self.remove | other.remove,
            sign_with=other.sign_with or self.sign_with,
            headers=headers,
            time_offsets={**self.time_offsets, **other.time_offsets},
            message_types=self.message_types & other.message_types,
            description="; ".join(d for d in (self.description, other.description) if d),
        )

    @property
    def is_noop(self) -> bool:
        """True when applying the tamper leaves a valid platform-signed token."""
        return not (
            self.overrides or self.remove or self.headers or self.time_offsets
        ) and self.sign_with in (None, "platform")


def _as_path(path: ClaimPath) -> tuple[str, ...]:
    return (path,) if isinstance(path, str) else tuple(path)


def _set_path(claims: dict[str, Any], path: ClaimPath, value: Any) -> None:
    parts = _as_path(path)
    target = claims
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            child = {}
            target[part] = child
        target = child
    target[parts[-1]] = value


def _remove_path(claims: dict[str, Any], path: ClaimPath) -> None:
    parts = _as_path(path)
    target: Any = claims
    for part in parts[:-1]:
        target = target.get(part) if isinstance(target, dict) else None
    if not isinstance(target, dict) or parts[-1] not in target:
        raise KeyError(f"cannot remove {' > '.join(parts)!r}: claim not present")
    del target[parts[-1]]


def apply_tamper(claims: Mapping[str, Any], tamper: Tamper | None, now: float) -> dict[str, Any]:
    """Return a tampered deep copy of ``claims``.

    Order: relative times, then overrides (``Computed`` values see the original claims), then
    removals.  Removing a claim that is not there raises ``KeyError`` so a mistyped test cannot
    silently produce a valid token.
    """
    result = copy.deepcopy(dict(claims))
    if tamper is None:
        return result
    for name, offset in tamper.time_offsets.items():
        result[name] = int(now) + int(offset)
    for path, value in tamper.overrides.items():
        resolved = value.resolve(claims) if isinstance(value, Computed) else copy.deepcopy(value)
        _set_path(result, path, resolved)
    for path in tamper.remove:
        _remove_path(result, path)
    return result


def _aud_list_with_stranger(claims: Mapping[str, Any]) -> list[str]:
    aud = claims.get("aud")
    audiences = list(aud) if isinstance(aud, list) else [str(aud)]
    return [*audiences, "some-other-client"]


_EVIL = "https://evil.example.com"
_BOTH = frozenset({c.MSG_RESOURCE_LINK, c.MSG_DEEP_LINKING_REQUEST})
_RL = frozenset({c.MSG_RESOURCE_LINK})
_DL = frozenset({c.MSG_DEEP_LINKING_REQUEST})


def _t(description: str, message_types: frozenset[str] = _BOTH, **kwargs: Any) -> Tamper:
    return Tamper(description=description, message_types=message_types, **kwargs)


HOSTILE: dict[str, Tamper] = {
    # --- signature / header attacks -----------------------------------------------------------
    "unknown_signing_key": _t("signed by a key the platform never published", sign_with="unknown"),
    "forged_with_known_kid": _t(
        "signed by a foreign key but claiming the platform's kid", sign_with="forged"
    ),
    "unknown_kid": _t("platform key, kid header not in the JWKS", headers={"kid": "no-such-kid"}),
    "alg_none": _t("unsigned token with alg none", sign_with="none"),
    "hs256_key_confusion": _t("HS256 keyed with the platform public key", sign_with="hs256"),
    "alg_header_mismatch": _t("RS256 signature but header says RS512", headers={"alg": "RS512"}),
    # --- time claims --------------------------------------------------------------------------
    "expired": _t("exp in the past", time_offsets={"iat": -900, "exp": -600}),
    "missing_exp": _t("no exp claim", remove=frozenset({"exp"})),
    "missing_iat": _t("no iat claim", remove=frozenset({"iat"})),
    "iat_in_future": _t("issued an hour from now", time_offsets={"iat": 3600, "exp": 3900}),
    # --- issuer / audience --------------------------------------------------------------------
    "wrong_iss": _t("issuer of another platform", overrides={"iss": _EVIL}),
    "missing_iss": _t("no iss claim", remove=frozenset({"iss"})),
    "wrong_aud": _t("audience is another client", overrides={"aud": "some-other-client"}),
    "aud_list_without_azp": _t(
        "multiple audiences and no azp",
        overrides={"aud": Computed(_aud_list_with_stranger)},
        remove=frozenset({"azp"}),
    ),
    "aud_list_wrong_azp": _t(
        "multiple audiences and azp naming another client",
        overrides={"aud": Computed(_aud_list_with_stranger), "azp": "some-other-client"},
    ),
    "wrong_azp": _t("azp naming another client", overrides={"azp": "some-other-client"}),
    # --- nonce --------------------------------------------------------------------------------
    "missing_nonce": _t("no nonce claim", remove=frozenset({"nonce"})),
    "empty_nonce": _t("empty nonce", overrides={"nonce": ""}),
    # --- LTI required claims ------------------------------------------------------------------
    "missing_deployment_id": _t("no deployment_id", remove=frozenset({c.DEPLOYMENT_ID})),
    "unknown_deployment_id": _t(
        "deployment id the tool never saw", overrides={c.DEPLOYMENT_ID: "deployment-unknown"}
    ),
    "missing_message_type": _t("no message_type", remove=frozenset({c.MESSAGE_TYPE})),
    "wrong_message_type": _t(
        "unsupported message_type", overrides={c.MESSAGE_TYPE: "LtiUnknownRequest"}
    ),
    "missing_version": _t("no version claim", remove=frozenset({c.VERSION})),
    "wrong_version": _t("LTI version 1.1.0", overrides={c.VERSION: "1.1.0"}),
    "missing_roles": _t("no roles claim", remove=frozenset({c.ROLES})),
    "roles_not_a_list": _t("roles is a string", overrides={c.ROLES: c.ROLE_LEARNER}),
    "empty_sub": _t("sub present but empty", overrides={"sub": ""}),
    "foreign_target_link_uri": _t(
        "target_link_uri on another host",
        overrides={c.TARGET_LINK_URI: _EVIL + "/lti/launch/"},
    ),
    "missing_target_link_uri": _t("no target_link_uri", remove=frozenset({c.TARGET_LINK_URI})),
    # --- resource link specific ---------------------------------------------------------------
    "missing_resource_link": _t("no resource_link claim", _RL, remove=frozenset({c.RESOURCE_LINK})),
    "missing_resource_link_id": _t(
        "resource_link without id", _RL, remove=frozenset({(c.RESOURCE_LINK, "id")})
    ),
    # --- deep linking specific ----------------------------------------------------------------
    "missing_deep_linking_settings": _t(
        "no deep_linking_settings claim", _DL, remove=frozenset({c.DL_SETTINGS})
    ),
    "missing_deep_link_return_url": _t(
        "deep_linking_settings without deep_link_return_url",
        _DL,
        remove=frozenset({(c.DL_SETTINGS, "deep_link_return_url")}),
    ),
}


def hostile_cases(message_type: str = c.MSG_RESOURCE_LINK) -> list[str]:
    """Names of the :data:`HOSTILE` tampers that apply to ``message_type``."""
    return [name for name, tamper in HOSTILE.items() if message_type in tamper.message_types]


def resolve_tamper(tamper: Tamper | str | Iterable[str] | None) -> Tamper | None:
    """Accept a :class:`Tamper`, a :data:`HOSTILE` name, or several names to combine."""
    if tamper is None or isinstance(tamper, Tamper):
        return tamper
    names = [tamper] if isinstance(tamper, str) else list(tamper)
    combined: Tamper | None = None
    for name in names:
        try:
            preset = HOSTILE[name]
        except KeyError:
            raise KeyError(f"unknown hostile case {name!r}; see tamper.HOSTILE") from None
        combined = preset if combined is None else combined.merged(preset)
    return combined

"""Endpoint layouts of the platform "flavours" (generic 1EdTech, Moodle-like, Canvas-like).

The server answers on every layout at once; the flavour decides which URLs the platform
advertises (openid-configuration, launches) and a few behavioural quirks documented in
``registration.py`` and ``README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FLAVOURS", "PATHS", "Flavour", "FlavourPaths", "all_paths"]

Flavour = Literal["generic", "moodle", "canvas"]
FLAVOURS: tuple[Flavour, ...] = ("generic", "moodle", "canvas")


@dataclass(frozen=True)
class FlavourPaths:
    """URL paths of the platform endpoints for one flavour."""

    openid_configuration: str
    authorization: str
    token: str
    jwks: str
    registration: str


PATHS: dict[Flavour, FlavourPaths] = {
    "generic": FlavourPaths(
        openid_configuration="/.well-known/openid-configuration",
        authorization="/auth",
        token="/token",
        jwks="/.well-known/jwks.json",
        registration="/register",
    ),
    # Moodle's mod_lti scripts.
    "moodle": FlavourPaths(
        openid_configuration="/mod/lti/openid-configuration.php",
        authorization="/mod/lti/auth.php",
        token="/mod/lti/token.php",
        jwks="/mod/lti/certs.php",
        registration="/mod/lti/openid-registration.php",
    ),
    # Canvas LMS API routes.
    "canvas": FlavourPaths(
        openid_configuration="/api/lti/security/openid-configuration",
        authorization="/api/lti/authorize_redirect",
        token="/login/oauth2/token",
        jwks="/api/lti/security/jwks",
        registration="/api/lti/registrations",
    ),
}


def all_paths(kind: str) -> tuple[str, ...]:
    """Every path (across flavours) of endpoint ``kind`` (a :class:`FlavourPaths` field name)."""
    seen: list[str] = []
    for paths in PATHS.values():
        value = getattr(paths, kind)
        if value not in seen:
            seen.append(value)
    if kind == "jwks":
        seen.append("/jwks")
    return tuple(seen)

"""The project's LTI 1.3 platform peer: a genuine LMS, for tests, benchmarks and the demo.

This is not part of the product. Peer Leadership Hub is an LTI *tool*; to test it end to end,
measure it and demonstrate it, the project needs the other side of LTI too: a *platform* (an
LMS such as Moodle or Canvas). ``lti_platform`` is that platform, written for the project:

- the test suite (``tests/``) launches the tool from it, receives scores and serves rosters;
- ``bench/`` drives the tool with it as the LMS and counts what arrives;
- ``demo_lms/`` (started by ``make run``) builds its demo course page on it.

Framework-free (no Django): it signs real JWTs with its own RSA keys, serves its JWKS, OIDC
authorization, OAuth2 token, AGS, NRPS and Dynamic Registration endpoints over HTTP on
127.0.0.1, imitates Moodle's and Canvas's differences ("flavours"), and can fabricate hostile
tokens and inject faults. Product code (``hub``, ``lti_tool``, ``badges``, ...) never imports it.
Its own tests are in ``tests/lti_platform/``. See ``README.md`` beside this file and
``docs/lti.md``.
"""

from __future__ import annotations

from . import claims
from .errors import (
    AuthorizationError,
    ClientAuthenticationError,
    DeepLinkingResponseError,
    PlatformError,
    RegistrationError,
    ServiceError,
)
from .faults import TARGETS as FAULT_TARGETS
from .faults import Fault, FaultKind, FaultQueue
from .flavours import FLAVOURS, PATHS, Flavour, FlavourPaths
from .flow import LaunchFlowError, LaunchFlowResult, run_oidc_launch
from .forms import AutoPostForm, parse_auto_post_form, render_auto_post_form
from .keys import JwksError, KeySet, RemoteJwksCache, RsaKey
from .models import (
    AccessToken,
    Context,
    DeepLinkingResult,
    IssuedIdToken,
    LineItem,
    Member,
    PendingLaunch,
    ReceivedScore,
    ToolRegistration,
)
from .platform import DEFAULT_CONTEXT_ID, DEFAULT_RESOURCE_LINK_ID, UNSET, Platform
from .registration import DynamicRegistrationService, is_registration_close_page
from .server import PlatformServer, RequestRecord
from .services import AgsService, NrpsService, ServiceRequest, ServiceResponse
from .tamper import HOSTILE, Computed, SignWith, Tamper, apply_tamper, hostile_cases

__all__ = [
    "DEFAULT_CONTEXT_ID",
    "DEFAULT_RESOURCE_LINK_ID",
    "FAULT_TARGETS",
    "FLAVOURS",
    "HOSTILE",
    "PATHS",
    "UNSET",
    "AccessToken",
    "AgsService",
    "AuthorizationError",
    "AutoPostForm",
    "ClientAuthenticationError",
    "Computed",
    "Context",
    "DeepLinkingResponseError",
    "DeepLinkingResult",
    "DynamicRegistrationService",
    "Fault",
    "FaultKind",
    "FaultQueue",
    "Flavour",
    "FlavourPaths",
    "IssuedIdToken",
    "JwksError",
    "KeySet",
    "LaunchFlowError",
    "LaunchFlowResult",
    "LineItem",
    "Member",
    "NrpsService",
    "PendingLaunch",
    "Platform",
    "PlatformError",
    "PlatformServer",
    "ReceivedScore",
    "RegistrationError",
    "RemoteJwksCache",
    "RequestRecord",
    "RsaKey",
    "ServiceError",
    "ServiceRequest",
    "ServiceResponse",
    "SignWith",
    "Tamper",
    "ToolRegistration",
    "apply_tamper",
    "claims",
    "hostile_cases",
    "is_registration_close_page",
    "parse_auto_post_form",
    "render_auto_post_form",
    "run_oidc_launch",
]

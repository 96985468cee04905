"""What the tool tells platforms about itself: URLs, messages, claims and scopes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest

from lti_tool.urls_helpers import tool_base, tool_url

TOOL_NAME = "Peer Leadership Hub"
TOOL_DESCRIPTION = (
    "A four-step peer-leadership programme for people with lived experience of health "
    "conditions, disabled people and family carers."
)
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]
CLAIMS = ["iss", "sub", "name", "given_name", "family_name", "email"]


def tool_configuration(request: HttpRequest | None) -> dict[str, Any]:
    """The values for manual registration (``/lti/config.json`` and the admin page)."""
    launch_url = tool_url(request, "lti:launch")
    return {
        "title": TOOL_NAME,
        "description": TOOL_DESCRIPTION,
        "lti_version": "1.3.0",
        "domain": urlsplit(tool_base(request)).netloc,
        "oidc_initiation_url": tool_url(request, "lti:login"),
        "target_link_uri": launch_url,
        "redirect_uris": [launch_url],
        "jwks_url": tool_url(request, "lti:jwks"),
        "public_jwk_url": tool_url(request, "lti:jwks"),
        "dynamic_registration_url": tool_url(request, "lti:register"),
        "deep_linking_url": launch_url,
        "messages": [
            {"type": "LtiResourceLinkRequest", "target_link_uri": launch_url},
            {
                "type": "LtiDeepLinkingRequest",
                "target_link_uri": launch_url,
                "placements": ["ContentArea", "link_selection", "assignment_selection"],
                "label": "Add a Peer Leadership step or lesson",
            },
        ],
        "claims": CLAIMS,
        "scopes": SCOPES,
        "custom_parameters": {
            "plh_page": "Set by Deep Linking: the id of the step or lesson a link shows."
        },
        "privacy": "Name and email are optional: the tool works without them.",
    }


def registration_payload(request: HttpRequest, platform: dict[str, Any]) -> dict[str, Any]:
    """The client registration the tool posts during Dynamic Registration."""
    config = tool_configuration(request)
    supported = set(platform.get("scopes_supported") or SCOPES)
    scopes = [s for s in SCOPES if s in supported] or SCOPES
    messages: list[dict[str, Any]] = [
        {"type": "LtiResourceLinkRequest", "target_link_uri": config["target_link_uri"]},
        {
            "type": "LtiDeepLinkingRequest",
            "target_link_uri": config["target_link_uri"],
            "label": "Add a Peer Leadership step or lesson",
        },
    ]
    product = platform.get("https://purl.imsglobal.org/spec/lti-platform-configuration", {})
    if isinstance(product, dict) and product.get("product_family_code") == "canvas":
        messages[1]["placements"] = ["link_selection", "assignment_selection"]
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": config["oidc_initiation_url"],
        "redirect_uris": config["redirect_uris"],
        "client_name": TOOL_NAME,
        "jwks_uri": config["jwks_url"],
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join(scopes),
        "https://purl.imsglobal.org/spec/lti-tool-configuration": {
            "domain": config["domain"],
            "description": TOOL_DESCRIPTION,
            "target_link_uri": config["target_link_uri"],
            "claims": CLAIMS,
            "messages": messages,
        },
    }

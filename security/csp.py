"""One Content-Security-Policy header on every response (see docs/security.md).

Scripts and styles come from the site itself; the few inline ``<script>`` elements that must
stay inline carry the request's nonce (``{% csp_nonce %}``). Anything injected into a page
(a crafted credential, a hostile rich-text value) therefore cannot run. Other layers add to
the policy rather than sending a header of their own: the LTI tool sets ``frame-ancestors``
with :func:`set_directive`, and a template whose form posts to another site names that
target with ``{% form_target url %}``, which adds its origin to ``form-action`` for that one
response only.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
SELF = "'self'"
NONE = "'none'"
# Status codes of Django's technical error pages, which only exist with DEBUG on (never in
# production): they are left without a policy so that a developer can read them.
DEBUG_PAGES = {404, 500}
# The NHS.UK frontend's stylesheet loads its Frutiger web fonts from the NHS's asset host.
NHS_FONTS = "https://assets.nhs.uk"
# The nonce of the request being handled, for templates rendered without the request in their
# context (form widgets, Wagtail admin panels).
current_nonce: ContextVar[str] = ContextVar("csp_nonce", default="")


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute http(s) URL, else ``None`` (relative, other)."""
    parts = urlsplit(url)
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    return None


def _asset_origins() -> list[str]:
    """Origins of STATIC_URL and MEDIA_URL when they live elsewhere (a CDN, object storage)."""
    found = (origin_of(settings.STATIC_URL or ""), origin_of(settings.MEDIA_URL or ""))
    return sorted({origin for origin in found if origin})


def _configured_origins() -> list[str]:
    """The site's configured public addresses, which absolute links to its own images use.

    Badge images are written as ``BADGES_BASE_URL`` (or ``WAGTAILADMIN_BASE_URL``) URLs, the
    same origin as the page in production, but not when a developer browses the site under
    another name (``localhost`` for ``127.0.0.1``).
    """
    names = ("WAGTAILADMIN_BASE_URL", "BADGES_BASE_URL", "LTI_TOOL_BASE_URL")
    found = (origin_of(getattr(settings, name, "") or "") for name in names)
    return sorted({origin for origin in found if origin})


def site_policy(nonce: str) -> dict[str, list[str]]:
    """The policy of every page: the site's own scripts, styles, images, media and forms."""
    assets = _asset_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, f"'nonce-{nonce}'", *assets],
        "style-src": [SELF, f"'nonce-{nonce}'", *assets],
        "img-src": [SELF, "data:", *assets, *_configured_origins()],
        "font-src": [SELF, NHS_FONTS, *assets],
        "media-src": [SELF, *assets],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }


def admin_policy(nonce: str) -> dict[str, list[str]]:
    """The Wagtail admin's policy: the site's, with inline styles and two outside services.

    Scripts stay as strict as on the site: Wagtail's own few inline scripts (date pickers,
    inline panels) are given the nonce by the templates in ``security/templates/wagtailadmin/``.
    Styles may be inline, because Draftail, Wagtail's rich-text editor, writes ``<style>``
    elements while it runs (heading placeholders, list numbering) and cannot be given a nonce;
    a nonce in the list would make browsers ignore ``'unsafe-inline'``, so there is none.
    Wagtail also shows Gravatar pictures for users without an avatar and, for administrators,
    checks ``releases.wagtail.org`` for a newer release.
    """
    policy = site_policy(nonce)
    policy["style-src"] = [SELF, "'unsafe-inline'", *_asset_origins()]
    policy["img-src"].append("www.gravatar.com")  # the page's scheme: Wagtail writes //www...
    policy["connect-src"].append("https://releases.wagtail.org")
    return policy


def parse(header: str) -> dict[str, list[str]]:
    """Directives of a policy header, in order (the first of a repeated directive wins)."""
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words and words[0].lower() not in directives:
            directives[words[0].lower()] = words[1:]
    return directives


def serialise(directives: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join([name, *dict.fromkeys(sources)]).strip() for name, sources in directives.items()
    )


def set_directive(response: HttpResponse, name: str, sources: Iterable[str]) -> None:
    """Set one directive of the response's policy, keeping every other directive it has."""
    directives = parse(response.get(HEADER, ""))
    directives[name] = list(sources)
    response[HEADER] = serialise(directives)


def allow(request: HttpRequest, name: str, source: str) -> None:
    """Add ``source`` to directive ``name`` of the policy sent with this request's response."""
    extra: dict[str, list[str]] = request.__dict__.setdefault("_csp_extra", {})
    extra.setdefault(name, []).append(source)


class ContentSecurityPolicyMiddleware:
    """Gives each request a nonce and each response the policy for its part of the site.

    Directives a response already carries (the LTI tool's ``frame-ancestors``) are kept as
    they are; the site's policy fills in the others, so there is always exactly one header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        # Templates read it from the request, as django-csp's nonce does.
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        reset = current_nonce.set(nonce)
        try:
            response = self.get_response(request)
        finally:
            current_nonce.reset(reset)
        if settings.DEBUG and response.status_code in DEBUG_PAGES:
            return response  # Django's debug pages style and script themselves inline
        admin = request.path.startswith("/admin/")
        policy = admin_policy(nonce) if admin else site_policy(nonce)
        for name, sources in request.__dict__.get("_csp_extra", {}).items():
            policy.setdefault(name, []).extend(sources)
        policy.update(parse(response.get(HEADER, "")))
        response[HEADER] = serialise(policy)
        return response

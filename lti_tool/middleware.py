"""Content-Security-Policy ``frame-ancestors`` for the tool's pages.

Only the origins of active registrations (their issuer and their authorisation endpoint) may
frame the tool. The list is kept in the shared cache with the registrations' generation
(:mod:`lti_tool.registration.platform_cache`), read once per request and rebuilt whenever a
registration changes. The directive joins the site's one policy header (``security.csp``) instead of
sending a header of its own. A redirect has no document that could be framed, so it gets the
strictest rule, ``'self'``, without looking the registrations up (a launch is three redirects).

One response may name one more origin with
:func:`lti_tool.registration.framing.allow_framing_by`: Dynamic Registration, where the
platform framing the page is, by definition, not registered yet.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lti_tool.registration import platform_cache
from lti_tool.registration.framing import EXTRA_ATTRIBUTE
from security.csp import set_directive

REDIRECTS = {301, 302, 303, 307, 308}


def frame_ancestors(request: HttpRequest | None = None) -> list[str]:
    """Origins allowed to frame the tool, from active registrations (see platform_cache)."""
    return platform_cache.frame_ancestors(request)


class FrameAncestorsMiddleware:
    """Sends ``frame-ancestors`` on every ``/lti/`` response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/lti/"):
            extra = getattr(response, EXTRA_ATTRIBUTE, [])
            framers = [] if response.status_code in REDIRECTS else frame_ancestors(request)
            set_directive(response, "frame-ancestors", ["'self'", *framers, *extra])
        return response

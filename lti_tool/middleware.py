"""Content-Security-Policy ``frame-ancestors`` for the tool's pages.

Only the origins of active registrations (their issuer and their authorisation endpoint) may
frame the tool. The list is cached and rebuilt whenever a registration changes. The directive
joins the site's one policy header (``security.csp``) instead of sending a header of its own.

One response may name one more origin with :func:`allow_framing_by`: Dynamic Registration,
where the platform framing the page is, by definition, not registered yet.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from lti_tool.models import Registration
from security.csp import set_directive

CACHE_KEY = "lti:frame-ancestors"
# Where a view leaves the extra origins its response may be framed by.
EXTRA_ATTRIBUTE = "lti_frame_ancestors"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def frame_ancestors() -> list[str]:
    """Origins allowed to frame the tool, from active registrations."""
    origins = cache.get(CACHE_KEY)
    if origins is None:
        found: set[str] = set()
        for issuer, login in Registration.objects.filter(active=True).values_list(
            "issuer", "auth_login_url"
        ):
            found.update(o for o in (_origin(issuer), _origin(login)) if o)
        origins = sorted(found)
        cache.set(CACHE_KEY, origins, 300)
    return origins


def forget_frame_ancestors(**kwargs: object) -> None:
    """Receiver (connected in ``LtiToolConfig.ready``): a registration was saved or deleted,
    so every process reads the origins again, whether or not it serves requests."""
    cache.delete(CACHE_KEY)


def allow_framing_by(response: HttpResponse, origin: str) -> HttpResponse:
    """Let ``origin`` frame this one response, beside the registered platforms."""
    extra: list[str] = getattr(response, EXTRA_ATTRIBUTE, [])
    setattr(response, EXTRA_ATTRIBUTE, [*extra, origin])
    return response


class FrameAncestorsMiddleware:
    """Sends ``frame-ancestors`` on every ``/lti/`` response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/lti/"):
            extra = getattr(response, EXTRA_ATTRIBUTE, [])
            set_directive(response, "frame-ancestors", ["'self'", *frame_ancestors(), *extra])
        return response

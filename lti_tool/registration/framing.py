"""One more origin that may frame one response: the platform registering itself.

The frame-ancestors middleware (:mod:`lti_tool.middleware`) lets only registered platforms
frame the tool. During Dynamic Registration the platform framing the page is, by definition,
not registered yet, so the registration page names it on its own response.
"""

from __future__ import annotations

from django.http import HttpResponse

# Where a view leaves the extra origins its response may be framed by.
EXTRA_ATTRIBUTE = "lti_frame_ancestors"


def allow_framing_by(response: HttpResponse, origin: str) -> HttpResponse:
    """Let ``origin`` frame this one response, beside the registered platforms."""
    extra: list[str] = getattr(response, EXTRA_ATTRIBUTE, [])
    setattr(response, EXTRA_ATTRIBUTE, [*extra, origin])
    return response

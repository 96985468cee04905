"""Absolute URLs of the tool's endpoints, as platforms must be told them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def tool_base(request: HttpRequest | None = None) -> str:
    """``LTI_TOOL_BASE_URL`` when set (behind a proxy), else the request's own origin."""
    base = getattr(settings, "LTI_TOOL_BASE_URL", "")
    if base:
        return base.rstrip("/")
    if request is None:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def tool_url(request: HttpRequest | None, name: str, **kwargs: object) -> str:
    return tool_base(request) + reverse(name, kwargs=kwargs or None)

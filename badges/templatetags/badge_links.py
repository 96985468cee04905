"""Template filters for showing URLs that come from credentials.

``{{ value|web_url }}`` is the URL when it is an absolute http(s) URL and empty otherwise, so a
template writes ``{% with link=value|web_url %}{% if link %}<a href="{{ link }}">`` and a
``javascript:`` or ``data:`` URL in a credential never becomes a link.
"""

from __future__ import annotations

from typing import Any

from django import template

from badges.untrusted import web_url as _web_url

register = template.Library()


@register.filter
def web_url(value: Any) -> str:
    """The value when a browser may safely follow it as a link, otherwise an empty string."""
    return _web_url(value) or ""

"""``{% frame_links %}``: the links other apps registered for the framed pages' navigation."""

from __future__ import annotations

from typing import Any

from django import template

from lti_tool.framed import frame_links as links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def frame_links(context: Any) -> list[tuple[str, str]]:
    request, session = context.get("request"), context.get("session")
    if request is None or session is None or not hasattr(request, "learner"):
        return []
    return links_for(request, session)

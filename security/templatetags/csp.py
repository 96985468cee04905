"""``{% csp_nonce %}`` for the inline scripts that stay inline, ``{% form_target %}`` for forms
that post to another site (see ``security.csp``)."""

from __future__ import annotations

from django import template

from security import csp

register = template.Library()


@register.simple_tag(takes_context=True)
def csp_nonce(context: template.Context) -> str:
    """This request's nonce, to write as ``<script nonce="{% csp_nonce %}">``.

    Widget and panel templates are rendered without the request, so the nonce also comes from
    the middleware's context variable.
    """
    request = context.get("request")
    return getattr(request, "csp_nonce", "") or csp.current_nonce.get()


@register.simple_tag(takes_context=True)
def form_target(context: template.Context, url: str) -> str:
    """Print a form's ``action`` and let this response's policy post to its origin.

    Only the template decides where its forms may post: a form injected into the page's
    content cannot widen ``form-action``.
    """
    request = context.get("request")
    origin = csp.origin_of(str(url))
    if request is not None and origin:
        csp.allow(request, "form-action", origin)
    return url

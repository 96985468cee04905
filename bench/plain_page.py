"""The baseline of ``bench.pages``: a plain Wagtail page showing a lesson's StreamField.

``python -m bench.pages`` serves this URL configuration (the project's own, with one more
route in front). ``/plain-wagtail-page/<path>`` does what Wagtail's page-serving view does
for any page (find the site for the request, route the path through the page tree, run the
``before_serve_page`` and ``on_serve_page`` hooks, which check the request method and the
page's view restrictions) and then renders the page with the smallest template that shows a
StreamField, ``{% include_block %}`` for each block, with the same
``block_id`` the lesson template passes. Everything else is the project's: middleware,
context processors and the blocks' own templates. What a lesson page costs beyond this is
what the hub adds around its content: layout, navigation, mentors and the learner's progress.
It exists only for the benchmark; nothing in the product routes to it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path
from wagtail import hooks
from wagtail.models import Page

PLAIN_TEMPLATE = engines["django"].from_string(
    '{% load wagtailcore_tags %}<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>"
    "{% for block in page.body %}{% include_block block with block_id=block.id %}{% endfor %}"
    "</main></body></html>"
)


def plain_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``wagtail.views.serve``, with the minimal template in place of ``page.serve``."""
    route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    def render(page: Page, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        return HttpResponse(PLAIN_TEMPLATE.render({"page": page, "self": page}, request))

    chain = render
    for hook in reversed(hooks.get_hooks("on_serve_page")):  # view restrictions, as Wagtail
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


urlpatterns = [
    path("plain-wagtail-page/<path:path>", plain_page),
    path("", include("config.urls")),
]

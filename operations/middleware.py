"""A page for "405 Method Not Allowed", which Django answers with an empty body.

Django has no ``handler405``: ``require_POST`` and friends return an empty response, which a
browser shows as a blank page (a learner who bookmarks ``/lti/launch/`` and opens it again
gets one). This fills such responses with the site's 405 page, keeping the status and every
header (``Allow`` among them). Responses that already have a body (API errors in JSON) are
left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from operations.views import error_response


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = error_response(request, 405, with_context=True)
        response.content = page.content
        response["Content-Type"] = page["Content-Type"]
        if getattr(page, "xframe_options_exempt", False):
            response.xframe_options_exempt = True
        return response

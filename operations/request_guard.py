"""Refuse requests carrying NUL characters before any view sees them.

A NUL character (``\\x00``, ``%00`` once decoded) has no use in a URL or a form field, and
PostgreSQL cannot store or even compare it in text: a lookup such as
``filter(state=value)`` with a NUL raises ``ValueError`` deep inside the driver, which
surfaced as a 500 from search, the content API, the LTI login and launch and the framed
pages. Checking every view for it would be a patch per view and one forgotten view away from
the next 500, so this middleware refuses such a request once, with a 400 and a plain message
(JSON under ``/api/``, the site's error page elsewhere).

Form bodies are checked too: URL-encoded ones by searching the raw bytes (nothing is parsed),
multipart ones through ``request.POST`` (their text fields, never their files), which Django
would parse for the view a moment later anyway. Under ``/api/`` multipart bodies are left to
Django REST framework, which parses them itself with its own size limits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from operations.views import error_response

MESSAGE = "The request contains a character that is not allowed (a NUL character)."
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MULTIPART_CONTENT_TYPE = "multipart/form-data"


def carries_nul(request: HttpRequest) -> bool:
    """True if the path, the query string or a URL-encoded form body carries a NUL."""
    if "\x00" in request.path:
        return True
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in query or "%00" in query:
        return True
    if request.method != "POST":
        return False
    if request.content_type == FORM_CONTENT_TYPE:
        body = request.body
        return b"\x00" in body or b"%00" in body
    if request.content_type == MULTIPART_CONTENT_TYPE and not request.path.startswith("/api/"):
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.POST.lists()
        )
    return False


class RejectNulCharactersMiddleware:
    """Answer 400 to any request that carries a NUL character (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return error_response(request, 400, with_context=False)
        return self.get_response(request)

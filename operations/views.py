"""Operations endpoints: ``/healthz`` and the site's error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from operations import health
from operations.errors import ERROR_PAGES, is_framed


@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database and the cache answer, 503 naming what failed; queue figures.

    For load balancers and monitoring: no sign-in, never cached, nothing secret in it.
    """
    checks = {"database": health.check_database(), "cache": health.check_cache()}
    failed = sorted(name for name, error in checks.items() if error)
    body: dict[str, object] = {
        "status": "failing" if failed else "ok",
        "failed": failed,
        "checks": {name: error or "ok" for name, error in checks.items()},
    }
    if "database" not in failed:
        queue = health.queue_status(timezone.now())
        body["worker"] = {"last_heartbeat_age_seconds": _rounded(queue.heartbeat_age)}
        body["tasks"] = {"oldest_waiting_age_seconds": _rounded(queue.oldest_waiting_age)}
        body["warnings"] = queue.warnings
    response = JsonResponse(body, status=503 if failed else 200)
    if request.method == "HEAD":
        response.content = b""  # a HEAD answer has headers only (WSGI servers warn otherwise)
    return response


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def error_response(request: HttpRequest | None, status: int, *, with_context: bool) -> HttpResponse:
    """Render the public or framed page for ``status``.

    ``with_context`` runs the template context processors (the site's navigation, which reads
    the database); the 500 page goes without them, so it renders while the database is down.
    """
    page = ERROR_PAGES[status]
    framed = is_framed(request)
    template = loader.get_template(
        "operations/error_framed.html" if framed else "operations/error_public.html"
    )
    context = {
        "error": page,
        "explanation": page.framed_explanation if framed else page.explanation,
    }
    html = template.render(context, request if with_context else None)
    response = HttpResponse(html, status=status)
    if framed:
        # Shown inside the LMS iframe; frame-ancestors (lti_tool's middleware) still limits
        # which sites may frame it.
        response.xframe_options_exempt = True
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, with_context=True)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403, with_context=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: the 403 page, not Django's technical one."""
    return error_response(request, 403, with_context=True)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404, with_context=True)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500, with_context=False)

"""Registering the tool with a platform: by hand from ``/lti/config.json``, or through the
Dynamic Registration page the LMS opens (``/lti/register/``).

The LMS opens it once with ``token`` (the one-time link), ``openid_configuration`` and
``registration_token`` in the query string. Only that first request carries them in its URL:
the review form posts them in its body to the bare ``/lti/register/``, and the pages send no
referrer, so neither secret reaches an access log, a proxy log or a ``Referer`` header after
that (``security.log_redaction`` masks them in the first request's log line too).

The LMS frames these pages in its admin page, and it is not registered yet, so the usual
``frame-ancestors`` (registered platforms only) would block them. Once the one-time link has
been checked (or registration is open), the origin of the ``openid_configuration`` URL may
frame every page of that request: review, done, or the error explaining what went wrong.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from lti_tool.registration import dynamic as dr
from lti_tool.registration.configuration import registration_payload, tool_configuration
from lti_tool.registration.framing import allow_framing_by

logger = logging.getLogger("lti_tool.registration")


@require_GET
def config_json(request: HttpRequest) -> JsonResponse:
    """Everything an LMS administrator needs to register the tool by hand."""
    data: dict[str, Any] = tool_configuration(request)
    return JsonResponse(data, json_dumps_params={"indent": 2})


def no_referrer(view: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Send no ``Referer`` from these pages: the first one's URL holds the tokens."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        response = view(request)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@csrf_exempt  # the one-time token in the form, not a cookie, protects this LMS-framed page
@xframe_options_exempt
@never_cache
@no_referrer
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    url = source.get("openid_configuration", "")[:2000]
    token = source.get("token", "")[:200]
    # Checked before registering: a successful registration uses the one-time link up.
    framer = _registering_platform(token, url)
    response = _register(request, source, url, token)
    if framer is not None:
        allow_framing_by(response, framer)
    return response


def _registering_platform(token: str, url: str) -> str | None:
    """The origin that may frame this request's page: only with a usable link."""
    try:
        dr.gate(token)
    except dr.RegistrationError:
        return None
    return dr.registering_origin(url)


def _register(request: HttpRequest, source: QueryDict, url: str, token: str) -> HttpResponse:
    registration_token = source.get("registration_token", "")[:4000]
    try:
        dr.gate(token)
        if not url:
            raise dr.RegistrationError(
                "Paste this address into your learning platform's “register a tool” (LTI "
                "Advantage dynamic registration) form; it cannot be opened directly."
            )
        config = dr.fetch_platform_configuration(url, registration_token)
        if request.method == "GET":
            return render(
                request,
                "lti_tool/register_review.html",
                {
                    "config": config,
                    "payload": registration_payload(request, config.data),
                    "openid_configuration": url,
                    "registration_token": registration_token,
                    "token": token,
                },
            )
        registration = dr.register(request, config, registration_token, token)
    except dr.RegistrationError as error:
        # json.dumps: the detail may quote the platform's answer (quotes, newlines).
        logger.warning(
            '{"event": "lti_registration_refused", "status": %d, "detail": %s}',
            error.status,
            json.dumps(error.message),
        )
        return render(
            request,
            "lti_tool/register_error.html",
            {"message": error.message},
            status=error.status,
        )
    logger.info('{"event": "lti_registered", "registration": %d}', registration.pk)
    return render(request, "lti_tool/register_done.html", {"registration": registration})

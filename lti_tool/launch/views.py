"""The tool's stable LTI launch endpoints: OIDC login, launch and the tool's public keys (JWKS)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lti_tool.launch import platform_keys
from lti_tool.launch import state as login_state
from lti_tool.launch.cookies import set_framed_cookie
from lti_tool.launch.sessions import record_launch
from lti_tool.launch.toolconf import DatabaseToolConf
from lti_tool.launch.validation import (
    BrowserCheckNeeded,
    DeploymentAwaitingActivation,
    LaunchRefused,
    cookie_name,
    validate_launch,
)
from lti_tool.models import ToolKey
from lti_tool.registration import platform_cache
from lti_tool.urls_helpers import tool_url

logger = logging.getLogger("lti_tool.launch")
LOGIN_PARAMS = (
    "iss",
    "login_hint",
    "target_link_uri",
    "lti_message_hint",
    "lti_deployment_id",
    "client_id",
    "lti_storage_target",
)


def refused(request: HttpRequest, error: LaunchRefused) -> HttpResponse:
    """The learner-facing page for a refused launch, plus one structured log line."""
    logger.warning(error.log_line())
    template = (
        "lti_tool/awaiting_activation.html"
        if isinstance(error, DeploymentAwaitingActivation)
        else "lti_tool/refused.html"
    )
    return render(
        request,
        template,
        {"message": error.message, "code": error.code},
        status=error.status,
    )


def client_address(request: HttpRequest) -> str:
    """The address a request came from, for bounding logins per address.

    Behind a reverse proxy every request comes from the proxy: set
    ``LTI_CLIENT_ADDRESS_HEADER`` (for example ``X-Forwarded-For``) and the number of proxies
    you run, ``LTI_TRUSTED_PROXY_COUNT``, so the address the nearest trusted proxy saw is used.
    """
    header = getattr(settings, "LTI_CLIENT_ADDRESS_HEADER", "")
    if header:
        hops = [hop.strip() for hop in request.headers.get(header, "").split(",") if hop.strip()]
        trusted = max(1, int(getattr(settings, "LTI_TRUSTED_PROXY_COUNT", 1)))
        if len(hops) >= trusted:
            return hops[-trusted][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def _params(request: HttpRequest) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    return {key: source.get(key, "")[:2000] for key in (*LOGIN_PARAMS, "new_window")}


@csrf_exempt
@xframe_options_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """OIDC third-party initiated login: check the platform, then send the browser to it."""
    params = _params(request)
    if not params["iss"] or not params["login_hint"]:
        return refused(
            request, LaunchRefused("login_params", "The login request lacks iss or login_hint.")
        )
    registration = _registration_for_login(request, params["iss"], params["client_id"])
    if registration is None:
        return refused(
            request,
            LaunchRefused(
                "unknown_registration",
                f"No active registration for {params['iss']!r} / {params['client_id']!r}.",
                "This tool has not been set up for your learning platform yet. Please tell "
                "your platform's administrator.",
                context={"iss": params["iss"][:200], "client_id": params["client_id"][:200]},
            ),
        )
    target = params["target_link_uri"] or tool_url(request, "lti:launch")
    if urlsplit(target).netloc != urlsplit(tool_url(request, "lti:launch")).netloc:
        return refused(
            request,
            LaunchRefused("target_link_uri", f"target_link_uri {target!r} is not on this tool."),
        )
    storage_target = params["lti_storage_target"] if not params["new_window"] else ""
    try:
        login, secret = login_state.begin_login(
            registration.issuer,
            registration.client_id,
            target,
            storage_target,
            client_address=client_address(request),
        )
    except login_state.TooManyLogins as busy:
        logger.warning(
            '{"event": "lti_login_throttled", "detail": "%s"}', busy.detail.replace('"', "'")
        )
        response = render(request, "lti_tool/too_many_logins.html", status=429)
        response["Retry-After"] = str(busy.retry_after)
        return response
    auth_params = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": registration.client_id,
        "redirect_uri": tool_url(request, "lti:launch"),
        "state": login.state,
        "nonce": login.nonce,
        "login_hint": params["login_hint"],
    }
    if params["lti_message_hint"]:
        auth_params["lti_message_hint"] = params["lti_message_hint"]
    # The launch will need the platform's keys: fetch them now, while the browser is away.
    platform_keys.prefetch(registration.key_set_url)
    auth_url = registration.auth_login_url
    auth_url += ("&" if "?" in auth_url else "?") + urlencode(auth_params)

    if storage_target:
        response = render(
            request,
            "lti_tool/platform_storage_login.html",
            {
                "auth_url": auth_url,
                "storage": {
                    "auth_url": auth_url,
                    "target": storage_target,
                    "origin": _origin(registration.auth_login_url),
                    "state": login.state,
                    "secret": secret,
                },
            },
        )
    elif request.headers.get("Sec-Fetch-Dest") == "iframe" and not params["new_window"]:
        new_window = {k: v for k, v in params.items() if v and k != "lti_storage_target"}
        new_window["new_window"] = "1"
        response = render(
            request,
            "lti_tool/cookie_check.html",
            {
                "auth_url": auth_url,
                "new_window_url": tool_url(request, "lti:login") + "?" + urlencode(new_window),
            },
        )
    else:
        response = HttpResponseRedirect(auth_url)
    set_framed_cookie(response, cookie_name(login.state), login.state, login_state.STATE_TTL)
    return response


def _registration_for_login(request: HttpRequest, iss: str, client_id: str) -> Any:
    """The active registration a login names: by (issuer, client_id), or, when the platform
    sent no client_id, the issuer's only active registration."""
    if client_id:
        found = platform_cache.find_registration(iss, client_id, request)
        return found if found is not None and found.active else None
    match = DatabaseToolConf().find_registration_by_issuer(iss)
    return match.model if match is not None else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@csrf_exempt
@xframe_options_exempt
@never_cache
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """The OIDC redirect URI: validate the id_token, record the launch, open the session."""
    try:
        validated = validate_launch(request)
    except BrowserCheckNeeded as check:
        if check.login.storage_target and not request.POST.get("lti_storage_secret"):
            return render(
                request,
                "lti_tool/platform_storage_launch.html",
                {
                    "launch_url": tool_url(request, "lti:launch"),
                    "id_token": request.POST.get("id_token", ""),
                    "state": check.login.state,
                    "storage": {
                        "target": check.login.storage_target,
                        "origin": _origin(_auth_url_for(check.login)),
                        "state": check.login.state,
                    },
                },
            )
        return refused(
            request,
            LaunchRefused(
                "state_mismatch",
                "The browser could not prove it started this login (no state cookie and no "
                "platform storage).",
                "Your browser blocked the information this tool needs. Please go back to your "
                "course and open the link again, or open it in a new window.",
            ),
        )
    except LaunchRefused as error:
        return refused(request, error)
    session = record_launch(validated)
    logger.info(
        '{"event": "lti_launch", "message_type": "%s", "registration": %d, "deployment": %d}',
        session.message_type,
        session.registration_id,
        session.deployment_id,
    )
    if validated.is_deep_linking:
        return HttpResponseRedirect(tool_url(request, "lti:deep_link", token=session.token))
    return HttpResponseRedirect(tool_url(request, "lti:resume", token=session.token))


def _auth_url_for(login: login_state.LoginState) -> str:
    registration = platform_cache.find_registration(login.issuer, login.client_id)
    return registration.auth_login_url if registration else login.issuer


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    """The tool's public keys (current and retired-but-published)."""
    response = JsonResponse(ToolKey.jwks())
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response

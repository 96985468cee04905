"""The Deep Linking picker an instructor uses inside the LMS frame."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render

from lti_tool.framed import deep_linking
from lti_tool.framed.frame import FramedRequest, framed
from lti_tool.launch.sessions import LaunchSession
from lti_tool.models import Deployment, Registration
from lti_tool.urls_helpers import tool_url


@framed
def deep_link(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The picker an instructor uses to add steps and lessons to their course."""
    if session.message_type != "LtiDeepLinkingRequest":
        raise Http404("This launch is not a Deep Linking request.")
    settings = session.deep_linking_settings
    query = request.GET.get("q", "").strip()[:100]
    pages = deep_linking.selectable_pages()
    if query:
        lowered = query.lower()
        pages = [
            p
            for p in pages
            if lowered in p.title.lower() or lowered in getattr(p, "summary", "").lower()
        ]
    context: dict[str, Any] = {
        "session": session,
        "pages": pages,
        "query": query,
        "settings": settings,
        "accept_multiple": settings.get("accept_multiple", True) not in (False, "false"),
        "selected": set(request.POST.getlist("page")),
        "gradebook": request.POST.get("gradebook") == "on",
        "label": request.POST.get("label", ""),
        "score_maximum": request.POST.get("score_maximum", "100"),
    }
    if request.method != "POST":
        return render(request, "lti_tool/deep_link.html", context)

    registration = Registration.objects.get(pk=session.registration_id)
    deployment = Deployment.objects.get(pk=session.deployment_id)
    if request.POST.get("cancel"):
        items: list[dict] = []
        message = "No items were added."
    else:
        try:
            chosen, column = deep_linking.parse_choice(
                request.POST.getlist("page"),
                settings,
                context["gradebook"],
                context["label"],
                context["score_maximum"],
            )
        except deep_linking.DeepLinkingError as error:
            context["error_message"] = str(error)
            return render(request, "lti_tool/deep_link.html", context, status=400)
        items = deep_linking.content_items(chosen, tool_url(request, "lti:launch"), column)
        message = (
            f"Added {len(items)} item{'s' if len(items) != 1 else ''} from Peer Leadership Hub."
        )
    token = deep_linking.response_jwt(
        registration, deployment.deployment_id, settings, items, message=message
    )
    return render(
        request,
        "lti_tool/deep_link_return.html",
        {"return_url": settings.get("deep_link_return_url", ""), "jwt": token, "items": items},
    )

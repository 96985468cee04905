"""Public views of the badges app. Thin: parse the request, call one domain function, render."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from badges import ob2
from badges.artwork import achievement_png, achievement_svg
from badges.baking import bake_ob2, bake_png, bake_svg
from badges.forms import VerifyForm
from badges.issuing import CREDENTIAL_CONTEXT, achievement_document
from badges.models import Achievement, Credential, Issuer, StatusList
from badges.presentation import NOT_FOUND_HEADLINE
from badges.signing import controller_document
from badges.statuslist import status_list_credential
from badges.verify import verify_credential
from badges.verify_record import verify_submission

VC_MEDIA_TYPE = "application/vc+ld+json"
LD_MEDIA_TYPE = "application/ld+json"


def _json(document: Any, content_type: str = LD_MEDIA_TYPE, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        document,
        status=status,
        content_type=content_type,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _compact(document: Any) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def issuer(request: HttpRequest, slug: str) -> JsonResponse:
    """The issuer's id: its controller document, listing every published key."""
    return _json(controller_document(get_object_or_404(Issuer, slug=slug)), "application/json")


@require_GET
def achievement(request: HttpRequest, public_id: str) -> JsonResponse:
    """The OB 3.0 Achievement, as JSON-LD."""
    found = get_object_or_404(Achievement.objects.select_related("issuer"), public_id=public_id)
    return _json({"@context": CREDENTIAL_CONTEXT[:2], **achievement_document(found)})


@require_GET
def achievement_image(request: HttpRequest, public_id: str) -> HttpResponse:
    found = get_object_or_404(Achievement, public_id=public_id)
    return HttpResponse(achievement_png(found), content_type="image/png")


@require_GET
def achievement_image_svg(request: HttpRequest, public_id: str) -> HttpResponse:
    found = get_object_or_404(Achievement, public_id=public_id)
    return HttpResponse(achievement_svg(found), content_type="image/svg+xml")


def _credential(public_id: str) -> Credential:
    return get_object_or_404(
        Credential.objects.select_related("achievement__issuer"), public_id=public_id
    )


@require_GET
def credential(request: HttpRequest, public_id: str) -> HttpResponse:
    """The credential's id: JSON for software, its public page for browsers."""
    found = _credential(public_id)
    preferred = request.get_preferred_type([VC_MEDIA_TYPE, LD_MEDIA_TYPE, "text/html"])
    if preferred != "text/html":
        return _json(found.document, VC_MEDIA_TYPE)
    context = {
        "credential": found,
        "achievement": found.achievement,
        "issuer": found.achievement.issuer,
        "report": verify_credential(found.document),
    }
    return render(request, "badges/credential.html", context)


@require_GET
def credential_download(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _credential(public_id)
    text = json.dumps(found.document, indent=2, ensure_ascii=False)
    return _download(text, VC_MEDIA_TYPE, f"badge-{found.public_id}.json")


@require_GET
def credential_png(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _credential(public_id)
    baked = bake_png(achievement_png(found.achievement), _compact(found.document))
    return _download(baked, "image/png", f"badge-{found.public_id}.png")


@require_GET
def credential_svg(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _credential(public_id)
    baked = bake_svg(achievement_svg(found.achievement), _compact(found.document))
    return _download(baked, "image/svg+xml", f"badge-{found.public_id}.svg")


@require_GET
def status_list(request: HttpRequest, public_id: str) -> JsonResponse:
    """The signed BitstringStatusListCredential, current as of this request."""
    found = get_object_or_404(StatusList.objects.select_related("issuer"), public_id=public_id)
    response = _json(status_list_credential(found), VC_MEDIA_TYPE)
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def ob2_issuer(request: HttpRequest, slug: str) -> JsonResponse:
    return _json(ob2.issuer_profile(get_object_or_404(Issuer, slug=slug)))


@require_GET
def ob2_badge_class(request: HttpRequest, public_id: str) -> JsonResponse:
    found = get_object_or_404(Achievement.objects.select_related("issuer"), public_id=public_id)
    return _json(ob2.badge_class(found))


@require_GET
def ob2_assertion(request: HttpRequest, public_id: str) -> JsonResponse:
    """The OB 2.0 hosted assertion; 410 Gone (with ``revoked: true``) once revoked, and
    while suspended."""
    found = _credential(public_id)
    gone = found.is_revoked or found.is_suspended
    return _json(ob2.assertion(found), status=410 if gone else 200)


@require_GET
def ob2_assertion_png(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _credential(public_id)
    baked = bake_ob2(achievement_png(found.achievement), _compact(ob2.assertion(found)))
    return _download(baked, "image/png", f"badge-{found.public_id}-ob2.png")


@require_GET
def ob2_assertion_svg(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _credential(public_id)
    image = achievement_svg(found.achievement).encode("utf-8")
    baked = bake_ob2(image, _compact(ob2.assertion(found)))
    return _download(baked, "image/svg+xml", f"badge-{found.public_id}-ob2.svg")


def verify(request: HttpRequest) -> HttpResponse:
    """The public verification page: a badge, or a whole learner record (CLR 2.0)."""
    report = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            report = verify_submission(form.document(), email=form.cleaned_data.get("email"))
    else:
        form = VerifyForm()
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    context = {"form": form, "report": report, "not_found_headline": NOT_FOUND_HEADLINE}
    return render(request, "badges/verify.html", context, status=status)

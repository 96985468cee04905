"""Wagtail admin views for assessors: award an accreditation, follow a bulk award."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from badges.forms import AwardForm
from badges.models import BulkAward
from badges.tasks import request_bulk_award

ASSESSORS_GROUP = "Assessors"


#: Awarding accreditations creates a bulk award, so the permission to add one is the
#: permission to award. ``setup_badges`` grants it to the Assessors group; any group (or
#: user) given it may award, whatever its name.
AWARD_PERMISSION = "badges.add_bulkaward"


def is_assessor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may award accreditations: active and holding the award permission."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "has_perm", lambda _: False)(AWARD_PERMISSION))


def _require_assessor(request: HttpRequest) -> None:
    if not is_assessor(request.user):
        raise PermissionDenied("Only assessors can award accreditations.")


def award(request: HttpRequest) -> HttpResponse:
    """Choose an accreditation and the learners to award it to."""
    _require_assessor(request)
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bulk = request_bulk_award(
            form.cleaned_data["achievement"], list(form.cleaned_data["learners"]), request.user
        )
        return redirect("badges_admin:bulk-award", pk=bulk.pk)
    recent = BulkAward.objects.select_related("achievement")[:20]
    return TemplateResponse(request, "badges/admin/award.html", {"form": form, "recent": recent})


def bulk_award(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress and per-learner results of one bulk award."""
    _require_assessor(request)
    bulk = get_object_or_404(BulkAward.objects.select_related("achievement"), pk=pk)
    results = bulk.results.select_related("learner", "credential")
    return TemplateResponse(
        request, "badges/admin/bulk_award.html", {"bulk": bulk, "results": results}
    )

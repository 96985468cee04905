"""The cohort view tutors and mentors open inside the LMS frame, and its CSV download."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from lti_tool.framed import cohort as cohorts
from lti_tool.framed.frame import COHORT_PANELS, FramedRequest, framed, linked_page, step_of
from lti_tool.launch.sessions import LaunchSession
from lti_tool.models import Context
from lti_tool.services.nrps import request_sync

COHORT_REFUSED = "Only tutors and mentors of this course can see its cohort."


def _cohort_overview(session: LaunchSession, status_filter: str) -> tuple[Any, Any]:
    """The step the launched link belongs to, and its cohort overview (page and CSV alike)."""
    linked = linked_page(session)
    step = step_of(linked) if linked else None
    return step, cohorts.cohort_overview(session.context_id, step, status_filter)


@framed
def cohort(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Staff and mentors: progress of the learners in this course, lesson by lesson."""
    if not cohorts.may_view_cohort(session.context_id, session.lti_user_id, session.roles):
        return render(
            request,
            "lti_tool/refused.html",
            {"message": COHORT_REFUSED},
            status=403,
        )
    cohort_url = reverse("lti:cohort", kwargs={"token": session.token})
    sync_asked = request.method == "POST" and request.POST.get("action") == "sync"
    if sync_asked and session.is_staff and session.context_id is not None:
        context = Context.objects.get(pk=session.context_id)
        request_sync(context, force=True)
        return HttpResponseRedirect(cohort_url)
    if request.GET.get("part") == "sync":  # the status region, refreshed by cohort.js
        sync = cohorts.sync_state(session.context_id)
        response = render(
            request,
            "lti_tool/cohort_sync_status.html",
            {"sync": sync, "cohort_url": cohort_url},
        )
        response["X-Sync-Busy"] = "1" if sync.busy else "0"
        return response
    step, overview = _cohort_overview(session, request.GET.get("status", ""))
    return render(
        request,
        "lti_tool/cohort.html",
        {
            "session": session,
            "step": step,
            "overview": overview,
            "filters": cohorts.FILTERS,
            "status_labels": cohorts.STATUS_LABELS,
            "sync": cohorts.sync_state(session.context_id),
            "cohort_url": cohort_url,
            "csv_url": reverse("lti:cohort_csv", kwargs={"token": session.token}),
            "back_url": reverse("lti:resume", kwargs={"token": session.token}),
            "cohort_panels": [panel(request, session) for panel in COHORT_PANELS.values()],
        },
    )


@framed
def cohort_csv(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The cohort overview (as filtered) as a CSV download, for the same people."""
    if not cohorts.may_view_cohort(session.context_id, session.lti_user_id, session.roles):
        return HttpResponse(COHORT_REFUSED, status=403)
    _, overview = _cohort_overview(session, request.GET.get("status", ""))
    response = HttpResponse(cohorts.cohort_csv(overview), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cohort-progress.csv"'
    return response

"""The learner's "My badges" page inside the LMS frame (data from the badges app), and the
download of their whole record as one CLR 2.0 credential."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from badges.clr import NothingToRecord, has_record, learner_record
from badges.public import badges_for
from lti_tool.framed.frame import FramedRequest, framed
from lti_tool.launch.sessions import LaunchSession

RECORD_MEDIA_TYPE = "application/vc+ld+json"


@framed
def my_badges(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Each badge with its image, criteria, dates, status, downloads and share links."""
    return render(
        request,
        "lti_tool/my_badges.html",
        {
            "session": session,
            "badges": badges_for(request.learner),
            "back_url": reverse("lti:resume", kwargs={"token": session.token}),
            "verify_url": request.build_absolute_uri(reverse("badges:verify")),
            "record_url": (
                reverse("lti:my_record", kwargs={"token": session.token})
                if has_record(request.learner)
                else None
            ),
        },
    )


@framed
def my_record(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The session's learner's whole record as a signed CLR 2.0 credential (a JSON file), made
    now from the badges they hold; a plain page when they hold none."""
    try:
        record = learner_record(request.learner)
    except NothingToRecord:
        back_url = reverse("lti:my_badges", kwargs={"token": session.token})
        return render(request, "lti_tool/my_record_empty.html", {"back_url": back_url})
    response = HttpResponse(
        json.dumps(record, indent=2, ensure_ascii=False), content_type=RECORD_MEDIA_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="learner-record-clr.json"'
    return response

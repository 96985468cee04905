"""The learner's "My badges" page inside the LMS frame (data from the badges app)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from badges.public import badges_for
from lti_tool.framed.frame import FramedRequest, framed
from lti_tool.launch.sessions import LaunchSession


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
        },
    )

"""The learner's "My badges" page inside the LMS frame (data from the badges app)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from badges.models import Credential
from badges.public import badges_for
from hub.models import Learner, StepPage
from lti_tool.framed import FramedRequest, framed
from lti_tool.sessions import LaunchSession


def badge_earned_for(learner: Learner, step: StepPage) -> str | None:
    """Name of the badge the learner holds for completing ``step`` (None: no such badge).

    Badges for a step are awarded inside the progress transaction that completes it, so the
    page shown right after "I have finished this lesson" can already name it.
    """
    credential = (
        Credential.objects.filter(learner=learner, achievement__step=step)
        .select_related("achievement")
        .order_by("-issued_at")
        .first()
    )
    if credential is None or credential.is_revoked:
        return None
    return credential.achievement.name


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

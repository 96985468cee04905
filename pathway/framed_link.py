"""The "Accreditation" link in the framed pages' navigation (registered with the tool)."""

from __future__ import annotations

from django.urls import reverse

from lti_tool.framed import FramedRequest
from lti_tool.models import LaunchSession


def pathway_link(request: FramedRequest, session: LaunchSession) -> tuple[str, str] | None:
    """Learners (and mentors, who may apply to be coaches) see it; instructors do not."""
    if session.is_staff:
        return None
    return "Accreditation", reverse("pathway:home", kwargs={"token": session.token})

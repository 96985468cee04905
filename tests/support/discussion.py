"""Discussion test helpers: a real LTI launch into a lesson, and a response's text."""

from __future__ import annotations

import html
from typing import Any

from tests.support.lti import follow, launch


def open_lesson(
    client,
    platform,
    lesson,
    user: str,
    roles: list[str],
    context_id: str = "course-1",
    **claims: Any,
):
    """Launch ``user`` into Step One's link in course ``context_id``; return the token."""
    step = lesson.get_parent()
    launched = launch(
        client,
        platform,
        user=user,
        roles=roles,
        context_id=context_id,
        custom={"plh_page": str(step.pk)},
        resource_link_id=f"link-{context_id}-{step.pk}",
        **claims,
    )
    page = follow(client, launched)
    assert page.status_code == 200, page.content[:400]
    return page.wsgi_request.path.split("/")[3]


def text(response) -> str:
    return html.unescape(response.content.decode())


def member(user_id: str, name: str, roles: list[str]):
    """A platform member with an email address (which no discussion output may show)."""
    from lti_platform.models import Member

    return Member(
        user_id=user_id,
        roles=list(roles),
        name=name,
        given_name=name.split()[0],
        family_name=name.split()[-1],
        email=f"{name.split()[0].lower()}@example.edu",
    )
